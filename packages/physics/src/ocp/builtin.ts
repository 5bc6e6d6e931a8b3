/**
 * Built-in open-circuit potential (OCP) fits, each with its source. `x` is the stoichiometry
 * c_s / c_s,max of the active material; potentials are in V against Li/Li⁺.
 */
import type { OcpFunction } from './types.js';

const { tanh, exp } = Math;

/** d/dx tanh((x − c)/w) = (1 − tanh²)/w. */
const dtanh = (t: number, w: number) => (1 - t * t) / w;

/**
 * Graphite, Chen et al., J. Electrochem. Soc. 167, 080534 (2020) (PyBaMM `Chen2020`):
 * U = 1.9793·e^(−39.3631x) + 0.2482 − 0.0909·tanh(29.8538(x−0.1234))
 *     − 0.04478·tanh(14.9159(x−0.2769)) − 0.0205·tanh(30.4444(x−0.6103))
 */
const graphiteChen2020: OcpFunction = {
  name: 'graphite_Chen2020',
  citation: 'Chen et al., J. Electrochem. Soc. 167, 080534 (2020); PyBaMM Chen2020',
  value(x) {
    return (
      1.9793 * exp(-39.3631 * x) +
      0.2482 -
      0.0909 * tanh(29.8538 * (x - 0.1234)) -
      0.04478 * tanh(14.9159 * (x - 0.2769)) -
      0.0205 * tanh(30.4444 * (x - 0.6103))
    );
  },
  derivative(x) {
    const t1 = tanh(29.8538 * (x - 0.1234));
    const t2 = tanh(14.9159 * (x - 0.2769));
    const t3 = tanh(30.4444 * (x - 0.6103));
    return (
      -1.9793 * 39.3631 * exp(-39.3631 * x) -
      0.0909 * 29.8538 * (1 - t1 * t1) -
      0.04478 * 14.9159 * (1 - t2 * t2) -
      0.0205 * 30.4444 * (1 - t3 * t3)
    );
  },
};

/**
 * NMC811, Chen et al. 2020 (PyBaMM `Chen2020`), y = stoichiometry:
 * U = −0.8090y + 4.4875 − 0.0428·tanh(18.5138(y−0.5542))
 *     − 17.7326·tanh(15.7890(y−0.3117)) + 17.5842·tanh(15.9308(y−0.3120))
 */
const nmc811Chen2020: OcpFunction = {
  name: 'NMC811_Chen2020',
  citation: 'Chen et al., J. Electrochem. Soc. 167, 080534 (2020); PyBaMM Chen2020',
  value(y) {
    return (
      -0.809 * y +
      4.4875 -
      0.0428 * tanh(18.5138 * (y - 0.5542)) -
      17.7326 * tanh(15.789 * (y - 0.3117)) +
      17.5842 * tanh(15.9308 * (y - 0.312))
    );
  },
  derivative(y) {
    const t1 = tanh(18.5138 * (y - 0.5542));
    const t2 = tanh(15.789 * (y - 0.3117));
    const t3 = tanh(15.9308 * (y - 0.312));
    return (
      -0.809 - 0.0428 * 18.5138 * (1 - t1 * t1) - 17.7326 * 15.789 * (1 - t2 * t2) + 17.5842 * 15.9308 * (1 - t3 * t3)
    );
  },
};

/**
 * NMC532, Xu et al. (PyBaMM `Xu2019`), s = stoichiometry:
 * U = 4.3452 − 1.6518s + 1.6225s² − 2.0843s³ + 3.5146s⁴ − 2.2166s⁵ − 0.5623e-4·e^(109.451s − 100.006)
 */
const nmc532Xu2019: OcpFunction = {
  name: 'NMC532_Xu2019',
  citation: 'Xu et al. 2019; PyBaMM Xu2019',
  value(s) {
    return (
      4.3452 -
      1.6518 * s +
      1.6225 * s ** 2 -
      2.0843 * s ** 3 +
      3.5146 * s ** 4 -
      2.2166 * s ** 5 -
      0.5623e-4 * exp(109.451 * s - 100.006)
    );
  },
  derivative(s) {
    return (
      -1.6518 +
      2 * 1.6225 * s -
      3 * 2.0843 * s ** 2 +
      4 * 3.5146 * s ** 3 -
      5 * 2.2166 * s ** 4 -
      0.5623e-4 * 109.451 * exp(109.451 * s - 100.006)
    );
  },
};

/** Horner evaluation of a polynomial given highest power first, and of its derivative. */
function polynomial(name: string, citation: string, coefficients: readonly number[]): OcpFunction {
  return {
    name,
    citation,
    value(x) {
      let v = 0;
      for (const c of coefficients) v = v * x + c;
      return v;
    },
    derivative(x) {
      let d = 0;
      const n = coefficients.length - 1;
      for (let i = 0; i < n; i++) d = d * x + coefficients[i]! * (n - i);
      return d;
    },
  };
}

/** Silicon, Verbrugge fit used in PyBaMM `Chen2020_composite`: 7th-order polynomials. */
const siliconLithiation = polynomial(
  'Si_lithiation_Chen2020',
  'Verbrugge fit in PyBaMM Chen2020_composite (Ai et al. 2022)',
  [-96.63, 372.6, -587.6, 489.9, -232.8, 62.99, -9.286, 0.8633],
);
const siliconDelithiation = polynomial(
  'Si_delithiation_Chen2020',
  'Verbrugge fit in PyBaMM Chen2020_composite (Ai et al. 2022)',
  [-51.02, 161.3, -205.7, 140.2, -58.76, 16.87, -3.792, 0.9937],
);

