/**
 * Mean discharge voltage. With OCP curves of both electrodes and their stoichiometry windows:
 *   V̄ = ∫₀¹ [U_p(y(θ)) − U_n(x(θ))] dθ,  x, y linear in the depth of discharge θ between the
 *   window ends (each electrode moves through its window as the cell discharges),
 * with the OCP functions of `../ocp`, integrated with Simpson's rule on 200 intervals (the fits are smooth; the error is far below
 * the mV level that matters for energy). Without OCPs: the declared mean voltages against Li,
 * V̄ = V̄_cathode − V̄_anode, each a mass-weighted mean over the active materials.
 */
import type { MaterialIR } from '../ir.js';
import { resolveOcp } from '../ocp/index.js';

/** The OCP of a material as a plain function of stoichiometry, when it resolves. */
export function ocpOf(material: MaterialIR | undefined): ((x: number) => number) | undefined {
  const ocp = material?.properties.ocp;
  if (!ocp) return undefined;
  const f = resolveOcp(ocp);
  return 'error' in f ? undefined : (x) => f.value(x);
}

/** Simpson's rule for ∫₀¹ f. */
export function integrateUnit(f: (t: number) => number, intervals = 200): number {
  const n = intervals % 2 === 0 ? intervals : intervals + 1;
  const h = 1 / n;
  let s = f(0) + f(1);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}

/**
 * Mean voltage from OCPs, or undefined when either electrode lacks a single active material with
 * an OCP and a stoichiometry window. Windows are [at 0 % SOC, at 100 % SOC].
 */
export function meanVoltageFromOcp(
  cathodeActive: MaterialIR | undefined,
  anodeActive: MaterialIR | undefined,
): number | undefined {
  const up = ocpOf(cathodeActive);
  const un = ocpOf(anodeActive);
  const wp = cathodeActive?.properties.stoichiometryWindow;
  const wn = anodeActive?.properties.stoichiometryWindow;
  if (!up || !un || !wp || !wn) return undefined;
  // The integral depends only on the two curves and windows: cache it for built-in and formula
  // OCPs (tables are keyed by content too long to be worth it), so an edit elsewhere costs nothing.
  const key = cacheKey(cathodeActive!, anodeActive!);
  const cached = key !== undefined ? meanVoltageCache.get(key) : undefined;
  if (cached !== undefined) return cached;
  // θ = 0 at full charge (100 % SOC end), θ = 1 at the 0 % SOC end.
  const v = integrateUnit((t) => up(wp[1] + t * (wp[0] - wp[1])) - un(wn[1] + t * (wn[0] - wn[1])));
  if (!Number.isFinite(v)) return undefined;
  if (key !== undefined) {
    if (meanVoltageCache.size > 1000) meanVoltageCache.clear();
    meanVoltageCache.set(key, v);
  }
  return v;
}

const meanVoltageCache = new Map<string, number>();

function cacheKey(cathode: MaterialIR, anode: MaterialIR): string | undefined {
  const part = (m: MaterialIR) => {
    const o = m.properties.ocp;
    if (!o || o.type === 'table') return undefined;
    return `${o.type === 'builtin' ? o.name : o.expression}@${m.properties.stoichiometryWindow!.join(',')}`;
  };
  const c = part(cathode);
  const a = part(anode);
  return c && a ? `${c}|${a}` : undefined;
}
