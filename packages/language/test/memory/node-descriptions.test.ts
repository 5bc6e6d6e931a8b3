/**
 * Compact symbol descriptions: the same names, paths and segments as Langium's default
 * descriptions, with the segments computed only when read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AstUtils, DefaultAstNodeDescriptionProvider, EmptyFileSystem, type AstNode } from 'langium';
import { parseHelper } from 'langium/test';
import { createCellSpecServices } from '../../src/index.js';
import { CompactAstNodeDescriptionProvider } from '../../src/memory/node-descriptions.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const parse = parseHelper(CellSpec);
const EXAMPLE = new URL('../../../../examples/cells/', import.meta.url).pathname;

describe('compact node descriptions', () => {
  it('the services use them', () => {
    expect(CellSpec.workspace.AstNodeDescriptionProvider).toBeInstanceOf(CompactAstNodeDescriptionProvider);
  });

  it('describe every named node of an example exactly as the default descriptions do', async () => {
    const file = readdirSync(EXAMPLE).find((f) => f.endsWith('.cellspec'))!;
    const doc = await parse(readFileSync(EXAMPLE + file, 'utf8'));
    const compact = CellSpec.workspace.AstNodeDescriptionProvider;
    const reference = new DefaultAstNodeDescriptionProvider(CellSpec);
    const named = AstUtils.streamAst(doc.parseResult.value)
      .filter((n: AstNode) => CellSpec.references.NameProvider.getName(n) !== undefined)
      .toArray();
    expect(named.length).toBeGreaterThan(5);
    for (const node of named) {
      const a = compact.createDescription(node, undefined, doc);
      const b = reference.createDescription(node, undefined, doc);
      expect({
        name: a.name,
        type: a.type,
        path: a.path,
        uri: a.documentUri.toString(),
        node: a.node === node,
      }).toEqual({ name: b.name, type: b.type, path: b.path, uri: b.documentUri.toString(), node: true });
      expect(a.nameSegment).toEqual(b.nameSegment);
      expect(a.selectionSegment).toEqual(b.selectionSegment);
    }
  });
});
