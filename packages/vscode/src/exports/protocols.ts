/**
 * Protocol export: the formats a user can pick and the emitter behind each. The emitters live in
 * `@cellspec/emit`; a format whose emitter is not in this build says so instead of writing
 * anything.
 */
import type { SpecIR } from '@cellspec/physics';

export interface EmittedFile {
  /** File name relative to the folder the user picks. */
  readonly name: string;
  readonly content: string | Uint8Array;
}

export interface ProtocolFormat {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  /** Undefined when this build has no emitter for the format. */
  readonly emit?: (spec: SpecIR) => readonly EmittedFile[];
}

export const PROTOCOL_FORMATS: readonly ProtocolFormat[] = [
  { id: 'pybamm', label: 'PyBaMM experiment', detail: 'Python list of experiment steps per test' },
  { id: 'maccor', label: 'Maccor procedure', detail: 'Maccor XML procedure per test' },
  { id: 'biologic', label: 'BioLogic EC-Lab settings', detail: 'EC-Lab .mps settings per test' },
  { id: 'json', label: 'JSON protocol', detail: 'Expanded test steps as JSON' },
];

export function unavailableMessage(format: ProtocolFormat): string {
  return `Export to ${format.label} is not available in this version of cellspec: its protocol emitter is not included yet. Nothing was written.`;
}
