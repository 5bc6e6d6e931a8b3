/**
 * The neutral protocol: the expanded plan as JSON in engineer's units (V, A, s, Ah, Wh, °C, MPa),
 * described by the published schema `schemas/protocol.schema.json` so other tools can read it.
 */
import type { ConcreteEnd, ConcreteSetpoint, ConcreteStep, ExpandedPlan } from '@cellspec/physics';
import { assertEmittable, plain, K0, type EmitResult } from './common.js';

export const PROTOCOL_FORMAT = 'cellspec-protocol';
export const PROTOCOL_VERSION = 1;

const n = (x: number, digits = 9) => Number(plain(x, digits));
const celsius = (k: number) => n(k - K0, 6);

export function protocolDocument(plan: ExpandedPlan): Record<string, unknown> {
  assertEmittable(plan);
  return {
    format: PROTOCOL_FORMAT,
    version: PROTOCOL_VERSION,
    plan: plan.plan,
    ...(plan.title ? { title: plan.title } : {}),
    cell: plan.cell,
    capacity_Ah: n(plan.capacity / 3600),
    capacity_source: plan.capacitySource,
    one_c_A: n(plan.oneC),
    voltage_window_V: [n(plan.voltageWindow[0]), n(plan.voltageWindow[1])],
    cost: {
      cycler_time_s: n(plan.cost.cyclerTime, 8),
      channels: plan.cost.channels,
      channel_time_s: n(plan.cost.channelTime, 8),
      chamber_temperatures_C: plan.cost.chamberTemperatures.map(celsius),
      summary: plan.cost.summary,
      estimated: true,
    },
    tests: plan.tests.map((t) => ({
      id: t.id,
      test: t.test,
      ...(t.title ? { title: t.title } : {}),
      point: {
        ...(t.point.temperature !== undefined ? { temperature_C: celsius(t.point.temperature) } : {}),
        ...(t.point.rate !== undefined ? { c_rate: n(t.point.rate) } : {}),
        ...(t.point.soc !== undefined ? { soc: n(t.point.soc) } : {}),
      },
      samples: t.samples,
      ...(t.restraintPressure !== undefined ? { restraint_pressure_MPa: n(t.restraintPressure / 1e6) } : {}),
      electrical: t.electrical,
      criteria: t.criteria,
      steps: t.steps.map(stepJson),
    })),
  };
}

export function emitJson(plan: ExpandedPlan): EmitResult {
  return {
    files: [{ name: `${plan.plan}.protocol.json`, content: JSON.stringify(protocolDocument(plan), null, 2) + '\n' }],
    notes: [],
  };
}

function common(s: ConcreteStep): Record<string, unknown> {
  return {
    ...('record' in s && s.record !== undefined ? { record_s: n(s.record) } : {}),
    ...(s.origin ? { procedure: s.origin } : {}),
    ...(s.abuse ? { abuse: true } : {}),
  };
}

function setpoint(sp: ConcreteSetpoint): Record<string, unknown> {
  return {
    control: sp.mode,
    current_A: n(sp.current),
    c_rate: n(sp.crate),
    ...(sp.power !== undefined ? { power_W: n(sp.power) } : {}),
  };
}

function end(e: ConcreteEnd): Record<string, unknown> {
  const [value, unit] = ((): [number, string] => {
    switch (e.quantity) {
      case 'voltage':
        return [e.value, 'V'];
      case 'current':
        return [e.value, 'A'];
      case 'time':
        return [e.value, 's'];
      case 'capacity':
        return [e.value / 3600, 'Ah'];
      case 'energy':
        return [e.value / 3600, 'Wh'];
      case 'soc':
        return [e.value, 'fraction'];
      case 'temperature':
        return [e.value - K0, '°C'];
    }
  })();
  return {
    quantity: e.quantity,
    op: e.op,
    value: n(value),
    unit,
    ...(e.crate !== undefined ? { c_rate: n(e.crate) } : {}),
  };
}

function stepJson(s: ConcreteStep): Record<string, unknown> {
  switch (s.kind) {
    case 'cc':
      return {
        type: s.direction,
        ...setpoint(s.setpoint),
        ...(s.cv !== undefined ? { cv_V: n(s.cv) } : {}),
        ends: s.ends.map(end),
        ...common(s),
      };
    case 'pulse':
      return {
        type: 'pulse',
        direction: s.direction,
        ...setpoint(s.setpoint),
        duration_s: n(s.duration),
        ...common(s),
      };
    case 'hold':
      return { type: 'hold', voltage_V: n(s.voltage), ends: s.ends.map(end), ...common(s) };
    case 'rest':
      return { type: 'rest', ends: s.ends.map(end), ...common(s) };
    case 'impedance':
      return {
        type: 'impedance',
        frequency_high_Hz: n(s.frequencyHigh),
        frequency_low_Hz: n(s.frequencyLow),
        ...(s.amplitude !== undefined ? { amplitude_V: n(s.amplitude) } : {}),
        ...common(s),
      };
    case 'loop':
      return {
        type: 'loop',
        count: s.count,
        steps: s.steps.map(stepJson),
        ...(s.ends?.length ? { ends: s.ends.map(end) } : {}),
        ...common(s),
      };
    case 'temperature':
      return { type: 'temperature', setpoint_C: celsius(s.setpoint), soak_s: n(s.soak), ...common(s) };
    case 'pressure':
      return { type: 'pressure', pressure_MPa: n(s.value / 1e6), ...common(s) };
    case 'note':
      return { type: 'note', text: s.text, ...common(s) };
    case 'documented':
      return { type: 'documented', title: s.title, text: s.text, criteria: s.criteria, ...common(s) };
  }
}
