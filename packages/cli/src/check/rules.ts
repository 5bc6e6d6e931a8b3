/**
 * Descriptions of diagnostic codes, for SARIF rules. The language's own table comes first; the
 * codes Langium reports itself and the CLI's `unreadable-input` are described here, and any other
 * code gets a description made from the code.
 */
import { CODE_DESCRIPTIONS } from '@cellspec/language';

export const UNREADABLE_INPUT = 'unreadable-input';
/** Diagnostics that carry no code are grouped under this rule. */
export const UNCODED = 'cellspec';

const CLI_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'lexing-error': 'Text that is not part of the cellspec language (an unexpected character).',
  'parsing-error': 'Syntax error: the spec does not follow the cellspec grammar.',
  'linking-error': 'Reference to a material, cell or constant that is not defined or not imported.',
  [UNREADABLE_INPUT]: 'An input file that cannot be read or is not valid UTF-8.',
  [UNCODED]: 'A problem in a cellspec specification.',
};

export function ruleDescription(code: string): string {
  return (
    (CODE_DESCRIPTIONS as Readonly<Record<string, string>>)[code] ??
    CLI_DESCRIPTIONS[code] ??
    `A cellspec finding of the kind '${code}'.`
  );
}
