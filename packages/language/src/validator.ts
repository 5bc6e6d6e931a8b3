/**
 * Validation checks. Fast checks (syntax-adjacent, unit kinds, ranges, sums) run on every
 * keystroke; anything that runs a model belongs to the `slow` category.
 */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { CellSpecAstType, Property } from './generated/ast.js';
import type { CellSpecServices } from './cellspec-module.js';

export function registerValidationChecks(services: CellSpecServices): void {
  const registry = services.validation.ValidationRegistry;
  const validator = services.validation.CellSpecValidator;
  const checks: ValidationChecks<CellSpecAstType> = {
    Property: (node, accept) => validator.checkProperty(node, accept, services),
  };
  registry.register(checks, validator);
}

export class CellSpecValidator {
  checkProperty(node: Property, accept: ValidationAcceptor, services: CellSpecServices): void {
    void node; void accept; void services;
  }
}
