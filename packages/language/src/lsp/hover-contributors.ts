/**
 * The built-in hover sections: materials (kind, title, properties in display units with their
 * sources), constants, other declarations, property keywords (doc, accepted kinds and units,
 * range) and quantities (the value in SI and in the display unit).
 */
import { AstUtils, type AstNode } from 'langium';
import { KINDS, formatQuantity, prettyUnit, type Quantity, type QuantityKind } from '@cellspec/units';
import type { CellSpecServices } from '../cellspec-module.js';
import * as ast from '../generated/ast.js';
import { builtinOcp } from '@cellspec/physics';
import { PROPERTIES } from '../properties.js';
import { isBuiltinUri } from '../scoping/builtin-library.js';
import { enclosingRuleCall, isKeywordLeaf } from './cst.js';
import { expectedKinds, expectedKindsOfTarget, topExpression } from './expected-kinds.js';
import type { HoverContext, HoverContributor } from './hover.js';

export function builtinHoverContributors(services: CellSpecServices): HoverContributor[] {
  const describe = new QuantityDescriber(services);
  return [
    { contribute: (ctx) => materialHover(ctx, describe) },
    { contribute: (ctx) => constantHover(ctx, describe) },
    { contribute: (ctx) => declarationHover(ctx) },
    { contribute: (ctx) => propertyKeywordHover(ctx) },
    { contribute: (ctx) => quantityHover(ctx, describe) },
    { contribute: (ctx) => targetMetricHover(ctx) },
    { contribute: (ctx) => builtinOcpHover(ctx) },
  ];
}

/** Evaluates expressions and formats the results; the evaluator caches per workspace state. */
class QuantityDescriber {
  constructor(private readonly services: CellSpecServices) {}

  quantity(expr: ast.Expression | undefined, kinds?: readonly QuantityKind[]): Quantity | undefined {
    if (!expr) return undefined; // a half-typed value
    const r = this.services.evaluation.Evaluator.quantity(expr, kinds);
    return r.ok ? r.quantity : undefined;
  }

  /** A value of a list, where a unit written on the last value applies to bare numbers: `-40, 0, 25 °C`. */
  inList(node: AstNode, kinds?: readonly QuantityKind[]): Quantity | undefined {
    const top = topExpression(node);
    const list = top.$container;
    if (!ast.isValueList(list) || top !== node) return undefined;
    const r = this.services.evaluation.Evaluator.list(list, kinds)[list.values.indexOf(top as ast.Expression)];
    return r?.ok ? r.quantity : undefined;
  }

  /** `20 mg/cm²`, or the source text when the value cannot be evaluated. */
  display(expr: ast.Expression | undefined, kinds?: readonly QuantityKind[]): string {
    const q = this.quantity(expr, kinds);
    return q ? displayText(q) : `\`${expr?.$cstNode?.text ?? '?'}\``;
  }
}

function displayText(q: Quantity): string {
  return formatQuantity(q.si, q.kind, { digits: 4 });
}

function siText(q: Quantity): string {
  const unit = prettyUnit(KINDS[q.kind].si.replace(/ /g, '·'));
  // Six significant figures without padding zeros: 273.15 K, 0.00015 m, 720000 C/m².
  const number = Number(q.si.toPrecision(6)).toString();
  return unit === '' ? number : `${number} ${unit}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

function fileNote(ctx: HoverContext, node: AstNode): string | undefined {
  const doc = AstUtils.getDocument(node);
  if (doc === ctx.document) return undefined;
  if (isBuiltinUri(doc.uri)) return 'from the built-in material library';
  const path = doc.uri.path;
  return `declared in \`${path.slice(path.lastIndexOf('/') + 1)}\``;
}

// ---- Materials ------------------------------------------------------------------------------------

