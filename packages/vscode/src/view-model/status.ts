/** The status-bar item's text, from the preview data of the cell under the cursor. */
import type { PreviewData } from '@cellspec/language/lsp/messages';
import type { CellspecSettings } from '../settings.js';
import { formatter } from './format.js';

/** The item's text (without icon) and tooltip; pure, for tests. */
export function statusText(
  data: PreviewData | undefined,
  settings: CellspecSettings,
): { text: string; tooltip: string } | undefined {
  const cell = data?.cell;
  if (!data || !cell) return undefined;
  const fmt = formatter(settings);
  const f = data.figures;
  const basis = settings.energyDensityBasis;
  const density = basis === 'stack' ? f?.energyDensityStack : f?.energyDensityCell;
  const parts = [
    f?.capacity !== undefined ? fmt.capacity(f.capacity) : undefined,
    density !== undefined ? `${fmt.energyDensity(density)} (${basis})` : undefined,
  ].filter(Boolean);
  const text = `${cell.name}${parts.length ? ': ' + parts.join(' · ') : ''}${data.status === 'errors' ? ' (spec has errors)' : ''}`;
  const tooltip = parts.length
    ? `Design of ${cell.name}: capacity and energy density on the ${basis} basis. Click to open the preview.`
    : `${cell.name}: ${data.figuresNote ?? 'no design figures yet'}. Click to open the preview.`;
  return { text, tooltip };
}
