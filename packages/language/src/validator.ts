/**
 * Validation: a list of check modules registered in one place. Each module is a small file under
 * `validation/` returning Langium checks for the node types it cares about; to add checks, write a
 * module and append it to CHECK_MODULES. Every diagnostic carries a stable code (validation/codes.ts).
 *
 * Fast checks (units, kinds, ranges, sums, names) run on every keystroke; anything that runs a
 * model belongs to the `slow` category and runs on save and in the CLI.
 */
import type { ValidationCategory, ValidationChecks } from 'langium';
import type { CellSpecAstType } from './generated/ast.js';
import type { CellSpecServices } from './cellspec-module.js';
import { compositionChecks } from './validation/composition-checks.js';
import { materialKindChecks } from './validation/material-kind-checks.js';
import { nameChecks } from './validation/name-checks.js';
import { propertyChecks } from './validation/property-checks.js';
import { referenceChecks } from './validation/reference-checks.js';
import { requiredChecks } from './validation/required-checks.js';
import { valueChecks } from './validation/value-checks.js';
import { variantChecks } from './validation/variant-checks.js';
import { testPlanChecks } from './validation/testplans.js';
import { designChecks } from './validation/design-checks.js';
import { analysisChecks } from './validation/analysis-checks.js';
import { fileReferenceChecks } from './file-references.js';
import { modelReadinessChecks } from './validation/model-readiness.js';
import { projectChecks } from './validation/project-checks.js';
import { documentChecks } from './validation/document-checks.js';
import { packChecks } from './validation/pack-checks.js';

export interface CheckModule {
  /** For profiling and documentation. */
  readonly name: string;
  /** `fast` unless the module runs something expensive. */
  readonly category?: ValidationCategory;
  readonly checks: (services: CellSpecServices) => ValidationChecks<CellSpecAstType>;
}

export const CHECK_MODULES: CheckModule[] = [
  { name: 'properties', checks: propertyChecks },
  { name: 'values', checks: valueChecks },
  { name: 'composition', checks: compositionChecks },
  { name: 'material kinds', checks: materialKindChecks },
  { name: 'names', checks: nameChecks },
  { name: 'required', checks: requiredChecks },
  { name: 'variants', checks: variantChecks },
  { name: 'references', checks: referenceChecks },
  { name: 'test plans', checks: testPlanChecks },
  { name: 'design', checks: designChecks },
  { name: 'file references', checks: fileReferenceChecks },
  { name: 'document control', checks: documentChecks },
  { name: 'analyses', category: 'slow', checks: analysisChecks },
  { name: 'model readiness', category: 'slow', checks: modelReadinessChecks },
  { name: 'project', checks: projectChecks },
  { name: 'packs', checks: packChecks },
];

export function registerValidationChecks(services: CellSpecServices): void {
  const registry = services.validation.ValidationRegistry;
  const validator = services.validation.CellSpecValidator;
  for (const module of validator.modules) {
    registry.register(module.checks(services), module, module.category ?? 'fast');
  }
}

/** The service other code asks which check modules are active. */
export class CellSpecValidator {
  readonly modules: readonly CheckModule[] = CHECK_MODULES;
}

export { Code, CODE_DESCRIPTIONS, type DiagnosticCode } from './validation/codes.js';
