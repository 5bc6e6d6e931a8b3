/**
 * Packs for the preview: each pack's figures (the header hint's text), the battery power of its
 * drives and the degradation-factor map — all quick to compute, so they come with the preview
 * data. The duty simulations take seconds and run in the CLI (`cellspec pack FILE --plots DIR`).
 */
import type { LangiumDocument } from 'langium';
import { ASSUMED_AGEING, drivePower, programmeDegradationMap, WLTC_CLASS_3B_KMH } from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import { isPack, type Spec } from '../generated/ast.js';
import { packFigures } from '../pack-figures.js';
import type { PackPreview } from './messages.js';
import { packHintText } from './pack-hover.js';

const MAX_POINTS = 200;

export function packPreviewsOf(services: CellSpecServices, document: LangiumDocument): PackPreview[] {
  const previews: PackPreview[] = [];
  for (const element of (document.parseResult.value as Spec).elements) {
    if (!isPack(element)) continue;
    const figures = packFigures(services, element);
    if (!figures?.design) continue;
    const drives = figures.pack.vehicle
      ? figures.pack.duties.flatMap((d) => {
          if (d.type !== 'drive') return [];
          const run = drivePower(figures.pack.vehicle!, WLTC_CLASS_3B_KMH, d.grade);
          const every = Math.ceil(run.time.length / MAX_POINTS);
          const pick = (xs: readonly number[]) => xs.filter((_, i) => i % every === 0);
          return [
            {
              label: `WLTC class 3b at ${+(d.grade * 100).toFixed(1)} % grade`,
              time: pick(run.time),
              power: pick(run.batteryPower),
            },
          ];
        })
      : [];
    // No ageing data in the language yet: the map uses the labelled assumption set.
    const map = programmeDegradationMap(ASSUMED_AGEING);
    const k = map.rates.findIndex((r) => r === 1);
    previews.push({
      name: figures.pack.name,
      summary: packHintText(figures) ?? '',
      drives,
      degradation: {
        temperatures: [...map.temperatures],
        series: map.socs.map((soc, j) => ({
          label: `SOC ${Math.round(soc * 100)} %`,
          loss: map.temperatures.map((_, i) => map.loss[i]![j]![k]!),
        })),
        source: ASSUMED_AGEING.source,
      },
    });
  }
  return previews;
}
