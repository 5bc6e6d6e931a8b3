/**
 * Hover for test plans: on a named procedure, its documentation, the parameters it runs with and
 * the concrete steps it expands to for this cell (C-rates as currents); on a test, its sub-tests
 * and estimated durations; on a test plan, what it costs ("41 days on 3 channels").
 */
import { AstUtils, type AstNode } from 'langium';
import {
  describeSteps,
  findProcedure,
  formatDuration,
  simulatePlan,
  testDuration,
  type ConcreteStep,
  type ExpandedPlan,
} from '@cellspec/physics';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isLoopStep,
  isProcedureStep,
  isRecordStep,
  isStep,
  isTest,
  isTestPlan,
  type ProcedureStep,
  type Test,
} from '../generated/ast.js';
import { planOf } from '../validation/testplans.js';
import type { HoverContext, HoverContributor } from './hover.js';

/** Lines of an expansion shown before "… n more". */
const MAX_LINES = 40;

export function procedureHoverContributor(services: CellSpecServices): HoverContributor {
  return { contribute: (ctx) => procedureHover(services, ctx) ?? testHover(services, ctx) ?? planHover(services, ctx) };
}

function procedureHover(services: CellSpecServices, ctx: HoverContext): string | undefined {
  const step = AstUtils.getContainerOfType(ctx.node, isProcedureStep);
  if (!step) return undefined;
  const def = findProcedure(step.name);
  if (!def) return undefined;
  const lines = [
    `**procedure** \`${def.name}\` — ${def.title}`,
    `*${def.standard}*${def.cycler === 'none' ? ' · documented, not run on a cycler' : def.cycler === 'partly' ? ' · cycler preparation, then a documented operation' : ''}`,
    def.description,
  ];
  if (def.parameters.length) {
    lines.push('', '| parameter | meaning |', '|---|---|');
    for (const p of def.parameters)
      lines.push(`| \`${p.name}\`${step.parameters.some((w) => w.name === p.name) ? ' (written)' : ''} | ${p.doc} |`);
  }
  lines.push('', `**Pass:** ${def.criteria.join('; ')}`);
  const expansion = expansionOf(services, step);
  if (expansion) {
    lines.push('', `**Expands to** (${expansion.where}):`, '```text', ...clip(describeSteps(expansion.steps)), '```');
  }
  return lines.join('\n');
}

function testHover(services: CellSpecServices, ctx: HoverContext): string | undefined {
  if (!isTest(ctx.node) || ctx.leaf.text !== ctx.node.name) return undefined;
  const entry = planOf(services, ctx.node)?.expanded;
  if (!entry) return undefined;
  const test = ctx.node as Test;
  const mine = entry.tests.filter((t) => t.test === test.name);
  if (mine.length === 0) return undefined;
  const ideal = idealOf(entry);
  const lines = [
    `**test** \`${test.name}\` — ${mine.length} sub-test${mine.length === 1 ? '' : 's'}, ${mine[0]!.samples} sample${mine[0]!.samples === 1 ? '' : 's'} each`,
  ];
  for (const t of mine.slice(0, 12))
    lines.push(
      `- ${t.id}: ${t.electrical ? `≈ ${formatDuration(testDuration(t, ideal))} on the cycler` : 'off the cycler'}`,
    );
  if (mine.length > 12) lines.push(`- … ${mine.length - 12} more`);
  const simulated = simulatedLines(services, ctx.node, entry, test.name);
  if (simulated.length)
    lines.push(
      '',
      '**Simulated** (SPMe model, isothermal; capacities of full discharges, pulse resistances):',
      ...simulated,
    );
  if (mine[0]!.criteria.length) lines.push('', `**Pass:** ${mine[0]!.criteria.join('; ')}`);
  lines.push('', '```text', ...clip(describeSteps(mine[0]!.steps)), '```');
  return lines.join('\n');
}

function planHover(services: CellSpecServices, ctx: HoverContext): string | undefined {
  if (!isTestPlan(ctx.node) || ctx.leaf.text !== ctx.node.name) return undefined;
  const entry = planOf(services, ctx.node)?.expanded;
  if (!entry) return undefined;
  const errors = entry.problems.filter((p) => p.severity === 'error').length;
  return [
    `**test plan** \`${entry.plan}\` for \`${entry.cell}\`: **${entry.cost.summary}**`,
    `${entry.tests.length} sub-tests; 1C = ${fmtCurrent(entry.oneC)} from the ${entry.capacitySource} (${(entry.capacity / 3.6).toPrecision(4)} mAh); channel-time ${formatDuration(entry.cost.channelTime)}.`,
    'Durations are estimates for an ideal cell (capacity at any rate, linear voltage); CV tails count 30 min.',
    ...(errors ? [`${errors} error${errors === 1 ? '' : 's'}: no protocol can be written until they are fixed.`] : []),
  ].join('\n\n');
}

