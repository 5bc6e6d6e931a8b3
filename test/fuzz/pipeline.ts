/**
 * The fuzz pipeline: one in-memory Langium workspace through which every input goes
 * parse → link → validate → resolve → design calculation → hover on each cell, checking the
 * rules a damaged spec must never break:
 *  - no exception escapes any stage;
 *  - no resolved IR value, design figure, diagnostic, problem or hover text carries NaN or
 *    Infinity (such values must become diagnostics instead);
 *  - each input finishes within the time budget.
 */
import { EmptyFileSystem, URI, AstUtils, type LangiumDocument } from 'langium';
import { createCellSpecServices, resolveDocument, ast } from '@cellspec/language';
import { designCell } from '../../packages/physics/src/design/index.js';
import { FUZZ_INPUT_URI, workspaceFiles } from './corpus.js';
import { nonFiniteNumbers } from './non-finite.js';

export { nonFiniteNumbers };

export interface FuzzFailure {
  readonly stage:
    'build' | 'validate' | 'resolve' | 'design' | 'hover' | 'non-finite' | 'slow' | 'cli' | 'server' | 'hang' | 'crash';
  readonly message: string;
}

export interface FuzzOutcome {
  readonly ms: number;
  readonly failures: readonly FuzzFailure[];
  readonly diagnostics: number;
  readonly cells: number;
}

/** The per-input time budget of the brief: no input may take longer than this. */
export const TIME_BUDGET_MS = 1000;

const NON_FINITE_TEXT = /\bNaN\b|Infinity/;
/**
 * An input that spells NaN or Infinity itself (as a unit, a name) may see it echoed in a message;
 * in a comment it excuses nothing (a regression fixture's header names what it once showed).
 */
const writesNonFinite = (text: string) => /NaN|Infinity/i.test(text.replace(/\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g, ''));

const errorText = (e: unknown) =>
  e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);

export class FuzzPipeline {
  readonly services = createCellSpecServices(EmptyFileSystem);
  private readonly uri = URI.parse(FUZZ_INPUT_URI);
  private ready: Promise<void> | undefined;

  private async setUp(): Promise<void> {
    const { shared } = this.services;
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const loaded: LangiumDocument[] = [];
    for (const [uri, text] of workspaceFiles()) {
      const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
      shared.workspace.LangiumDocuments.addDocument(document);
      loaded.push(document);
    }
    await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
  }

  async run(text: string): Promise<FuzzOutcome> {
    this.ready ??= this.setUp();
    await this.ready;
    const failures: FuzzFailure[] = [];
    const start = performance.now();
    const { shared, CellSpec } = this.services;
    const documents = shared.workspace.LangiumDocuments;
    let document: LangiumDocument<ast.Spec> | undefined;
    // Langium catches an exception thrown by a check, logs it and reports a generic diagnostic;
    // for the fuzzer that is an escaped exception all the same.
    const logged: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      logged.push(args.map(errorText).join(' '));
    };
    try {
      // Replace the previous input without relinking the rest of the workspace (nothing refers to it).
      if (documents.hasDocument(this.uri)) {
        documents.deleteDocument(this.uri);
        shared.workspace.IndexManager.remove(this.uri);
      }
      document = shared.workspace.LangiumDocumentFactory.fromString<ast.Spec>(text, this.uri);
      documents.addDocument(document);
      await shared.workspace.DocumentBuilder.build([document], { validation: true });
    } catch (e) {
      failures.push({ stage: 'build', message: errorText(e) });
    } finally {
      console.error = consoleError;
    }
    if (logged.length) failures.push({ stage: 'validate', message: logged[0]!.slice(0, 2000) });
    const diagnostics = document?.diagnostics ?? [];
    for (const d of diagnostics) {
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      if (message.startsWith('An error occurred')) failures.push({ stage: 'validate', message });
      if (NON_FINITE_TEXT.test(message) && !writesNonFinite(text))
        failures.push({ stage: 'non-finite', message: `diagnostic: ${message}` });
    }
    let cells = 0;
    if (document && failures.length === 0) {
      let ir;
      try {
        const result = resolveDocument(CellSpec, document);
        ir = result.ir;
        for (const p of nonFiniteNumbers(ir)) failures.push({ stage: 'non-finite', message: `IR ${p}` });
        for (const p of result.problems) {
          if (NON_FINITE_TEXT.test(p.message) && !writesNonFinite(text))
            failures.push({ stage: 'non-finite', message: `resolve problem: ${p.message}` });
        }
      } catch (e) {
        failures.push({ stage: 'resolve', message: errorText(e) });
      }
      for (const cell of ir?.cells ?? []) {
        cells++;
        try {
          const design = designCell(cell);
          for (const p of nonFiniteNumbers(design))
            failures.push({ stage: 'non-finite', message: `design of ${cell.name}: ${p}` });
          for (const p of design.problems) {
            if (NON_FINITE_TEXT.test(p.message) && !writesNonFinite(text))
              failures.push({ stage: 'non-finite', message: `design problem of ${cell.name}: ${p.message}` });
          }
        } catch (e) {
          failures.push({ stage: 'design', message: `${cell.name}: ${errorText(e)}` });
        }
      }
      await this.hoverCells(document, text, failures);
    }
    const ms = performance.now() - start;
    if (ms > TIME_BUDGET_MS)
      failures.push({ stage: 'slow', message: `took ${ms.toFixed(0)} ms (budget ${TIME_BUDGET_MS} ms)` });
    return { ms, failures, diagnostics: diagnostics.length, cells };
  }

  /** Hover on every cell and variant name, as an author pointing at it would. */
  private async hoverCells(document: LangiumDocument<ast.Spec>, text: string, failures: FuzzFailure[]): Promise<void> {
    const hover = this.services.CellSpec.lsp.HoverProvider;
    if (!hover) return;
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
      if (!(ast.isCell(node) || ast.isVariant(node) || ast.isElectrode(node)) || !node.$cstNode) continue;
      try {
        const result = await hover.getHoverContent(document, {
          textDocument: { uri: document.uri.toString() },
          position: node.$cstNode.range.start,
        });
        const value =
          result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
        if (NON_FINITE_TEXT.test(value) && !writesNonFinite(text))
          failures.push({ stage: 'non-finite', message: `hover: ${value.slice(0, 300)}` });
      } catch (e) {
        failures.push({ stage: 'hover', message: errorText(e) });
      }
    }
  }
}
