/**
 * BPX 0.x → 1.x. Version 1.0 moved the ambient and initial temperatures and the initial
 * electrolyte concentration from `Parameterisation` into a `State` section and dropped the lumped
 * thermal conductivity (BPX CHANGELOG v1.1.0; `bpx/_migrations.py`). Unlike the reference
 * converter, nothing is synthesised: an initial state of charge the 0.x file did not have stays
 * absent, so a round trip compares only what the file held.
 */
import type { BpxDocument, BpxSection } from './types.js';

export interface Migrated {
  readonly document: BpxDocument;
  /** Fields of the 0.x file that 1.x has no place for, with their values. */
  readonly dropped: readonly { readonly field: string; readonly value: unknown }[];
}

export function bpxMajorVersion(doc: BpxDocument): number {
  const v = doc.Header?.BPX;
  const major = typeof v === 'number' ? Math.trunc(v) : Number(/^\s*(\d+)/.exec(String(v))?.[1]);
  if (!Number.isFinite(major)) throw new Error(`the BPX header has no version (Header.BPX is ${JSON.stringify(v)})`);
  return major;
}

export function migrateBpx(input: BpxDocument): Migrated {
  const doc = structuredClone(input) as BpxDocument & { State?: Record<string, BpxSection> };
  if (bpxMajorVersion(doc) >= 1) return { document: doc, dropped: [] };
  const dropped: { field: string; value: unknown }[] = [];
  const cell = (doc.Parameterisation.Cell ?? {}) as BpxSection;
  const electrolyte = (doc.Parameterisation.Electrolyte ?? {}) as BpxSection;
  const take = (from: BpxSection, key: string): unknown => {
    const v = from[key];
    delete from[key];
    return v;
  };
  const ambient = take(cell, 'Ambient temperature [K]');
  const initialT = take(cell, 'Initial temperature [K]');
  const conductivity = take(cell, 'Thermal conductivity [W.m-1.K-1]');
  if (conductivity !== undefined)
    dropped.push({ field: 'Parameterisation/Cell/Thermal conductivity [W.m-1.K-1]', value: conductivity });
  const ce0 = take(electrolyte, 'Initial concentration [mol.m-3]');
  const initial: BpxSection = {};
  if (initialT !== undefined) initial['Initial temperature [K]'] = initialT;
  if (ce0 !== undefined) initial['Initial electrolyte concentration [mol.m-3]'] = ce0;
  const thermal: BpxSection = {};
  if (ambient !== undefined) thermal['Ambient temperature [K]'] = ambient;
  const state: Record<string, BpxSection> = { ...(doc.State ?? {}) };
  if (Object.keys(initial).length) state['Initial conditions'] = initial;
  if (Object.keys(thermal).length) state['Thermal environment'] = thermal;
  const header = { ...doc.Header, BPX: '1.1.0' };
  return {
    document: { ...doc, Header: header, ...(Object.keys(state).length ? { State: state } : {}) },
    dropped,
  };
}
