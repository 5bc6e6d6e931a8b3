/**
 * Checks the project's configuration asks for: every document number matches the pattern in
 * `cellspec.json` ("documentNumber"), so a repository keeps one numbering scheme.
 */
import type { ValidationChecks } from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import { isTextField, type CellSpecAstType } from '../generated/ast.js';
import { projectConfigOf } from '../project.js';
import { Code } from './codes.js';

export function projectChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  return {
    DocumentControl: (node, accept) => {
      const pattern = projectConfigOf(services.shared)?.documentNumber;
      if (pattern === undefined) return;
      const number = node.members.find((m) => isTextField(m) && m.key === 'number');
      if (!number || !isTextField(number)) return;
      if (!new RegExp(pattern, 'u').test(number.value))
        accept('warning', `document number "${number.value}" does not match the project's pattern /${pattern}/`, {
          node: number,
          property: 'value',
          code: Code.DocumentNumberPattern,
        });
    },
  };
}
