/**
 * Named built-in transport functions of liquid electrolytes: conductivity κ(c, T) and salt
 * diffusivity D(c, T), selected in a spec with `transport NAME` on the electrolyte material.
 */
import { marquisElectrolyteConductivity, marquisElectrolyteDiffusivity } from './marquis2019.js';

export interface ElectrolyteTransport {
  readonly citation: string;
  readonly conductivity: (c: number, temperature: number) => number;
  readonly diffusivity: (c: number, temperature: number) => number;
}

export const ELECTROLYTE_TRANSPORT: Readonly<Record<string, ElectrolyteTransport>> = {
  /** LiPF6 in EC:DMC (Capiglia et al. 1999 fits) as in Marquis et al. 2019 / PyBaMM Marquis2019. */
  LiPF6_Marquis2019: {
    citation: 'Marquis et al., J. Electrochem. Soc. 166, A3693 (2019); PyBaMM Marquis2019',
    conductivity: marquisElectrolyteConductivity,
    diffusivity: marquisElectrolyteDiffusivity,
  },
};
