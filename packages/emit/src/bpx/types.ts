/**
 * BPX (Battery Parameter eXchange) objects as plain JSON types. Field names are the standard's
 * own, units in the keys (`Thickness [m]`), values SI. Source of the layout: the reference
 * implementation's schema, github.com/FaradayInstitution/BPX `bpx/schema.py` at v1.1.1
 * (MIT licence; see test/interop/bpx-examples/LICENSE-BPX.txt). Version 0.x files (which kept
 * temperatures and the initial electrolyte concentration in `Parameterisation`) are read too.
 */

/** A BPX value that may depend on a variable: a number, an expression in `x`, or a table. */
export type BpxFunction = number | string | BpxTable;
export interface BpxTable {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export type BpxSection = Record<string, unknown>;

export interface BpxDocument {
  readonly Header: {
    readonly BPX: string | number;
    readonly Title?: string;
    readonly Description?: string;
    readonly References?: string;
    readonly Model: 'SPM' | 'SPMe' | 'DFN' | 'Partial';
  };
  readonly Parameterisation: {
    readonly Cell?: BpxSection;
    readonly Electrolyte?: BpxSection;
    readonly 'Negative electrode'?: BpxSection;
    readonly 'Positive electrode'?: BpxSection;
    readonly Separator?: BpxSection;
    readonly 'User-defined'?: BpxSection;
  };
  readonly State?: {
    readonly 'Initial conditions'?: BpxSection;
    readonly 'Thermal environment'?: BpxSection;
    readonly Degradation?: BpxSection;
  };
  readonly Validation?: Record<string, BpxSection>;
}

/** The BPX version cellspec writes: the schema of BPX 1.1 (with the `State` section). */
export const BPX_VERSION = '1.1.0';

export function isTable(v: unknown): v is BpxTable {
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as BpxTable).x) &&
    Array.isArray((v as BpxTable).y) &&
    Object.keys(v).length === 2
  );
}
