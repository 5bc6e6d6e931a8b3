/**
 * Which quantity kinds a value at a given place accepts, for completion (units after a number)
 * and hover (the kind a literal is read as). Properties come from the property table; the
 * other value positions (targets, test steps, process parameters…) are listed here.
 * `undefined` means the place is open-ended (constants, process parameters): any unit goes.
 */
import type { AstNode } from 'langium';
import type { QuantityKind } from '@cellspec/units';
import * as ast from '../generated/ast.js';
import { PROPERTIES, type PropertyContext } from '../properties.js';
import { METRIC_KINDS, SETPOINT_KINDS } from '../validation/value-checks.js';

// One table for what targets and setpoints accept: the validator's.
const SETPOINT = SETPOINT_KINDS;
const END_VALUE: readonly QuantityKind[] = ['voltage', 'cRate', 'current', 'time'];
const END_QUANTITY: Readonly<Record<string, readonly QuantityKind[]>> = {
  soc: ['fraction'],
  capacity: ['capacity'],
  energy: ['energy'],
  temperature: ['temperature'],
};
const OPTION_KINDS: Readonly<Record<string, readonly QuantityKind[]>> = {
  at: ['cRate', 'temperature'],
  rates: ['cRate'],
  rate: ['cRate'],
  temperature: ['temperature'],
  temperatures: ['temperature'],
  'to-soc': ['fraction'],
  'from-soc': ['fraction'],
  ambient: ['temperature'],
  'heat-transfer': ['heatTransferCoefficient'],
};
const SWEEP_KINDS: Readonly<Record<string, readonly QuantityKind[]>> = {
  at: ['temperature', 'cRate'],
  rates: ['cRate'],
  socs: ['fraction'],
};

/** The kinds a target of this metric is written in. */
export function expectedKindsOfTarget(metric: string): readonly QuantityKind[] | undefined {
  return METRIC_KINDS[metric];
}

/** The outermost expression that contains `node` (a literal inside `2 * 5 mg/cm2`). */
export function topExpression(node: AstNode): AstNode {
  let current = node;
  while (current.$container && isExpressionNode(current.$container)) current = current.$container;
  return current;
}

function isExpressionNode(node: AstNode): boolean {
  return (
    ast.isBinaryExpression(node) ||
    ast.isUnaryExpression(node) ||
    ast.isParenthesized(node) ||
    ast.isQuantityLiteral(node) ||
    ast.isCRateLiteral(node) ||
    ast.isReference(node)
  );
}

/** The kinds the value containing `node` accepts, or undefined when any unit is allowed. */
export function expectedKinds(node: AstNode): readonly QuantityKind[] | undefined {
  const expr = topExpression(node);
  let owner = expr.$container;
  const property = expr.$containerProperty;
  if (ast.isValueList(owner)) owner = owner.$container;
  if (!owner) return undefined;
  if (ast.isTolerance(owner)) {
    const toleranced = owner.$container ? kindsOfOwner(owner.$container, 'value') : undefined;
    return toleranced ? [...toleranced, 'fraction'] : undefined;
  }
  return kindsOfOwner(owner, property);
}

function kindsOfOwner(owner: AstNode, property: string | undefined): readonly QuantityKind[] | undefined {
  if (ast.isProperty(owner)) {
    if (property === 'activation') return ['activationEnergy'];
    return PROPERTIES[owner.name]?.kinds;
  }
  if (ast.isComponent(owner)) {
    const byVolume = ast.isComposition(owner.$container) && owner.$container.basis === 'by-volume';
    return byVolume ? ['volumeFraction', 'fraction'] : ['massFraction', 'volumeFraction', 'fraction'];
  }
  if (ast.isCollector(owner) || ast.isDimensions(owner)) return ['length'];
  if (ast.isLayerFilm(owner)) return property === 'count' ? ['dimensionless'] : ['length'];
  if (ast.isTarget(owner)) return METRIC_KINDS[owner.metric];
  if (ast.isCurrentStep(owner)) return property === 'cv' ? ['voltage'] : SETPOINT;
  if (ast.isPulseStep(owner)) return property === 'duration' ? ['time'] : SETPOINT;
  if (ast.isEndCondition(owner)) return owner.quantity ? END_QUANTITY[owner.quantity] : END_VALUE;
  if (ast.isEndClause(owner)) return ['time'];
  if (ast.isHoldStep(owner)) return ['voltage'];
  if (ast.isImpedanceStep(owner)) return property === 'amplitude' ? ['voltage', 'current'] : ['frequency'];
  if (ast.isLoopStep(owner)) return ['dimensionless'];
  if (ast.isTemperatureStep(owner)) return property === 'soak' ? ['time'] : ['temperature'];
  if (ast.isPressureStep(owner)) return ['pressure'];
  if (ast.isSocStep(owner)) return property === 'rate' ? ['cRate', 'current'] : ['fraction'];
  if (ast.isRecordStep(owner)) return ['time', 'voltage'];
  if (ast.isSweep(owner)) return SWEEP_KINDS[owner.key];
  if (ast.isAnalysisOption(owner)) return OPTION_KINDS[owner.key];
  if (ast.isOcpPoint(owner)) return ['voltage'];
  if (ast.isFastChargeDuty(owner)) return property === 'rate' ? ['cRate'] : ['fraction'];
  if (ast.isDriveDuty(owner)) return property === 'repeat' ? ['dimensionless'] : ['fraction'];
  return undefined;
}

/** The property context of a block node (the table's `contexts`), if properties may stand in it. */
export function propertyContextOf(node: AstNode): PropertyContext | undefined {
  if (ast.isMaterial(node)) return 'material';
  if (ast.isElectrode(node)) return 'electrode';
  if (ast.isSeparatorLayer(node)) return 'separator';
  if (ast.isCell(node) || ast.isVariant(node)) return 'cell';
  if (ast.isFormat(node)) return 'format';
  if (ast.isLimits(node)) return 'limits';
  if (ast.isThermal(node)) return 'thermal';
  if (ast.isProcess(node)) return 'process';
  if (ast.isTest(node)) return 'test';
  if (ast.isModule(node)) return 'module';
  if (ast.isPack(node)) return 'pack';
  if (ast.isVehicle(node)) return 'vehicle';
  return undefined;
}
