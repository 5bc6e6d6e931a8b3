/**
 * Tolerances a cell's fabrication process already states, read as lot variation.
 *
 * A process parameter with a tolerance ("areal-weight: 18.43 mg/cm2 ± 2 %") maps to a design
 * variable when its name says which number of the cell it sets:
 *   `cathode-areal-weight`, `anode-areal-weight`        → that electrode's loading
 *   `areal-weight` in a step whose title names the cathode or the anode → that electrode's loading
 *   `thickness` in a step whose title names the SE or electrolyte layer   → the electrolyte layer's thickness
 * Anything else (pressures, temperatures, times) sets no design figure directly and is left out.
 */
import type { CellIR, ParameterIR, ProcessIR } from '../ir.js';
import type { Tolerance } from './lot.js';

function targetOf(parameter: ParameterIR, stepTitle: string): string | undefined {
  const title = stepTitle.toLowerCase();
  const names = (word: string) => new RegExp(`\\b${word}\\b`).test(title);
  if (parameter.name === 'cathode-areal-weight') return 'cathode.loading';
  if (parameter.name === 'anode-areal-weight') return 'anode.loading';
  if (parameter.name === 'areal-weight') {
    const cathode = names('cathode');
    const anode = names('anode');
    if (cathode !== anode) return cathode ? 'cathode.loading' : 'anode.loading';
  }
  if (parameter.name === 'thickness' && (names('se') || names('electrolyte'))) return 'separator.thickness';
  return undefined;
}

/** The tolerances the processes of `cell` state, one per design variable (the first written wins). */
export function tolerancesFromProcesses(cell: CellIR, processes: readonly ProcessIR[]): Tolerance[] {
  const found = new Map<string, Tolerance>();
  for (const process of processes.filter((p) => p.cell === cell.name))
    for (const step of process.steps)
      for (const parameter of step.parameters) {
        const path = targetOf(parameter, step.name ?? step.type);
        if (!path || found.has(path)) continue;
        const origin = `${process.name}: ${step.type}${step.name ? ` "${step.name}"` : ''} ${parameter.name}`;
        if (parameter.relativeTolerance !== undefined)
          found.set(path, { path, halfWidth: parameter.relativeTolerance, relative: true, origin });
        else if (parameter.tolerance !== undefined)
          found.set(path, { path, halfWidth: parameter.tolerance, relative: false, origin });
      }
  return [...found.values()];
}
