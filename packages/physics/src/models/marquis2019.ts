/**
 * Built-in parameter set: Marquis et al., "An asymptotic derivation of a single particle model
 * with electrolyte", J. Electrochem. Soc. 166, A3693 (2019) — Kokam SLPB78205130H, LiCoO2 |
 * graphite (MCMB 2528), LiPF6 in EC:DMC — as in PyBaMM's `Marquis2019` set and the table of
 * `reference/README.md`. `comsol: true` gives the setup of the COMSOL DFN reference runs
 * distributed with PyBaMM: 1 m² electrodes, 24 A per C, solid conductivities 126 / 16.6 S/m.
 */
import { BUILTIN_OCPS } from '../ocp/builtin.js';
import { FARADAY, arrhenius } from './constants.js';
import type { ElectrodeParameters, ModelParameters } from './parameters.js';

const CITATION = 'Marquis et al., J. Electrochem. Soc. 166, A3693 (2019); PyBaMM Marquis2019';
const BRUGGEMAN = 1.5;

/** LiPF6 in EC:DMC, c in mol/m³ (Capiglia et al. 1999 fits as used by Marquis 2019). */
export const marquisElectrolyteConductivity = (c: number, T: number): number => {
  const m = c / 1000;
  return (0.0911 + 1.9101 * m - 1.052 * m * m + 0.1554 * m * m * m) * kappaArrhenius(T);
};
export const marquisElectrolyteDiffusivity = (c: number, T: number): number =>
  5.34e-10 * Math.exp((-0.65 * c) / 1000) * diffusivityArrhenius(T);

/** Arrhenius factors remembered for the last temperature (the models call these per node). */
function cachedArrhenius(activationEnergy: number): (T: number) => number {
  let lastT = NaN,
    last = 1;
  return (T) => (T === lastT ? last : ((lastT = T), (last = arrhenius(activationEnergy, T))));
}
const kappaArrhenius = cachedArrhenius(34700);
const diffusivityArrhenius = cachedArrhenius(37040);

export interface Marquis2019Options {
  /** The COMSOL comparison setup (1 m², 24 A/C, σ 126 / 16.6 S/m, isothermal). */
  readonly comsol?: boolean;
}

export function marquis2019(options: Marquis2019Options = {}): ModelParameters {
  const comsol = options.comsol ?? false;
  const nominalCapacityAh = 0.680616;
  const defaultArea = 0.137 * 0.207;
  const area = comsol ? 1 : defaultArea;
  const oneC = comsol ? 24 : nominalCapacityAh;
  // Capacity per m² that 1C removes in an hour; the 0 % SOC stoichiometries follow from it.
  const chargePerArea = (nominalCapacityAh * 3600) / defaultArea;
  const negMax = 24983.2619938437,
    posMax = 51217.9257309275;
  const negStart = 19986.609595075 / negMax,
    posStart = 30730.7554385565 / posMax;
  const negative: ElectrodeParameters = {
    type: 'porous',
    thickness: 100e-6,
    electrolyteFraction: 0.3,
    activeFraction: 0.6,
    particleRadius: 10e-6,
    maxConcentration: negMax,
    stoichiometryAt100Soc: negStart,
    stoichiometryAt0Soc: negStart - chargePerArea / (negMax * 0.6 * 100e-6 * FARADAY),
    ocp: BUILTIN_OCPS['graphite_Marquis2019']!,
    diffusivity: 3.9e-14,
    diffusivityActivationEnergy: 42770,
    rateConstant: 2e-5,
    reactionActivationEnergy: 37480,
    chargeTransferCoefficient: 0.5,
    electronicConductivity: comsol ? 126 : 100,
    solidTransportEfficiency: 0.6 ** BRUGGEMAN,
    ionicTransportEfficiency: 0.3 ** BRUGGEMAN,
    contactFraction: 1,
    filmResistance: 0,
  };
  const positive: ElectrodeParameters = {
    type: 'porous',
    thickness: 100e-6,
    electrolyteFraction: 0.3,
    activeFraction: 0.5,
    particleRadius: 10e-6,
    maxConcentration: posMax,
    stoichiometryAt100Soc: posStart,
    stoichiometryAt0Soc: posStart + chargePerArea / (posMax * 0.5 * 100e-6 * FARADAY),
    ocp: BUILTIN_OCPS['LiCoO2_Marquis2019']!,
    diffusivity: 1e-13,
    diffusivityActivationEnergy: 18550,
    rateConstant: 6e-7,
    reactionActivationEnergy: 39570,
    chargeTransferCoefficient: 0.5,
    electronicConductivity: comsol ? 16.6 : 10,
    solidTransportEfficiency: 0.5 ** BRUGGEMAN,
    ionicTransportEfficiency: 0.3 ** BRUGGEMAN,
    contactFraction: 1,
    filmResistance: 0,
  };
  // Lumped heat capacity: Σ ρ c_p L over the layers per m² (negative, separator, positive, Cu
  // and Al collectors of 25 µm; c_p of Cu 385, Al 897 J/(kg K)) times the electrode area.
  const rhoCpPerArea =
    1657 * 700 * 100e-6 + 397 * 700 * 25e-6 + 3262 * 700 * 100e-6 + 8954 * 385 * 25e-6 + 2707 * 897 * 25e-6;
  return {
    name: comsol ? 'Marquis2019 (COMSOL reference setup)' : 'Marquis2019',
    citation: CITATION,
    negative,
    separator: { thickness: 25e-6, electrolyteFraction: 1, ionicTransportEfficiency: 1 },
    positive,
    electrolyte: {
      type: 'liquid',
      initialConcentration: 1000,
      transferenceNumber: 0.4,
      thermodynamicFactor: 1,
      conductivity: marquisElectrolyteConductivity,
      diffusivity: marquisElectrolyteDiffusivity,
    },
    electrodeArea: area,
    oneCCurrent: oneC,
    voltageMin: 3.105,
    voltageMax: 4.1,
    temperature: 298.15,
    seriesResistance: 0,
    thermal: {
      heatCapacity: rhoCpPerArea * area,
      heatTransfer: 10 * 0.0569 * (area / defaultArea),
      coolingArea: 0.0569 * (area / defaultArea),
      ambient: 298.15,
    },
  };
}