/** Sub-tests simulated on hover at most; larger sweeps are left to `cellspec simulate`. */
const MAX_SIMULATED_SUBTESTS = 16;

/** Simulated results of one test, cached until the workspace changes (a hover is on demand, never on the keystroke path). */
function simulatedLines(services: CellSpecServices, node: AstNode, plan: ExpandedPlan, test: string): string[] {
  const entry = planOf(services, node);
  const cell = entry?.cell;
  if (!cell || plan.tests.filter((t) => t.test === test && t.electrical).length > MAX_SIMULATED_SUBTESTS) return [];
  const cache = services.caches.Documents.named<string[]>('simulated-hover');
  return cache.get(`${AstUtils.getDocument(node).uri.toString()}#${plan.plan}#${test}`, () => {
    const sim = simulatePlan(plan, cell, {
      fidelity: 'reduced',
      filter: (t) => t.test === test,
      clock: () => performance.now(),
    });
    if (sim.problems.length) return [`- cannot simulate: ${sim.problems[0]}`];
    return sim.tests.map((t) => {
      const discharge = t.capacities.filter((c) => c.direction === 'discharge').at(-1);
      const pulses = t.pulses.filter((p) => p.direction === 'discharge');
      const parts = [
        discharge ? `${(discharge.capacity * 1000).toFixed(2)} mAh at ${rateText(discharge.rate)}` : undefined,
        pulses.length
          ? `R ${pulses.map((p) => `${p.resistance.toPrecision(3)} Ω (SOC ${Math.round(p.soc * 100)} %)`).join(', ')}`
          : undefined,
        `${formatDuration(t.duration)}`,
        t.failure ? `stopped: ${t.failure}` : undefined,
      ].filter(Boolean);
      return `- ${t.id}: ${parts.join('; ')}`;
    });
  });
}

function rateText(c: number): string {
  return c > 0 && c < 1 && Math.abs(1 / c - Math.round(1 / c)) < 1e-6
    ? `C/${Math.round(1 / c)}`
    : `${Number(c.toPrecision(3))} C`;
}

/** The steps a procedure step became in the first sub-test of its test. */
function expansionOf(
  services: CellSpecServices,
  step: ProcedureStep,
): { steps: ConcreteStep[]; where: string } | undefined {
  const entry = planOf(services, step)?.expanded;
  const test = AstUtils.getContainerOfType(step, isTest);
  if (!entry || !test) return undefined;
  const sub = entry.tests.find((t) => t.test === test.name);
  if (!sub) return undefined;
  const path = pathOf(test.members, step);
  if (!path) return undefined;
  const steps = collect(sub.steps, step.name, path);
  return steps.length ? { steps, where: `${sub.id}, ${entry.cell}` } : undefined;
}

/** Index path of a step among the steps resolve lists (record statements are not steps). */
function pathOf(nodes: readonly AstNode[], target: AstNode): number[] | undefined {
  const steps = nodes.filter((n) => isStep(n) && !isRecordStep(n));
  for (const [i, s] of steps.entries()) {
    if (s === target) return [i];
    if (isLoopStep(s)) {
      const inner = pathOf(s.steps, target);
      if (inner) return [i, ...inner];
    }
  }
  return undefined;
}

/** The concrete steps expanded from the procedure written at `path` (looking into loops). */
function collect(steps: readonly ConcreteStep[], origin: string, path: readonly number[]): ConcreteStep[] {
  const same = (s: ConcreteStep) =>
    s.origin === origin &&
    s.source !== undefined &&
    s.source.length === path.length &&
    s.source.every((x, i) => x === path[i]);
  return steps.flatMap((s) =>
    same(s) ? [s] : s.kind === 'loop' && s.origin === undefined ? collect(s.steps, origin, path) : [],
  );
}

function idealOf(plan: ExpandedPlan) {
  return { capacity: plan.capacity, voltageMin: plan.voltageWindow[0], voltageMax: plan.voltageWindow[1] };
}

function clip(lines: string[]): string[] {
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines`] : lines;
}

function fmtCurrent(a: number): string {
  return a >= 1
    ? `${Number(a.toPrecision(4))} A`
    : a >= 1e-3
      ? `${Number((a * 1e3).toPrecision(4))} mA`
      : `${Number((a * 1e6).toPrecision(4))} µA`;
}
