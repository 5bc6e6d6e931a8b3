/** The reduced model (SPMe) against P2D and COMSOL on the liquid Marquis2019 cell. */
import { describe, expect, it } from 'vitest';
import { marquis2019 } from '../../src/models/marquis2019.js';
import { operate, constantCurrentDischarge } from '../../src/models/operation.js';
import { P2DModel } from '../../src/models/p2d.js';
import { SPMeModel } from '../../src/models/spme.js';
import { comsolReferences, curveRmse, voltageRmse } from './helpers.js';

describe('SPMe error (Marquis2019, COMSOL setup)', () => {
  // Marquis et al. (2019) report SPMe within a few mV of DFN up to ~1C for this cell; the bound
  // 10 mV marks where the reduced model stops being fit for hints.
  it.each(comsolReferences().map((r) => [r.file, r] as const))('%s', (_f, reference) => {
    const p = marquis2019({ comsol: true });
    const steps = [constantCurrentDischarge(p.oneCCurrent, reference.cRate)];
    const reduced = operate(new SPMeModel(p), steps);
    const full = operate(new P2DModel(p), steps);
    const vsComsol = voltageRmse(reduced, reference, 3.105).rmse;
    const vsP2d = curveRmse(full, reduced);
    console.log(
      `${reference.file}: SPMe RMSE ${(vsComsol * 1000).toFixed(2)} mV vs COMSOL, ${(vsP2d * 1000).toFixed(2)} mV vs P2D`,
    );
    expect(vsComsol).toBeLessThan(0.01);
    expect(vsP2d).toBeLessThan(0.01);
  });
});
