/**
 * Protocol export on the server side: the files the emitters of `@cellspec/emit` make from the
 * test plans the server expanded, served as `cellspec/protocolFiles` by the extension's server
 * entry. Pure apart from the handler: writing is the client command's job.
 */
import { emitProtocol, PROTOCOL_FORMATS, type EmitNote, type ProtocolFile, type ProtocolFormat } from '@cellspec/emit';
import type { ExpandedPlan } from '@cellspec/physics';
import { expandedPlansOf, validatedDocument, type RunningServer } from '@cellspec/language/lsp';
import {
  ProtocolFilesRequest,
  type ProtocolFileData,
  type ProtocolFilesParams,
  type ProtocolFilesResult,
} from '@cellspec/language/lsp/messages';

export interface ProtocolExport {
  readonly files: readonly ProtocolFile[];
  /** What a format could not say, per plan and test ("PyBaMM has no impedance step; …"). */
  readonly notes: readonly (EmitNote & { readonly plan: string })[];
  /** "TP-SB21 (SB21): 3 tests, 2.4 days on 3 channels" per plan. */
  readonly summaries: readonly string[];
}

/** Emits all plans in one format; throws only on an emitter bug, before anything is written. */
export function protocolExport(plans: readonly ExpandedPlan[], format: ProtocolFormat): ProtocolExport {
  const files: ProtocolFile[] = [];
  const notes: (EmitNote & { plan: string })[] = [];
  const summaries: string[] = [];
  for (const plan of plans) {
    const result = emitProtocol(plan, format);
    files.push(...result.files);
    notes.push(...result.notes.map((n) => ({ ...n, plan: plan.plan })));
    summaries.push(
      `${plan.plan} (${plan.cell}): ${plan.cost.summary} — ${result.files.length} file${result.files.length === 1 ? '' : 's'}`,
    );
  }
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new Error(`two plans would write the same file ${f.name}; export one plan at a time`);
    names.add(f.name);
  }
  return { files, notes, summaries };
}

/** Text as text; bytes (BioLogic's Windows-1252) as base64, which JSON-RPC can carry. */
export function protocolFileData(file: ProtocolFile): ProtocolFileData {
  return typeof file.content === 'string'
    ? { name: file.name, text: file.content }
    : { name: file.name, base64: Buffer.from(file.content).toString('base64') };
}

/** The whole request: expand the document's plans, refuse on errors, emit in the format. */
export function protocolFilesOf(
  plans: readonly ExpandedPlan[],
  errors: readonly string[],
  format: string,
): ProtocolFilesResult {
  const empty = { files: [], notes: [], summaries: [] };
  if (!(PROTOCOL_FORMATS as readonly string[]).includes(format))
    return { ...empty, errors: [`unknown protocol format '${format}'; one of ${PROTOCOL_FORMATS.join(', ')}`] };
  if (errors.length > 0) return { ...empty, errors };
  const result = protocolExport(plans, format as ProtocolFormat);
  return { files: result.files.map(protocolFileData), notes: result.notes, summaries: result.summaries, errors: [] };
}

type CancellationToken = Parameters<typeof validatedDocument>[2];

/** Serves `cellspec/protocolFiles` (registered by the extension's server entry). */
export function registerProtocolFiles({ connection, shared, CellSpec }: RunningServer): void {
  connection.onRequest(
    ProtocolFilesRequest.method,
    async (params: ProtocolFilesParams, token: CancellationToken): Promise<ProtocolFilesResult> => {
      const document = await validatedDocument(shared, params.uri, token);
      if (!document)
        return {
          files: [],
          notes: [],
          summaries: [],
          errors: ['the language server does not know this file yet; save it and try again'],
        };
      const { plans, errors } = expandedPlansOf(CellSpec, document, () =>
        shared.workspace.LangiumDocuments.all.filter((d) => d !== document),
      );
      return protocolFilesOf(plans, errors, params.format);
    },
  );
}
