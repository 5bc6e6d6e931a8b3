import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { expectSemanticToken, highlightHelper } from 'langium/test';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { createCellSpecServices } from '../../src/index.js';

const { CellSpec } = createCellSpecServices(EmptyFileSystem);
const highlight = highlightHelper(CellSpec);

/** Each `<|…|>` range must be exactly one token of the listed type, in order. */
async function expectTokens(text: string, types: SemanticTokenTypes[]): Promise<void> {
  const result = await highlight(text);
  expect(result.ranges.length).toBe(types.length);
  types.forEach((tokenType, rangeIndex) => expectSemanticToken(result, { rangeIndex, tokenType }));
}

describe('semantic tokens', () => {
  it('materials, property names, numbers and units', async () => {
    await expectTokens(
      'material <|NCM811|> cathode-active { <|density|> <|4.7|> <|g/cm3|> }\n' +
        'cell <|A|> { cathode { composition { <|NCM811|>: <|97|> <|wt%|> } <|loading|> 20 <|mg/cm²|> } }',
      [
        SemanticTokenTypes.class,
        SemanticTokenTypes.property,
        SemanticTokenTypes.number,
        SemanticTokenTypes.enumMember,
        SemanticTokenTypes.struct,
        SemanticTokenTypes.class,
        SemanticTokenTypes.number,
        SemanticTokenTypes.enumMember,
        SemanticTokenTypes.property,
        SemanticTokenTypes.enumMember,
      ],
    );
  });

  it('procedure names, process steps, C-rates, constants and references to properties', async () => {
    await expectTokens(
      'let <|gap|> = 150 um\nlet twice = 2 * <|gap|>\nmaterial M other { density 1 g/cm3 }\nlet rho = <|M|>.<|density|>\n' +
        'process P { step <|mixing|> { <|time|>: 30 min } }\n' +
        'test-plan T for <|A|> { test t { charge at <|C|>/<|10|> until 4.2 V\n procedure <|dc-ir|> } }\ncell A { }',
      [
        SemanticTokenTypes.variable,
        SemanticTokenTypes.variable,
        SemanticTokenTypes.class,
        SemanticTokenTypes.property,
        SemanticTokenTypes.function,
        SemanticTokenTypes.parameter,
        SemanticTokenTypes.struct,
        SemanticTokenTypes.enumMember,
        SemanticTokenTypes.number,
        SemanticTokenTypes.function,
      ],
    );
  });

  it('marks declarations', async () => {
    const result = await highlight('material <|Al|> current-collector { }');
    const token = result.tokens.find((t) => t.offset === result.ranges[0]![0]);
    const declaration = CellSpec.lsp.SemanticTokenProvider!.tokenModifiers[SemanticTokenModifiers.declaration]!;
    expect((token!.tokenModifiers as number) & declaration).toBe(declaration);
  });
});
