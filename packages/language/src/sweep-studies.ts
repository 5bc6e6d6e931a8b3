/**
 * Sweep studies beside specs: `cells/ngsc.cellspec` may have `cells/ngsc.sweep.json`, the study
 * (grid, constraints, objectives, simulation) that the cell specification's design-sweep section
 * and the editor's preview run. Read like a spec file (`safe-read.ts`: regular file, 4 MiB,
 * strict UTF-8); a file that is absent is no study, one that cannot be used is a problem.
 */
import { existsSync } from 'node:fs';
import { parseStudy, StudyError, type SweepStudy } from '@cellspec/physics';
import { readSpecFile } from './safe-read.js';

export const STUDY_SUFFIX = '.sweep.json';

/** The study file that belongs to a spec file. */
export function studyPathOf(specPath: string): string {
  return specPath.replace(/\.cellspec$/, '') + STUDY_SUFFIX;
}

export type StudyRead =
  { readonly path: string; readonly study: SweepStudy } | { readonly path: string; readonly problem: string };

/** The study beside a spec file, if there is one. */
export function readStudyBeside(specPath: string): StudyRead | undefined {
  const path = studyPathOf(specPath);
  if (!existsSync(path)) return undefined;
  const read = readSpecFile(path);
  if ('problem' in read) return { path, problem: read.problem };
  try {
    return { path, study: parseStudy(JSON.parse(read.text)) };
  } catch (error) {
    if (error instanceof StudyError || error instanceof SyntaxError) return { path, problem: error.message };
    throw error;
  }
}
