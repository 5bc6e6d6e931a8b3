/** Where a statement stands, in the property table's terms and in an engineer's words. */
import type { AstNode } from 'langium';
import {
  isCell,
  isDocumentControl,
  isElectrode,
  isFormat,
  isLimits,
  isMaterial,
  isProcess,
  isSeparatorLayer,
  isTest,
  isThermal,
  isVariant,
  isModule,
  isPack,
  isVehicle,
} from '../generated/ast.js';
import type { PropertyContext } from '../properties.js';

export function contextOf(container: AstNode | undefined): PropertyContext | undefined {
  if (isMaterial(container)) return 'material';
  if (isElectrode(container)) return 'electrode';
  if (isSeparatorLayer(container)) return 'separator';
  if (isCell(container) || isVariant(container)) return 'cell';
  if (isFormat(container)) return 'format';
  if (isLimits(container)) return 'limits';
  if (isThermal(container)) return 'thermal';
  if (isProcess(container)) return 'process';
  if (isTest(container)) return 'test';
  if (isModule(container)) return 'module';
  if (isPack(container)) return 'pack';
  if (isVehicle(container)) return 'vehicle';
  return undefined;
}

const CONTEXT_WORDS: Readonly<Record<PropertyContext, string>> = {
  material: 'a material',
  electrode: 'an electrode',
  separator: 'an electrolyte layer or separator',
  cell: 'a cell',
  format: 'a cell format',
  limits: 'the limits',
  thermal: 'the thermal block',
  process: 'a process',
  test: 'a test',
  module: 'a module',
  pack: 'a pack',
  vehicle: 'the vehicle block',
};

export function contextWords(context: PropertyContext): string {
  return CONTEXT_WORDS[context];
}

/** A block as an engineer names it: "material NCM811", "the cathode", "cell SB21". */
export function blockName(node: AstNode | undefined): string {
  if (isMaterial(node)) return `material ${node.name}`;
  if (isElectrode(node)) return `the ${node.role}`;
  if (isSeparatorLayer(node)) return `the ${node.type}`;
  if (isCell(node)) return `cell ${node.name}`;
  if (isVariant(node)) return `variant ${node.name}`;
  if (isFormat(node)) return 'the format';
  if (isLimits(node)) return 'the limits';
  if (isThermal(node)) return 'the thermal block';
  if (isProcess(node)) return `process ${node.name}`;
  if (isTest(node)) return `test ${node.name}`;
  if (isDocumentControl(node)) return 'the document block';
  if (isModule(node)) return `module ${node.name}`;
  if (isPack(node)) return `pack ${node.name}`;
  if (isVehicle(node)) return 'the vehicle block';
  return 'this block';
}
