/**
 * Compacting the CST must not change anything a feature can observe: every AST node keeps its
 * text and range, every property is found at the same place, the tokens and comments are the
 * same. Checked against an uncompacted parse of every example spec and the invalid fixtures
 * (error recovery builds unusual trees).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AstUtils,
  CstUtils,
  EmptyFileSystem,
  GrammarAST,
  GrammarUtils,
  createLangiumParser,
  isCompositeCstNode,
  type AstNode,
  type CstNode,
} from 'langium';
import { createCellSpecServices } from '../../src/index.js';
import { compactCst } from '../../src/memory/cst-compaction.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const plainParser = createLangiumParser(CellSpec); // the parser without the compaction wrapper

const ROOT = new URL('../../../../', import.meta.url).pathname;
function specFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return specFiles(path);
    return name.endsWith('.cellspec') ? [path] : [];
  });
}
const FILES = [
  ...specFiles(join(ROOT, 'examples')),
  ...specFiles(join(ROOT, 'packages/language/test/fixtures/invalid')),
];

const where = (n: CstNode | undefined) => (n ? `${n.offset}+${n.length} ${JSON.stringify(n.range)}` : 'none');

/** Everything about a parse that features read: per AST node its span and where each property is written. */
function observable(ast: AstNode): string[] {
  const lines: string[] = [];
  for (const node of AstUtils.streamAst(ast)) {
    lines.push(`${node.$type} ${where(node.$cstNode)}`);
    for (const key of Object.keys(node)) {
      if (key.startsWith('$')) continue;
      lines.push(`  ${key}: ${GrammarUtils.findNodesForProperty(node.$cstNode, key).map(where).join(' | ')}`);
    }
  }
  for (const leaf of CstUtils.streamCst(ast.$cstNode!)) {
    if (!isCompositeCstNode(leaf))
      lines.push(`leaf ${where(leaf)} ${leaf.hidden ? 'hidden' : ''} ${leaf.astNode.$type}`);
  }
  return lines;
}

const composites = (root: CstNode) => CstUtils.streamCst(root).filter(isCompositeCstNode).count();

describe('CST compaction', () => {
  it.each(FILES.map((f) => [f.slice(ROOT.length), f]))(
    '%s: the same spans, properties and tokens with fewer nodes',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      const plain = plainParser.parse(text);
      const expected = observable(plain.value);
      const before = composites(plain.value.$cstNode!);
      const removed = compactCst(plain.value.$cstNode as Parameters<typeof compactCst>[0], plain.value);
      expect(observable(plain.value)).toEqual(expected);
      expect(composites(plain.value.$cstNode!)).toBe(before - removed);
    },
  );

  it('removes the pass-through nodes of a value and its unit, and keeps the unit whole', () => {
    const parsed = plainParser.parse('let a = 20 mm\n');
    // Expression → Addition → Multiplication → Unary → Primary → QuantityLiteral (number, Unit → UnitFactor → UnitAtom):
    // the four calls between Expression and QuantityLiteral and the two inside the unit are pass-throughs.
    expect(compactCst(parsed.value.$cstNode as Parameters<typeof compactCst>[0], parsed.value)).toBe(6);
    const mm = CstUtils.streamCst(parsed.value.$cstNode!).find((n) => !isCompositeCstNode(n) && n.text === 'mm')!;
    const unit = mm.container!.grammarSource;
    expect(GrammarAST.isRuleCall(unit) && unit.rule.$refText).toBe('Unit');
  });

  it('the language services parse compacted trees', () => {
    const parsed = CellSpec.parser.LangiumParser.parse('let a = 20 mm\n');
    expect(compactCst(parsed.value.$cstNode as Parameters<typeof compactCst>[0], parsed.value)).toBe(0);
  });
});
