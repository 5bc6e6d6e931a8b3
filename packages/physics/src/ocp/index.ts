/** Open-circuit potentials from the IR: built-in fits, formulas and tables. */
import { compileFormula } from '@cellspec/units';
import type { OcpIR } from '../ir.js';
import { BUILTIN_OCPS, OCP_ALIASES } from './builtin.js';
import { tableOcp, checkOcpTable } from './table.js';
import type { OcpFunction } from './types.js';

export type { OcpFunction } from './types.js';
export { BUILTIN_OCPS, OCP_ALIASES } from './builtin.js';
export { tableOcp, tabulateOcp, checkOcpTable } from './table.js';

/** Variables an OCP formula may use; both mean the stoichiometry c_s/c_s,max. */
export const OCP_FORMULA_VARIABLES = ['x', 'sto'] as const;

export function builtinOcp(name: string): OcpFunction | undefined {
  return BUILTIN_OCPS[name] ?? BUILTIN_OCPS[OCP_ALIASES[name] ?? ''];
}

export function builtinOcpNames(): string[] {
  return Object.keys(BUILTIN_OCPS);
}

/** An OCP formula as a function; the derivative is a central difference (step 1e-6). */
export function formulaOcp(expression: string): OcpFunction | { error: string } {
  const compiled = compileFormula(expression, OCP_FORMULA_VARIABLES);
  if ('error' in compiled) return { error: `OCP formula: ${compiled.error}` };
  const values = { x: 0, sto: 0 };
  const value = (x: number) => {
    values.x = x;
    values.sto = x;
    return compiled.formula.evaluate(values);
  };
  const probe = value(0.5);
  if (!Number.isFinite(probe)) return { error: `OCP formula '${expression}' gives no finite voltage at x = 0.5` };
  const h = 1e-6;
  return {
    name: 'formula',
    citation: `formula ${expression}`,
    value,
    derivative: (x) => (value(x + h) - value(x - h)) / (2 * h),
  };
}

/** Resolves an IR OCP into a function, or says in an engineer's words why it cannot. */
export function resolveOcp(ocp: OcpIR): OcpFunction | { error: string } {
  switch (ocp.type) {
    case 'builtin': {
      const found = builtinOcp(ocp.name);
      return found ?? { error: `unknown built-in OCP '${ocp.name}' (known: ${builtinOcpNames().join(', ')})` };
    }
    case 'expression':
      return formulaOcp(ocp.expression);
    case 'table': {
      if (ocp.stoichiometry.length === 0 && ocp.file)
        return { error: `OCP table file ${ocp.file} has no points (it was not read or is empty)` };
      const problem = checkOcpTable(ocp.stoichiometry, ocp.voltage);
      return problem ? { error: problem } : tableOcp(ocp.stoichiometry, ocp.voltage, ocp.file ?? 'table', ocp.file);
    }
  }
}