function materialHover(ctx: HoverContext, describe: QuantityDescriber): string | undefined {
  const material = ctx.declaration;
  if (!ast.isMaterial(material)) return undefined;
  const lines: string[] = [];
  lines.push(`**material** \`${material.name}\` — ${material.kind}`);
  if (material.title) lines.push(unquote(material.title));
  const notes = [fileNote(ctx, material), material.base ? `extends \`${material.base.$refText}\`` : undefined].filter(
    Boolean,
  );
  if (notes.length) lines.push(notes.join(' · '));

  const rows: string[] = [];
  const seen = new Set<string>();
  const visited = new Set<ast.Material>();
  for (let m: ast.Material | undefined = material; m && !visited.has(m); m = m.base?.ref) {
    visited.add(m);
    const inherited = m !== material ? ` (from ${m.name})` : '';
    for (const member of m.members) {
      if (ast.isProperty(member)) {
        if (seen.has(member.name)) continue;
        seen.add(member.name);
        rows.push(
          `| ${member.name}${inherited} | ${escapeCell(propertyValue(member, describe))} | ${escapeCell(member.source ? unquote(member.source) : '')} |`,
        );
      } else if (ast.isOcp(member)) {
        if (seen.has('ocp')) continue;
        seen.add('ocp');
        const what =
          member.builtin ??
          (member.formula
            ? `formula ${member.formula}`
            : member.file
              ? `table ${member.file}`
              : `table of ${member.points.length} points`);
        rows.push(
          `| ocp${inherited} | ${escapeCell(what)} | ${escapeCell(member.source ? unquote(member.source) : '')} |`,
        );
      }
    }
  }
  if (rows.length) lines.push(['| property | value | source |', '|---|---|---|', ...rows].join('\n'));

  const provenance = material.members
    .filter(ast.isTextField)
    .filter((f) => f.key !== 'title')
    .map((f) => `${f.key}: ${unquote(f.value)}`);
  if (provenance.length) lines.push(provenance.join(' · '));
  return lines.join('\n\n');
}

function propertyValue(property: ast.Property, describe: QuantityDescriber): string {
  const kinds = PROPERTIES[property.name]?.kinds;
  let text = describe.display(property.value, kinds);
  if (property.upper) text += ` to ${describe.display(property.upper, kinds)}`;
  if (property.tolerance)
    text += ` ± ${describe.display(property.tolerance.value, kinds ? [...kinds, 'fraction'] : undefined)}`;
  if (property.activation) text += `, activation ${describe.display(property.activation, ['activationEnergy'])}`;
  return text;
}

// ---- Constants and other declarations --------------------------------------------------------------

function constantHover(ctx: HoverContext, describe: QuantityDescriber): string | undefined {
  const constant = ctx.declaration;
  if (!ast.isConstant(constant)) return undefined;
  const q = describe.quantity(constant.value);
  const source = constant.value?.$cstNode?.text ?? '';
  const lines = [`**let** \`${constant.name}\` = ${q ? displayText(q) : `\`${source}\``}`];
  if (q) lines.push(`${KINDS[q.kind].label}; SI: ${siText(q)}; written \`${source}\``);
  const note = fileNote(ctx, constant);
  if (note) lines.push(note);
  return lines.join('\n\n');
}

function declarationHover(ctx: HoverContext): string | undefined {
  const node = ctx.declaration;
  const title = (t?: string) => (t ? ` — ${unquote(t)}` : '');
  let head: string | undefined;
  if (ast.isCell(node)) head = `**cell** \`${node.name}\`${title(node.title)}`;
  else if (ast.isVariant(node))
    head = `**variant** \`${node.name}\` of \`${node.base?.$refText ?? '?'}\`${title(node.title)}`;
  else if (ast.isProcess(node)) head = `**process** \`${node.name}\`${title(node.title)}`;
  else if (ast.isTestPlan(node))
    head = `**test plan** \`${node.name}\` for \`${node.cell?.$refText ?? '?'}\`${title(node.title)}`;
  else if (ast.isTest(node)) head = `**test** \`${node.name}\`${title(node.title)}`;
  else if (ast.isLibraryHeader(node)) head = `**library** \`${node.name}\`${title(node.title)}`;
  if (!head || !node) return undefined;
  const note = fileNote(ctx, node);
  return note ? `${head}\n\n${note}` : head;
}

// ---- Property keywords ---------------------------------------------------------------------------

function propertyKeywordHover(ctx: HoverContext): string | undefined {
  if (!ast.isProperty(ctx.node) || !isKeywordLeaf(ctx.leaf) || !enclosingRuleCall(ctx.leaf, 'PropertyName'))
    return undefined;
  const spec = PROPERTIES[ctx.node.name];
  if (!spec) return undefined;
  const accepts = spec.kinds
    .map((k) => `${KINDS[k].label}${KINDS[k].examples.length ? ` (${KINDS[k].examples.join(', ')})` : ''}`)
    .join(' or ');
  const lines = [`**${ctx.node.name}** — property`, spec.doc, `Accepts ${accepts}.`];
  const range = rangeText(spec.kinds, spec.min, spec.max, spec.positive);
  if (range) lines.push(`Physical range: ${range}.`);
  if (spec.range) lines.push('Written as a range: `a to b`.');
  lines.push(`Allowed in: ${spec.contexts.join(', ')}.`);
  return lines.join('\n\n');
}

