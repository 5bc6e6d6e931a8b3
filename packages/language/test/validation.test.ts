/**
 * The built-in library and imports through the real file system: the fixture suite covers the
 * diagnostics in memory; these cases check what only a Node file system or the library can show.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AstUtils, EmptyFileSystem, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createCellSpecServices } from '../src/index.js';
import { isMaterial, isProperty, isReference, type Spec } from '../src/generated/ast.js';
import { STANDARD_LIBRARY_URI } from '../src/scoping/builtin-library.js';
import { STANDARD_MATERIALS_TEXT } from '../src/scoping/standard-materials.generated.js';
import { buildWorkspace, summarize } from './validation-helpers.js';

const LIBRARY_FILE = join(import.meta.dirname, '..', 'lib', 'standard-materials.cellspec');
const USES_BUILTINS = 'let ncm = NCM811.density\nlet foil = Al.thickness\n';

describe('built-in standard material library', () => {
  it('is embedded from lib/standard-materials.cellspec (run `pnpm run generate` after editing it)', () => {
    expect(STANDARD_MATERIALS_TEXT).toBe(readFileSync(LIBRARY_FILE, 'utf8'));
  });

  it('is visible without an import, on an in-memory file system', async () => {
    const [file] = await buildWorkspace({ 'spec.cellspec': USES_BUILTINS });
    expect(summarize(file!.diagnostics)).toEqual([]);
    const target = AstUtils.streamAst(file!.document.parseResult.value).filter(isReference).head()!.target.ref!;
    expect(AstUtils.getDocument(target).uri.toString()).toBe(STANDARD_LIBRARY_URI.toString());
  });

  it('has no diagnostics of its own, and every value cites its source', async () => {
    await buildWorkspace({ 'spec.cellspec': USES_BUILTINS });
    const { shared } = createCellSpecServices(EmptyFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const library = shared.workspace.LangiumDocuments.getDocument(STANDARD_LIBRARY_URI)!;
    expect(library, 'loaded by the workspace manager').toBeDefined();
    expect(summarize(library.diagnostics ?? [])).toEqual([]);
    const materials = (library.parseResult.value as Spec).elements.filter(isMaterial);
    expect(materials.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'NCM811',
        'NaturalGraphite',
        'Li6PS5Cl',
        'VGCF',
        'PVDF',
        'Al',
        'Cu',
        'SUS304',
        'LiNbO3',
        'PouchLaminate',
      ]),
    );
    const unsourced = materials.flatMap((m) =>
      m.members
        .filter(isProperty)
        .filter((p) => !p.source)
        .map((p) => `${m.name}.${p.name}`),
    );
    expect(unsourced).toEqual([]);
  });

  it('is shadowed by a local material of the same name', async () => {
    const [file] = await buildWorkspace({
      'spec.cellspec':
        'material NCM811 cathode-active { specific-capacity 190 mAh/g density 4.75 g/cm3 }\nlet d = NCM811.density\n',
    });
    expect(summarize(file!.diagnostics)).toEqual([]);
    const reference = AstUtils.streamAst(file!.document.parseResult.value).filter(isReference).head()!;
    expect(AstUtils.getDocument(reference.target.ref!).uri.toString()).toBe(file!.document.uri.toString());
  });
});

describe('imports on the Node file system', () => {
  const root = mkdtempSync(join(tmpdir(), 'cellspec-imports-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'lib'));
  writeFileSync(
    join(root, 'lib', 'materials.cellspec'),
    'material NCM9 cathode-active { specific-capacity 215 mAh/g density 4.8 g/cm3 }\n',
  );
  writeFileSync(join(root, 'cell.cellspec'), `import "lib/materials.cellspec"\nlet d = NCM9.density\n${USES_BUILTINS}`);
  writeFileSync(join(root, 'broken.cellspec'), 'import "lib/nothing.cellspec"\n');

  it('loads an imported file that was not opened, relative to the importing file', async () => {
    const { shared } = createCellSpecServices(NodeFileSystem);
    const document = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(join(root, 'cell.cellspec')));
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    expect(summarize(document.diagnostics ?? [])).toEqual([]);
    expect(shared.workspace.LangiumDocuments.hasDocument(URI.file(join(root, 'lib', 'materials.cellspec')))).toBe(true);
  });

  it('reports a missing file as unknown-import', async () => {
    const { shared } = createCellSpecServices(NodeFileSystem);
    const document = await shared.workspace.LangiumDocuments.getOrCreateDocument(
      URI.file(join(root, 'broken.cellspec')),
    );
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    expect(summarize(document.diagnostics ?? [])).toEqual([
      'error unknown-import@1: cannot find the file "lib/nothing.cellspec" (imports are relative to this file\'s folder)',
    ]);
  });
});

describe('imports in an editing session', () => {
  it('revalidates an importing file when the imported file appears on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellspec-session-'));
    try {
      // No reference into lib: only the import itself says that main depends on it.
      writeFileSync(join(dir, 'main.cellspec'), 'import "lib.cellspec"\nlet gap = 150 um\n');
      const { shared } = createCellSpecServices(NodeFileSystem);
      const main = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(join(dir, 'main.cellspec')));
      await shared.workspace.DocumentBuilder.build([main], { validation: true });
      expect(summarize(main.diagnostics ?? []).map((s) => s.split(':')[0])).toEqual(['error unknown-import@1']);

      writeFileSync(
        join(dir, 'lib.cellspec'),
        'material NCM9 cathode-active { specific-capacity 215 mAh/g density 4.8 g/cm3 }\n',
      );
      await shared.workspace.DocumentBuilder.update([URI.file(join(dir, 'lib.cellspec'))], []);
      expect(summarize(main.diagnostics ?? [])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unresolved references', () => {
  it('carry the import or the likely name for quick fixes', async () => {
    const [, main] = await buildWorkspace({
      'lib.cellspec': 'let gap = 150 um\n',
      'main.cellspec': 'let a = gap\nlet b = NCM812.density\n',
    });
    const data = main!.diagnostics.map((d) => [d.code, d.data]);
    expect(data).toEqual([
      ['unresolved-reference', expect.objectContaining({ refText: 'gap', importPath: 'lib.cellspec' })],
      ['unresolved-reference', expect.objectContaining({ refText: 'NCM812', suggestion: 'NCM811' })],
    ]);
  });
});
