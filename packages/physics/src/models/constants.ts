/** Physical constants (CODATA 2018 exact values) and the Arrhenius factor used by every model. */
export const FARADAY = 96485.33212; // C/mol
export const GAS_CONSTANT = 8.314462618; // J/(mol·K)
export const REFERENCE_TEMPERATURE = 298.15; // K

/** Arrhenius factor A(E, T) = exp(E/R · (1/T_ref − 1/T)), 1 at 25 °C. */
export function arrhenius(activationEnergy: number, temperature: number): number {
  return activationEnergy === 0
    ? 1
    : Math.exp((activationEnergy / GAS_CONSTANT) * (1 / REFERENCE_TEMPERATURE - 1 / temperature));
}
