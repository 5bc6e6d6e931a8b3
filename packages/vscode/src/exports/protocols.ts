/**
 * Protocol export: the cycler formats a user can pick, and the files the emitters of
 * `@cellspec/emit` make from the test plans the server expanded. Pure: writing is the command's
 * job, so this is testable without VS Code.
 */
import { emitProtocol, PROTOCOL_FORMATS, type EmitNote, type ProtocolFile, type ProtocolFormat } from '@cellspec/emit';
import type { ExpandedPlan } from '@cellspec/physics';

export interface ProtocolFormatChoice {
  readonly id: ProtocolFormat;
  readonly label: string;
  readonly detail: string;
}

const DESCRIPTIONS: Readonly<Record<ProtocolFormat, Omit<ProtocolFormatChoice, 'id'>>> = {
  pybamm: { label: 'PyBaMM experiment', detail: 'Experiment steps per plan, with a runnable Python script' },
  maccor: { label: 'Maccor procedure', detail: 'One Maccor .000 procedure per electrical sub-test' },
  biologic: { label: 'BioLogic EC-Lab settings', detail: 'One EC-Lab .mps settings file per electrical sub-test' },
  json: { label: 'JSON protocol', detail: 'The neutral cellspec protocol, every test including off-cycler ones' },
  neware: { label: 'Neware BTS step file', detail: 'One BTS 8 .xml step file per electrical sub-test' },
  arbin: { label: 'Arbin schedule', detail: 'One MITS Pro .sdu schedule per electrical sub-test' },
};

/** Every format the emitters support, in their order. */
export const PROTOCOL_CHOICES: readonly ProtocolFormatChoice[] = PROTOCOL_FORMATS.map((id) => ({
  id,
  ...DESCRIPTIONS[id],
}));

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

/** The refusal shown when the spec has errors: the first few, and how many more. */
export function refusalMessage(errors: readonly string[]): string {
  const shown = errors.slice(0, 3).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return `No protocol written: ${shown}${more}.`;
}