/** Graphite (MCMB 2528) Dualfoil fit of Marquis et al. 2019, terms (amplitude, centre, width). */
const GRAPHITE_DUALFOIL_TANH: readonly (readonly [number, number, number])[] = [
  [0.0351, 0.286, 0.083],
  [-0.0045, 0.849, 0.119],
  [-0.035, 0.9233, 0.05],
  [-0.0147, 0.5, 0.034],
  [-0.102, 0.194, 0.142],
  [-0.022, 0.9, 0.0164],
  [-0.011, 0.124, 0.0226],
  [0.0155, 0.105, 0.029],
];

/**
 * Graphite, Marquis et al., J. Electrochem. Soc. 166, A3693 (2019), Dualfoil fit:
 * U_n = 0.194 + 1.5 e^(−120x) + Σ a_k tanh((x − c_k)/w_k) (terms above).
 * Entropic coefficient: dU/dx / c_s,max (the fastDFN/Moura convention the Marquis set uses).
 */
const graphiteMarquis2019: OcpFunction = {
  name: 'graphite_Marquis2019',
  citation: 'Marquis et al., J. Electrochem. Soc. 166, A3693 (2019); Dualfoil graphite (MCMB 2528) fit',
  value(x) {
    let u = 0.194 + 1.5 * exp(-120 * x);
    for (const [a, c, w] of GRAPHITE_DUALFOIL_TANH) u += a * tanh((x - c) / w);
    return u;
  },
  derivative(x) {
    let d = -180 * exp(-120 * x);
    for (const [a, c, w] of GRAPHITE_DUALFOIL_TANH) d += a * dtanh(tanh((x - c) / w), w);
    return d;
  },
  entropic(x, cMax) {
    return this.derivative(x) / cMax;
  },
};

/**
 * LiCoO2, Marquis et al. 2019 (Dualfoil fit), s = 1.062·x:
 * U_p = 2.16216 + 0.07645 tanh(30.834 − 54.4806 s) + 2.1581 tanh(52.294 − 50.294 s)
 *       − 0.14169 tanh(11.0923 − 19.8543 s) + 0.2051 tanh(1.4684 − 5.4888 s)
 *       + 0.2531 tanh((0.56478 − s)/0.1316) − 0.02167 tanh((s − 0.525)/0.006)
 */
const lcoMarquis2019: OcpFunction = {
  name: 'LiCoO2_Marquis2019',
  citation: 'Marquis et al., J. Electrochem. Soc. 166, A3693 (2019); Dualfoil LiCoO2 fit',
  value(x) {
    const s = 1.062 * x;
    return (
      2.16216 +
      0.07645 * tanh(30.834 - 54.4806 * s) +
      2.1581 * tanh(52.294 - 50.294 * s) -
      0.14169 * tanh(11.0923 - 19.8543 * s) +
      0.2051 * tanh(1.4684 - 5.4888 * s) +
      0.2531 * tanh((0.56478 - s) / 0.1316) -
      0.02167 * tanh((s - 0.525) / 0.006)
    );
  },
  derivative(x) {
    const s = 1.062 * x;
    const t1 = tanh(30.834 - 54.4806 * s),
      t2 = tanh(52.294 - 50.294 * s);
    const t3 = tanh(11.0923 - 19.8543 * s),
      t4 = tanh(1.4684 - 5.4888 * s);
    const t5 = tanh((0.56478 - s) / 0.1316),
      t6 = tanh((s - 0.525) / 0.006);
    const dds =
      -0.07645 * 54.4806 * (1 - t1 * t1) -
      2.1581 * 50.294 * (1 - t2 * t2) +
      0.14169 * 19.8543 * (1 - t3 * t3) -
      0.2051 * 5.4888 * (1 - t4 * t4) -
      (0.2531 / 0.1316) * (1 - t5 * t5) -
      (0.02167 / 0.006) * (1 - t6 * t6);
    return 1.062 * dds;
  },
  entropic(x, cMax) {
    return this.derivative(x) / cMax;
  },
};

/** Lithium metal is the reference electrode: 0 V at every state. */
const lithiumMetal: OcpFunction = {
  name: 'lithium_metal',
  citation: 'definition of the Li/Li⁺ reference',
  value: () => 0,
  derivative: () => 0,
};

export const BUILTIN_OCPS: Readonly<Record<string, OcpFunction>> = Object.fromEntries(
  [
    graphiteChen2020,
    nmc811Chen2020,
    nmc532Xu2019,
    siliconLithiation,
    siliconDelithiation,
    graphiteMarquis2019,
    lcoMarquis2019,
    lithiumMetal,
  ].map((f) => [f.name, f]),
);

/** Alternative spellings engineers use for the same fits. */
export const OCP_ALIASES: Readonly<Record<string, string>> = {
  graphite_Dualfoil: 'graphite_Marquis2019',
  graphite_mcmb2528_Marquis2019: 'graphite_Marquis2019',
  LCO_Marquis2019: 'LiCoO2_Marquis2019',
  NCM811_Chen2020: 'NMC811_Chen2020',
  NCM532_Xu2019: 'NMC532_Xu2019',
  Si_lithiation: 'Si_lithiation_Chen2020',
  Si_delithiation: 'Si_delithiation_Chen2020',
};
