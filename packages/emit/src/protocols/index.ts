/** Cycler protocol emitters: PyBaMM, Maccor, BioLogic and the neutral JSON protocol. */
import type { CellIR, ExpandedPlan } from '@cellspec/physics';
import { emitPyBaMM } from './pybamm.js';
import { emitMaccor } from './maccor.js';
import { emitBioLogic } from './biologic.js';
import { emitJson } from './json.js';
import { emitNeware } from './neware.js';
import { emitArbin } from './arbin.js';
import type { EmitResult } from './common.js';

export const PROTOCOL_FORMATS = ['pybamm', 'maccor', 'biologic', 'json', 'neware', 'arbin'] as const;
export type ProtocolFormat = (typeof PROTOCOL_FORMATS)[number];

export interface EmitOptions {
  /** The plan's cell: PyBaMM scripts build its parameter set from it. */
  readonly cell?: CellIR | undefined;
}

export function emitProtocol(plan: ExpandedPlan, format: ProtocolFormat, options: EmitOptions = {}): EmitResult {
  switch (format) {
    case 'pybamm':
      return emitPyBaMM(plan, options.cell);
    case 'maccor':
      return emitMaccor(plan);
    case 'biologic':
      return emitBioLogic(plan);
    case 'json':
      return emitJson(plan);
    case 'neware':
      return emitNeware(plan);
    case 'arbin':
      return emitArbin(plan);
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
export { pybammParameters, formulaPython, type PyBaMMParameterCode } from './pybamm-parameters.js';
export { emitNeware, newareStepFile, NEWARE_STEP_TYPES, NEWARE_CLIENT } from './neware.js';
export { emitArbin, arbinSchedule, arbinCurrentRange, ARBIN_SCHEDULE_VERSION, ARBIN_MAX_LOOP_DEPTH } from './arbin.js';
export { emitJson, protocolDocument, PROTOCOL_FORMAT, PROTOCOL_VERSION } from './json.js';
export {
  writeFilesAtomic,
  OverwriteRefusedError,
  OutputRefusedError,
  readOutputFile,
  OUTPUT_MANIFEST,
  type WriteOptions,
} from './write.js';
export {
  slug,
  plain,
  DEFAULT_RECORD,
  SAFETY_MARGIN,
  type ProtocolFile,
  type EmitNote,
  type EmitResult,
} from './common.js';