function rangeText(kinds: readonly QuantityKind[], min?: number, max?: number, positive?: boolean): string | undefined {
  // With several accepted kinds the SI bounds have no single display unit; leave them out.
  if (kinds.length !== 1) return positive ? 'greater than zero' : undefined;
  const kind = kinds[0]!;
  const fmt = (v: number) => formatQuantity(v, kind, { digits: 4 });
  const low = positive ? `> ${fmt(min ?? 0)}` : min !== undefined ? `≥ ${fmt(min)}` : undefined;
  const high = max !== undefined ? `≤ ${fmt(max)}` : undefined;
  return [low, high].filter(Boolean).join(' and ') || undefined;
}

// ---- Quantities ------------------------------------------------------------------------------------

function quantityHover(ctx: HoverContext, describe: QuantityDescriber): string | undefined {
  const node = ctx.node;
  const isValueToken =
    ast.isQuantityLiteral(node) ||
    ast.isCRateLiteral(node) ||
    (ast.isReference(node) && !ctx.isReference && node.property !== undefined);
  if (!isValueToken) return undefined;
  const kinds = expectedKinds(node);
  const own =
    describe.inList(node, kinds) ??
    describe.quantity(node as ast.Expression, kinds) ??
    describe.quantity(node as ast.Expression);
  if (!own) return undefined;
  const lines = [
    `**${displayText(own)}** — ${KINDS[own.kind].label}`,
    `SI: ${siText(own)} · written \`${node.$cstNode?.text ?? ''}\``,
  ];
  const top = topExpression(node);
  if (top !== node) {
    const whole = describe.quantity(top as ast.Expression, kinds);
    if (whole) lines.push(`\`${top.$cstNode?.text ?? ''}\` = ${displayText(whole)} (SI: ${siText(whole)})`);
  }
  return lines.join('\n\n');
}

// ---- Target metrics and built-in OCPs ----------------------------------------------------------------

const METRIC_DOCS: Readonly<Record<string, string>> = {
  capacity: 'Design capacity of the cell from its limiting electrode.',
  energy: 'Design energy: capacity × mean voltage.',
  'energy-density':
    'Energy per volume; name the basis: `(stack)` for the electrode stack, `(cell)` for the packaged cell.',
  'specific-energy': 'Energy per mass; name the basis: `(stack)` or `(cell)`.',
  'np-ratio': 'Areal capacity of the anode over that of the cathode (N/P).',
  'areal-capacity': 'Areal capacity of an electrode per side; name it: `(cathode)` or `(anode)`.',
  'mean-voltage': 'Mean discharge voltage of the cell.',
  thickness: 'Thickness of the stack or the packaged cell.',
  mass: 'Mass of the stack or the packaged cell.',
};

function targetMetricHover(ctx: HoverContext): string | undefined {
  if (!ast.isTarget(ctx.node) || !isKeywordLeaf(ctx.leaf, ctx.node.metric)) return undefined;
  const doc = METRIC_DOCS[ctx.node.metric];
  const kinds = expectedKindsOfTarget(ctx.node.metric) ?? [];
  const units = kinds.map((k) => KINDS[k].display).filter(Boolean);
  return [
    `**${ctx.node.metric}** — target`,
    doc,
    units.length
      ? `In ${units.join(', ')}; \`>=\`, \`<=\`, \`between a and b\` or a value \`± tolerance\`.`
      : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
}

function builtinOcpHover(ctx: HoverContext): string | undefined {
  if (!ast.isOcp(ctx.node) || !ctx.node.builtin || ctx.leaf.text !== ctx.node.builtin) return undefined;
  const fit = builtinOcp(ctx.node.builtin);
  if (!fit) return `**ocp** \`${ctx.node.builtin}\` — not a built-in fit`;
  return [`**ocp** \`${ctx.node.builtin}\` — built-in open-circuit potential`, fit.citation]
    .filter(Boolean)
    .join('\n\n');
}
