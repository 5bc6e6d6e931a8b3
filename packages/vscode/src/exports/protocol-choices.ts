/**
 * The cycler formats a user can pick for protocol export, and how the client turns the server's
 * answer into files. The emitters run in the language server (`protocol-files.ts`), so this side
 * imports nothing from `@cellspec/emit` but a type: the client bundle stays free of the emitters,
 * their encodings and the units library.
 */
import type { ProtocolFile, ProtocolFormat } from '@cellspec/emit';
import type { ProtocolFileData } from '@cellspec/language/lsp/messages';

export interface ProtocolFormatChoice {
  readonly id: ProtocolFormat;
  readonly label: string;
  readonly detail: string;
}

/** Every format the emitters support, in their order (a missing format is a type error here). */
const DESCRIPTIONS: Readonly<Record<ProtocolFormat, Omit<ProtocolFormatChoice, 'id'>>> = {
  pybamm: { label: 'PyBaMM experiment', detail: 'Experiment steps per plan, with a runnable Python script' },
  maccor: { label: 'Maccor procedure', detail: 'One Maccor .000 procedure per electrical sub-test' },
  biologic: { label: 'BioLogic EC-Lab settings', detail: 'One EC-Lab .mps settings file per electrical sub-test' },
  json: { label: 'JSON protocol', detail: 'The neutral cellspec protocol, every test including off-cycler ones' },
  neware: { label: 'Neware BTS step file', detail: 'One BTS 8 .xml step file per electrical sub-test' },
  arbin: { label: 'Arbin schedule', detail: 'One MITS Pro .sdu schedule per electrical sub-test' },
};

export const PROTOCOL_CHOICES: readonly ProtocolFormatChoice[] = (Object.keys(DESCRIPTIONS) as ProtocolFormat[]).map(
  (id) => ({ id, ...DESCRIPTIONS[id] }),
);

/** The refusal shown when the spec has errors: the first few, and how many more. */
export function refusalMessage(errors: readonly string[]): string {
  const shown = errors.slice(0, 3).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return `No protocol written: ${shown}${more}.`;
}

/** A file as it crossed the connection, back to what the atomic writer takes. */
export function protocolFileFromData(file: ProtocolFileData): ProtocolFile {
  if (file.base64 !== undefined) return { name: file.name, content: Buffer.from(file.base64, 'base64') };
  return { name: file.name, content: file.text ?? '' };
}
