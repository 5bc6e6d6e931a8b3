/** Cycler protocol emitters: PyBaMM, Maccor, BioLogic and the neutral JSON protocol. */
import type { ExpandedPlan } from '@cellspec/physics';
import { emitPyBaMM } from './pybamm.js';
import { emitMaccor } from './maccor.js';
import { emitBioLogic } from './biologic.js';
import { emitJson } from './json.js';
import type { EmitResult } from './common.js';

export const PROTOCOL_FORMATS = ['pybamm', 'maccor', 'biologic', 'json'] as const;
export type ProtocolFormat = (typeof PROTOCOL_FORMATS)[number];

export function emitProtocol(plan: ExpandedPlan, format: ProtocolFormat): EmitResult {
  switch (format) {
    case 'pybamm':
      return emitPyBaMM(plan);
    case 'maccor':
      return emitMaccor(plan);
    case 'biologic':
      return emitBioLogic(plan);
    case 'json':
      return emitJson(plan);
  }
}

export {
  emitPyBaMM,
  pybammDocument,
  setpointText,
  crateText,
  durationText,
  type PyBaMMDocument,
  type PyBaMMCycle,
  type PyBaMMExperiment,
} from './pybamm.js';
export { emitMaccor, maccorProcedure, clock, MAX_LOOP_DEPTH } from './maccor.js';
export {
  emitBioLogic,
  mpsText,
  biologicSequences,
  tableRows,
  amps,
  currentRange,
  COLUMN_WIDTH,
  type Sequence,
} from './biologic.js';
export { emitJson, protocolDocument, PROTOCOL_FORMAT, PROTOCOL_VERSION } from './json.js';
export { writeFilesAtomic, OverwriteRefusedError, OUTPUT_MANIFEST, type WriteOptions } from './write.js';
export {
  slug,
  plain,
  DEFAULT_RECORD,
  SAFETY_MARGIN,
  type ProtocolFile,
  type EmitNote,
  type EmitResult,
} from './common.js';
