/**
 * The fit-recovery table: synthetic data made by the model itself (1 mV noise, a 28-minute pulse
 * profile sampled every 5 s, or two of them at 0 °C and 45 °C) fitted back from the model's
 * defaults, on the coarse mesh of the tests and on the default mesh. Prints true, fitted and 95 %
 * interval per parameter, the error, RMSE, iterations and the fit's wall time.
 * Run: npx pnpm run bench:fit  (options: --seeds N, runs each case with N noise seeds)
 */
import {
  DEFAULT_MESH,
  FIT_PARAMETERS,
  fitModelParameters,
  type Mesh,
  type ModelParameters,
} from '../packages/physics/src/index.js';
import {
  COARSE_MESH,
  sb21Parameters,
  syntheticSeries,
  type ProfileStep,
} from '../packages/physics/test/fit/synthetic.js';

const seedsArg = process.argv.indexOf('--seeds');
const SEEDS = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 1;
const PULSES: ProfileStep[] = [
  [0, 60],
  [2, 30],
  [0, 120],
  [-1, 60],
  [0, 120],
  [1, 600],
  [0, 600],
];
const CASES: { truth: Record<string, number>; temperatures: number[] }[] = [
  { truth: { 'interface-resistance': 20e-4, 'cathode.diffusivity': 2e-15 }, temperatures: [298.15] },
  { truth: { 'cathode.contact-fraction': 0.5, 'cathode.diffusivity': 2e-15 }, temperatures: [298.15] },
  { truth: { 'cathode.rate-constant': 1.5e-6, 'anode.diffusivity': 5e-15 }, temperatures: [298.15] },
  { truth: { 'interface-resistance': 30e-4, 'interface-activation-energy': 35e3 }, temperatures: [273.15, 318.15] },
];

const set = (p: ModelParameters, values: Record<string, number>) =>
  Object.entries(values).reduce((q, [name, v]) => FIT_PARAMETERS.find((d) => d.name === name)!.set(q, v), p);
const g = (v: number) => (Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4));

const start = sb21Parameters();
for (const [meshName, mesh] of [
  ['coarse', COARSE_MESH],
  ['default', DEFAULT_MESH],
] as [string, Mesh][]) {
  console.log(
    `\nmesh ${meshName} (${mesh.negative}/${mesh.separator}/${mesh.positive} volumes, ${mesh.particle} shells)`,
  );
  console.log(
    'parameter                     true        fitted      95 % interval            error    RMSE     it  ms',
  );
  for (const c of CASES) {
    const actual = set(start, c.truth);
    for (let seed = 0; seed < SEEDS; seed++) {
      const experiments = c.temperatures.map((T, k) => ({
        series: syntheticSeries(
          actual,
          PULSES,
          { interval: 5, noise: 1e-3, seed: 17 + k + 100 * seed, initialSoc: 0.8, temperature: T },
          mesh,
        ),
        initialSoc: 0.8,
      }));
      const r = fitModelParameters(start, experiments, Object.keys(c.truth), { mesh, clock: () => performance.now() });
      if (!r.ok) {
        console.log(`  failed: ${r.message}`);
        continue;
      }
      for (const [k, f] of r.parameters.entries()) {
        const truth = c.truth[f.name]!;
        console.log(
          `${f.name.padEnd(30)}${g(truth).padEnd(12)}${g(f.value).padEnd(12)}${`${g(f.lower)} … ${g(f.upper)}`.padEnd(25)}${`${((f.value / truth - 1) * 100).toFixed(2)} %`.padEnd(9)}` +
            (k === 0 ? `${(r.rmse * 1e3).toFixed(2)} mV  ${String(r.iterations).padEnd(4)}${r.wallMs.toFixed(0)}` : ''),
        );
      }
    }
  }
}
