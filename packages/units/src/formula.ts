/**
 * Safe evaluation of short formulas written in a spec, such as an open-circuit potential
 * `4.2 - 0.5*x` or `0.2 + 1.5*exp(-120*sto)`.
 *
 * The text is parsed with mathjs and the node tree is walked before anything is compiled: only
 * numbers, the declared variables, the constants `pi` and `e`, arithmetic operators and a short
 * list of functions pass. Assignments, function definitions, property/index access, `import`,
 * `evaluate` and every other mathjs function are rejected, so a spec can never reach the
 * mathjs instance itself. The checked tree is then compiled by mathjs.
 */
import { math } from './math.js';

/** Functions a formula may call, with the number of arguments each takes. */
const ALLOWED_FUNCTIONS: Readonly<Record<string, number>> = {
  exp: 1,
  log: 1,
  tanh: 1,
  sqrt: 1,
  pow: 2,
};
const ALLOWED_OPERATORS = new Set(['+', '-', '*', '/', '^']);
const ALLOWED_CONSTANTS = new Set(['pi', 'e']);
/** Longest formula accepted; real OCP fits are a few hundred characters. */
const MAX_FORMULA_LENGTH = 2000;

export interface CompiledFormula {
  /** The text as written. */
  readonly text: string;
  /** The variables the formula may use. */
  readonly variables: readonly string[];
  /** Evaluates the formula; non-finite results come back as NaN. */
  evaluate(values: Readonly<Record<string, number>>): number;
}

export type FormulaResult = { readonly formula: CompiledFormula } | { readonly error: string };

interface MathNodeLike {
  readonly type: string;
  readonly name?: string;
  readonly fn?: string | MathNodeLike;
  readonly op?: string;
  readonly value?: unknown;
  readonly args?: readonly MathNodeLike[];
  readonly content?: MathNodeLike;
}

function check(node: MathNodeLike, variables: ReadonlySet<string>): string | undefined {
  switch (node.type) {
    case 'ConstantNode':
      return typeof node.value === 'number' ? undefined : 'only numbers may appear as constants';
    case 'SymbolNode': {
      const name = node.name ?? '';
      if (variables.has(name) || ALLOWED_CONSTANTS.has(name)) return undefined;
      return `unknown name '${name}' (a formula may use ${[...variables].join(', ')})`;
    }
    case 'ParenthesisNode':
      return node.content ? check(node.content, variables) : 'empty parentheses';
    case 'OperatorNode': {
      const op = node.op ?? '';
      if (!ALLOWED_OPERATORS.has(op)) return `operator '${op}' is not allowed in a formula`;
      for (const arg of node.args ?? []) {
        const problem = check(arg, variables);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'FunctionNode': {
      const fn = node.fn;
      const name = typeof fn === 'object' && fn.type === 'SymbolNode' ? (fn.name ?? '') : '';
      const arity = ALLOWED_FUNCTIONS[name];
      if (arity === undefined) {
        return `function '${name || '?'}' is not allowed (allowed: ${Object.keys(ALLOWED_FUNCTIONS).join(', ')})`;
      }
      const args = node.args ?? [];
      if (args.length !== arity) return `${name} takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`;
      for (const arg of args) {
        const problem = check(arg, variables);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      return 'assignments and function definitions are not allowed in a formula';
    case 'AccessorNode':
    case 'IndexNode':
    case 'ObjectNode':
      return 'property and index access are not allowed in a formula';
    default:
      return `'${node.type.replace(/Node$/, '').toLowerCase()}' expressions are not allowed in a formula`;
  }
}

/**
 * Parses and checks `text`, then compiles it. `variables` are the names the formula may use
 * (for an open-circuit potential: `x` and `sto`, both meaning the stoichiometry).
 */
export function compileFormula(text: string, variables: readonly string[]): FormulaResult {
  // Parsing, checking and compiling recurse over the tree: a huge formula would overflow the stack.
  if (text.length > MAX_FORMULA_LENGTH)
    return { error: `the formula is ${text.length} characters long; a formula may have at most ${MAX_FORMULA_LENGTH}` };
  let root: MathNodeLike;
  try {
    root = math.parse(text) as unknown as MathNodeLike;
  } catch (e) {
    return {
      error:
        e instanceof RangeError
          ? 'the formula is nested too deeply'
          : `cannot read formula '${text}': ${(e as Error).message}`,
    };
  }
  let code: { evaluate(scope: Map<string, number>): unknown };
  try {
    const problem = check(root, new Set(variables));
    if (problem) return { error: problem };
    code = (root as unknown as { compile(): { evaluate(scope: Map<string, number>): unknown } }).compile();
  } catch (e) {
    return {
      error:
        e instanceof RangeError
          ? 'the formula is nested too deeply'
          : `cannot read formula '${text}': ${(e as Error).message}`,
    };
  }
  // A Map scope: names resolve only to what is put in it, never to object prototype members.
  const scope = new Map<string, number>();
  return {
    formula: {
      text,
      variables,
      evaluate(values) {
        for (const name of variables) scope.set(name, values[name] ?? NaN);
        const result = code.evaluate(scope);
        return typeof result === 'number' && Number.isFinite(result) ? result : NaN;
      },
    },
  };
}
