/** An open-circuit potential as a function of stoichiometry x = c_s / c_s,max, V vs Li/Li⁺. */
export interface OcpFunction {
  readonly name: string;
  /** Where the fit or table comes from. */
  readonly citation?: string | undefined;
  value(x: number): number;
  /** dU/dx, V per unit stoichiometry. */
  derivative(x: number): number;
  /** Entropic coefficient ∂U/∂T, V/K, when the source gives one. */
  entropic?(x: number, cMax: number): number;
}
