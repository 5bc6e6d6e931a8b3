/**
 * resolve: the one step from a linked document to the IR (plain data, SI units). Everything
 * downstream — calculators, models, emitters, previews — reads the IR and never the AST.
 *
 * resolve never throws and never invents values: a value that does not evaluate, or has the
 * wrong kind, is left out (the validator reports it); a cell that lacks an electrode is
 * reported as a problem and left out of the IR.
 */
import { projectConfigOf } from './project.js';
import { AstUtils, type AstNode, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { loadOcpTable } from './file-references.js';
import type { QuantityKind } from '@cellspec/units';
import type {
  AnalysisIR,
  CellIR,
  ComponentIR,
  DocumentControlIR,
  ElectrodeIR,
  EndConditionIR,
  FormatIR,
  LimitsIR,
  MaterialIR,
  MaterialKind,
  MaterialProperties,
  OcpIR,
  ParameterIR,
  ProcessIR,
  ProcessStepIR,
  SeparatorIR,
  SetpointIR,
  SourceRef,
  SpecIR,
  TargetIR,
  TestIR,
  TestPlanIR,
  TestStepIR,
  ThermalIR,
} from '@cellspec/physics';
import type { CellSpecServices } from './cellspec-module.js';
import type { Evaluator } from './evaluate.js';
import { TARGET_METRICS } from './properties.js';
import { resolvePack } from './resolve-pack.js';
import type { PackIR } from '@cellspec/physics';
import {
  isAnalyses,
  isAreaOverride,
  isCell,
  isCollector,
  isComposition,
  isCriterion,
  isCurrentStep,
  isDocumentControl,
  isElectrode,
  isElectrodeArea,
  isFlag,
  isFormat,
  isHistory,
  isHoldStep,
  isImpedanceStep,
  isLayerFilm,
  isStackBasis,
  isLimits,
  isLoopStep,
  isMaterial,
  isNoteStep,
  isOcp,
  isOutline,
  isPressureStep,
  isProcedureStep,
  isProcess,
  isProperty,
  isPulseStep,
  isRecordStep,
  isReplace,
  isRestStep,
  isSeparatorLayer,
  isSocStep,
  isStatus,
  isSweep,
  isTargets,
  isTemperatureStep,
  isTestPlan,
  isTextField,
  isThermal,
  isTransport,
  isVariant,
  isPack,
  type CellLike,
  type Dimensions,
  type Electrode,
  type EndClause,
  type Expression,
  type Material,
  type Parameter,
  type Process,
  type Property,
  type Spec,
  type Step,
  type Test,
  type TestPlan,
} from './generated/ast.js';

export interface ResolveProblem {
  readonly node: AstNode;
  readonly message: string;
  readonly code: string;
}

export interface ResolveResult {
  readonly ir: SpecIR;
  readonly problems: readonly ResolveProblem[];
}

/** Where a node was written, for provenance. */
export function sourceOf(node: AstNode, citation?: string): SourceRef {
  let file: string | undefined;
  try {
    file = AstUtils.getDocument(node).uri.toString();
  } catch {
    file = undefined;
  }
  const line = node.$cstNode ? node.$cstNode.range.start.line + 1 : undefined;
  return { ...(citation ? { citation } : {}), ...(file ? { file } : {}), ...(line ? { line } : {}) };
}

class Resolver {
  readonly problems: ResolveProblem[] = [];
  private readonly materialCache = new Map<Material, MaterialIR>();
  private readonly cellCache = new Map<CellLike, CellDraft | undefined>();

  constructor(
    private readonly evaluator: Evaluator,
    private readonly shared?: LangiumSharedCoreServices,
  ) {}

  private projectBasis(): 'footprint' | 'electrode-area' | undefined {
    return this.shared ? projectConfigOf(this.shared)?.energyDensityBasis : undefined;
  }

  // ---- values -------------------------------------------------------------------------------

  num(expr: Expression | undefined, kinds?: readonly QuantityKind[]): number | undefined {
    if (!expr) return undefined;
    const q = this.evaluator.quantity(expr, kinds);
    return q.ok && Number.isFinite(q.quantity.si) ? q.quantity.si : undefined;
  }

  /** A value with its kind when the context accepts several (a loading in mg/cm² or mAh/cm²). */
  quantity(
    expr: Expression | undefined,
    kinds?: readonly QuantityKind[],
  ): { si: number; kind: QuantityKind } | undefined {
    if (!expr) return undefined;
    const q = this.evaluator.quantity(expr, kinds);
    return q.ok && Number.isFinite(q.quantity.si) ? { si: q.quantity.si, kind: q.quantity.kind } : undefined;
  }

  dims(d: Dimensions | undefined): { width: number; height: number } | undefined {
    if (!d) return undefined;
    const width = this.num(d.width, ['length']);
    const height = this.num(d.height, ['length']);
    return width !== undefined && height !== undefined ? { width, height } : undefined;
  }

  // ---- materials ----------------------------------------------------------------------------

  material(node: Material, seen = new Set<Material>()): MaterialIR {
    const cached = this.materialCache.get(node);
    if (cached) return cached;
    const base =
      node.base?.ref && !seen.has(node.base.ref) ? this.material(node.base.ref, new Set(seen).add(node)) : undefined;
    const properties: MaterialProperties = { ...(base?.properties ?? {}) };
    const sources: Record<string, SourceRef> = { ...(base?.sources ?? {}) };
    const text: Record<string, string> = {};
    for (const member of node.members) {
      if (isTextField(member)) text[member.key] = member.value;
    }
    for (const member of node.members) {
      if (isProperty(member)) {
        const field = MATERIAL_FIELDS[member.name];
        if (!field) continue;
        const set = (key: keyof MaterialProperties, value: unknown) => {
          (properties as Record<string, unknown>)[key] = value;
          sources[key] = sourceOf(member, member.source ?? text['source']);
        };
        if (member.name === 'stoichiometry') {
          const lo = this.num(member.value, ['dimensionless', 'fraction']);
          const hi = this.num(member.upper, ['dimensionless', 'fraction']);
          if (lo !== undefined && hi !== undefined) set('stoichiometryWindow', [lo, hi]);
          continue;
        }
        const v = this.num(member.value, field.kinds);
        if (v !== undefined) set(field.key, field.scale ? v * field.scale : v);
        if (member.activation && field.activation) {
          const ea = this.num(member.activation, ['activationEnergy']);
          if (ea !== undefined) set(field.activation as keyof MaterialProperties, ea);
        }
      } else if (isOcp(member)) {
        let ocp: OcpIR | undefined;
        if (member.builtin) ocp = { type: 'builtin', name: member.builtin };
        else if (member.formula !== undefined) ocp = { type: 'expression', expression: member.formula };
        else if (member.file !== undefined) {
          // Read from the workspace (confined and parsed); why a table is unusable is a diagnostic of the file-reference checks.
          const table = this.shared
            ? loadOcpTable(this.shared, member.file, AstUtils.getDocument(member).uri)
            : undefined;
          ocp = {
            type: 'table',
            stoichiometry: table?.ok ? table.stoichiometry : [],
            voltage: table?.ok ? table.voltage : [],
            file: member.file,
          };
        } else {
          const pts = member.points
            .map((p) => ({ x: p.stoichiometry, v: this.num(p.voltage, ['voltage']) }))
            .filter((p): p is { x: number; v: number } => p.v !== undefined)
            .sort((a, b) => a.x - b.x);
          ocp = { type: 'table', stoichiometry: pts.map((p) => p.x), voltage: pts.map((p) => p.v) };
        }
        properties.ocp = ocp;
        sources.ocp = sourceOf(member, member.source ?? text['source']);
      } else if (isTransport(member)) {
        properties.electrolyteTransport = member.builtin;
        sources.electrolyteTransport = sourceOf(member, member.source ?? text['source']);
      }
    }
    sources.material = sourceOf(node, text['source']);
    const ir: MaterialIR = {
      name: node.name,
      kind: node.kind as MaterialKind,
      ...((node.title ?? text['description']) ? { description: node.title ?? text['description'] } : {}),
      properties,
      sources,
      ...(text['supplier'] ? { supplier: text['supplier'] } : base?.supplier ? { supplier: base.supplier } : {}),
      ...(text['grade'] ? { grade: text['grade'] } : base?.grade ? { grade: base.grade } : {}),
      ...(text['lot'] ? { lot: text['lot'] } : base?.lot ? { lot: base.lot } : {}),
    };
    this.materialCache.set(node, ir);
    return ir;
  }

  // ---- cells --------------------------------------------------------------------------------

  cell(node: CellLike): CellIR | undefined {
    const draft = this.draft(node, new Set());
    if (!draft) return undefined;
    const missing: string[] = [];
    if (!draft.cathode) missing.push('cathode');
    if (!draft.anode) missing.push('anode');
    if (missing.length) {
      this.problems.push({
        node,
        message: `cell ${node.name} has no ${missing.join(' and no ')}; it is left out of the results`,
        code: 'incomplete-cell',
      });
      return undefined;
    }
    const materials: Record<string, MaterialIR> = {};
    const use = (m: Material | undefined): string | undefined => {
      if (!m) return undefined;
      const replaced = draft.replacements.get(m) ?? m;
      materials[replaced.name] = this.material(replaced);
      return replaced.name;
    };
    const electrode = (e: ElectrodeDraft, role: 'cathode' | 'anode'): ElectrodeIR => {
      const components: ComponentIR[] = [];
      for (const c of e.components) {
        const name = use(c.material);
        if (!name) continue;
        const coating = use(c.coating);
        components.push({ material: name, fraction: c.fraction, basis: c.basis, ...(coating ? { coating } : {}) });
      }
      const area = e.area ?? draft.electrodeArea;
      const collectorName = use(e.collector?.material);
      return {
        role,
        area: area ? area.width * area.height : 0,
        ...(area ? { dimensions: area } : {}),
        doubleSided: e.flags.has('double-sided'),
        components,
        ...pick(e.values, [
          'loading',
          'thickness',
          'porosity',
          'density',
          'arealCapacity',
          'pathResistance',
          'tortuosityFactor',
          'bruggeman',
          'contactFraction',
          'electronicConductivity',
          'initialStoichiometry',
          'excessLithium',
        ]),
        ...(e.flags.has('lithium-metal') ? { lithiumMetal: true } : {}),
        ...(e.flags.has('anode-free') ? { anodeFree: true } : {}),
        ...(e.flags.has('plating-by-design') ? { platingByDesign: true } : {}),
        ...(collectorName && e.collector
          ? { collector: { material: collectorName, thickness: e.collector.thickness } }
          : {}),
        ...(e.stoichiometryWindow ? { stoichiometryWindow: e.stoichiometryWindow } : {}),
        sources: e.sources,
      } satisfies ElectrodeIR;
    };
    let separator: SeparatorIR | undefined;
    if (draft.separator) {
      const s = draft.separator;
      const material = use(s.material);
      const electrolyte = use(s.electrolyte);
      if (material && s.values.thickness !== undefined) {
        separator = {
          type: s.type,
          material,
          thickness: s.values.thickness,
          ...pick(s.values, ['porosity', 'pathResistance', 'bruggeman']),
          ...(s.area ? { area: s.area.width * s.area.height } : {}),
          ...(electrolyte ? { electrolyte } : {}),
        } satisfies SeparatorIR;
      }
    }
    const f = draft.format;
    const packagingName = use(f.packaging?.material);
    const insulationName = use(f.insulation?.material);
    const tabsName = use(f.tabs?.material);
    const film = (d: FilmDraft | undefined) => {
      const material = use(d?.material);
      return material && d
        ? { material, thickness: d.thickness, ...(d.count !== undefined ? { count: d.count } : {}) }
        : undefined;
    };
    const interlayer = film(f.interlayer);
    const spacer = film(f.spacer);
    const can = film(f.can);
    const format: FormatIR = {
      type: f.type ?? 'pouch',
      // A cylindrical cell is always wound.
      stacking: f.type === 'cylindrical' ? 'wound' : (f.stacking ?? 'single-layer'),
      ...(interlayer ? { interlayer } : {}),
      ...(spacer ? { spacer } : {}),
      ...(can ? { can } : {}),
      ...pick(f.dimensions ?? {}, Object.values(FORMAT_FIELDS)),
      layers: f.layers ?? (f.stacking === 'bi-cell' ? 2 : 1),
      ...(f.outline ? { outline: f.outline } : {}),
      ...(f.thickness !== undefined ? { thickness: f.thickness } : {}),
      ...(packagingName && f.packaging
        ? { packaging: { material: packagingName, thickness: f.packaging.thickness } }
        : {}),
      ...(insulationName && f.insulation
        ? {
            insulation: {
              material: insulationName,
              thickness: f.insulation.thickness,
              ...(f.insulation.width !== undefined ? { width: f.insulation.width } : {}),
            },
          }
        : {}),
      ...(f.tabs
        ? {
            tabs: {
              ...(tabsName ? { material: tabsName } : {}),
              thickness: f.tabs.thickness,
              ...(f.tabs.width !== undefined ? { width: f.tabs.width } : {}),
              ...(f.tabs.length !== undefined ? { length: f.tabs.length } : {}),
              ...(f.tabs.count !== undefined ? { count: f.tabs.count } : {}),
            },
          }
        : {}),
    };
    return {
      name: node.name,
      ...(draft.title ? { title: draft.title } : {}),
      ...(isVariant(node) && node.base.ref ? { base: node.base.ref.name } : {}),
      ...(sourceOf(node).file !== undefined ? { file: sourceOf(node).file! } : {}),
      format,
      cathode: electrode(draft.cathode!, 'cathode'),
      anode: electrode(draft.anode!, 'anode'),
      ...(separator ? { separator } : {}),
      ...pick(draft.values, [
        'restraintPressure',
        'interfaceResistance',
        'interfaceResistanceActivationEnergy',
        'temperature',
        'nominalCapacity',
        'oneCCurrent',
        'npRatio',
      ]),
      ...(draft.npRatioSource ? { npRatioSource: draft.npRatioSource } : {}),
      // The cell's own stack basis, else the project's default (cellspec.json "energyDensityBasis").
      ...stackBasisOf(draft.stackBasis ?? this.projectBasis()),
      limits: draft.limits,
      ...(Object.keys(draft.thermal).length ? { thermal: draft.thermal } : {}),
      targets: draft.targets,
      analyses: draft.analyses,
      materials,
    } satisfies CellIR;
  }

  /** Collects a cell's members; a variant starts from a copy of its base and applies its own. */
  private draft(node: CellLike, visiting: Set<CellLike>): CellDraft | undefined {
    if (this.cellCache.has(node)) return cloneDraft(this.cellCache.get(node));
    if (visiting.has(node)) {
      this.problems.push({ node, message: `variant ${node.name} derives from itself`, code: 'variant-cycle' });
      return undefined;
    }
    let draft: CellDraft;
    if (isVariant(node)) {
      const base = node.base.ref;
      const baseDraft = base ? this.draft(base, new Set(visiting).add(node)) : undefined;
      if (!baseDraft) return undefined;
      draft = baseDraft;
      draft.title = node.title ?? draft.title;
    } else {
      draft = emptyDraft(node.title);
    }
    for (const member of node.members) this.applyMember(draft, member);
    this.cellCache.set(node, cloneDraft(draft));
    return draft;
  }

  private applyMember(draft: CellDraft, member: CellLike['members'][number]): void {
    if (isReplace(member)) {
      const from = member.old.ref;
      const to = member.new.ref;
      if (from && to) {
        // Replacing twice chains: A→B then B→C means A→C.
        for (const [k, v] of draft.replacements) if (v === from) draft.replacements.set(k, to);
        draft.replacements.set(from, to);
      }
    } else if (isFormat(member)) {
      draft.format.type = member.type as FormatIR['type'];
      if (member.stacking) draft.format.stacking = member.stacking as FormatIR['stacking'];
      for (const fm of member.members) {
        if (isOutline(fm)) draft.format.outline = this.dims(fm.size) ?? draft.format.outline;
        else if (isLayerFilm(fm)) {
          const film = {
            material: fm.material.ref,
            thickness: this.num(fm.thickness, ['length']) ?? 0,
            width: this.num(fm.width, ['length']),
            length: this.num(fm.length, ['length']),
            count: this.num(fm.count, ['dimensionless']),
          };
          if (fm.role === 'packaging') draft.format.packaging = film;
          else if (fm.role === 'insulation') draft.format.insulation = film;
          else if (fm.role === 'interlayer') draft.format.interlayer = film;
          else if (fm.role === 'spacer') draft.format.spacer = film;
          else if (fm.role === 'can') draft.format.can = film;
          else draft.format.tabs = film;
        } else if (isProperty(fm)) {
          if (fm.name === 'layers') draft.format.layers = this.num(fm.value, ['dimensionless']);
          else if (fm.name === 'thickness') draft.format.thickness = this.num(fm.value, ['length']);
          else if (FORMAT_FIELDS[fm.name])
            setIf((draft.format.dimensions ??= {}), FORMAT_FIELDS[fm.name]!, this.num(fm.value, ['length']));
        }
      }
    } else if (isElectrodeArea(member)) {
      draft.electrodeArea = this.dims(member.size) ?? draft.electrodeArea;
    } else if (isElectrode(member)) {
      const e = (draft[member.role as 'cathode' | 'anode'] ??= emptyElectrode());
      this.applyElectrode(e, member);
    } else if (isSeparatorLayer(member)) {
      const prev = draft.separator;
      const type: SeparatorIR['type'] = member.type === 'electrolyte-layer' ? 'solid-electrolyte' : 'separator';
      const s: SeparatorDraft = prev && prev.type === type ? prev : { type, material: undefined, values: {} };
      s.material = member.material.ref ?? s.material;
      if (member.electrolyte?.ref) s.electrolyte = member.electrolyte.ref;
      for (const sm of member.members) {
        if (isAreaOverride(sm)) s.area = this.dims(sm.size);
        else if (isProperty(sm)) this.layerProperty(s.values, sm);
      }
      draft.separator = s;
    } else if (isLimits(member)) {
      for (const p of member.members) this.limit(draft.limits, p);
    } else if (isThermal(member)) {
      for (const p of member.members) {
        if (p.name === 'ambient') setIf(draft.thermal, 'ambient', this.num(p.value, ['temperature']));
        else if (p.name === 'heat-transfer')
          setIf(draft.thermal, 'heatTransferCoefficient', this.num(p.value, ['heatTransferCoefficient']));
        else if (p.name === 'cooling-area') setIf(draft.thermal, 'coolingArea', this.num(p.value, ['area']));
      }
    } else if (isTargets(member)) {
      for (const t of member.targets) {
        const target = this.target(t);
        if (!target) continue;
        // A variant's target replaces the base's target on the same metric and basis.
        draft.targets = draft.targets.filter((x) => !(x.metric === target.metric && x.basis === target.basis));
        draft.targets.push(target);
      }
    } else if (isAnalyses(member)) {
      member.analyses.forEach((a, i) => {
        const analysis = this.analysis(a, i);
        if (!analysis) return;
        draft.analyses = draft.analyses.filter((x) => x.name !== analysis.name);
        draft.analyses.push(analysis);
      });
    } else if (isStackBasis(member)) {
      draft.stackBasis = member.basis as CellDraft['stackBasis'];
    } else if (isProperty(member)) {
      const field = CELL_FIELDS[member.name];
      if (field) setIf(draft.values, field.key, this.num(member.value, field.kinds));
      if (field?.activation && member.activation)
        setIf(draft.values, field.activation, this.num(member.activation, ['activationEnergy']));
      if (member.name === 'np-ratio') draft.npRatioSource = sourceOf(member);
    }
  }

  private applyElectrode(e: ElectrodeDraft, node: Electrode): void {
    for (const m of node.members) {
      if (isComposition(m)) {
        // A composition is replaced whole: a partial composition could not sum to 100 %.
        e.components = [];
        for (const c of m.components) {
          const fraction = this.quantity(c.fraction, ['massFraction', 'volumeFraction', 'fraction', 'dimensionless']);
          if (!fraction) continue;
          const basis: 'mass' | 'volume' =
            fraction.kind === 'volumeFraction' || m.basis === 'by-volume' ? 'volume' : 'mass';
          e.components.push({ material: c.material.ref, coating: c.coating?.ref, fraction: fraction.si, basis });
        }
      } else if (isCollector(m)) {
        const thickness = this.num(m.thickness, ['length']);
        if (m.material.ref && thickness !== undefined) e.collector = { material: m.material.ref, thickness };
      } else if (isAreaOverride(m)) {
        e.area = this.dims(m.size) ?? e.area;
        if (e.area) e.sources.area = sourceOf(m);
      } else if (isFlag(m)) {
        if (m.flag === 'single-sided') e.flags.delete('double-sided');
        else e.flags.add(m.flag);
      } else if (isProperty(m)) {
        if (m.name === 'loading') {
          const q = this.quantity(m.value, ['arealMass', 'arealCapacity']);
          if (q) {
            // A loading in mAh/cm² is an areal capacity; only one of the two may stand.
            delete e.values.loading;
            delete e.values.arealCapacity;
            if (q.kind === 'arealMass') {
              e.values.loading = q.si;
              e.sources.loading = sourceOf(m);
            } else {
              e.values.arealCapacity = q.si;
              e.sources.arealCapacity = sourceOf(m);
            }
          }
        } else if (m.name === 'stoichiometry') {
          const lo = this.num(m.value, ['dimensionless', 'fraction']);
          const hi = this.num(m.upper, ['dimensionless', 'fraction']);
          if (lo !== undefined && hi !== undefined) e.stoichiometryWindow = [lo, hi];
        } else {
          this.layerProperty(e.values, m, e.sources);
        }
      }
    }
  }

  private layerProperty(values: Record<string, number>, p: Property, sources?: Record<string, SourceRef>): void {
    const field = LAYER_FIELDS[p.name];
    if (!field) return;
    const v = this.num(p.value, field.kinds);
    if (v === undefined) return;
    values[field.key] = field.scale ? v * field.scale : v;
    if (field.key === 'areal-capacity' || field.key === 'arealCapacity') delete values.loading;
    if (sources) sources[field.key] = sourceOf(p);
  }

  private limit(limits: Mutable<LimitsIR>, p: Property): void {
    if (p.name === 'voltage') {
      setIf(limits, 'voltageMin', this.num(p.value, ['voltage']));
      setIf(limits, 'voltageMax', this.num(p.upper, ['voltage']));
    } else if (p.name === 'temperature') {
      setIf(limits, 'temperatureMin', this.num(p.value, ['temperature']));
      setIf(limits, 'temperatureMax', this.num(p.upper, ['temperature']));
    } else if (p.name === 'max-charge-rate') setIf(limits, 'maxChargeRate', this.num(p.value, ['cRate']));
    else if (p.name === 'max-discharge-rate') setIf(limits, 'maxDischargeRate', this.num(p.value, ['cRate']));
    else if (p.name === 'max-charge-current') setIf(limits, 'maxChargeCurrent', this.num(p.value, ['current']));
    else if (p.name === 'max-discharge-current') setIf(limits, 'maxDischargeCurrent', this.num(p.value, ['current']));
  }

  private target(t: import('./generated/ast.js').Target): TargetIR | undefined {
    const metric = TARGET_METRICS[t.metric];
    if (!metric) return undefined;
    const value = this.num(t.value, [metric.kind]);
    if (value === undefined) return undefined;
    const op = (t.op ?? '=') as TargetIR['op'];
    const result: Mutable<TargetIR> = { metric: metric.name, op, value, source: sourceOf(t) };
    if (t.basis) result.basis = t.basis as NonNullable<TargetIR['basis']>;
    else if (metric.name === 'energyDensity' || metric.name === 'specificEnergy') result.basis = 'stack';
    if (op === 'between') setIf(result, 'upper', this.num(t.upper, [metric.kind]));
    if (t.tolerance) {
      const tol = this.quantity(t.tolerance.value, ['fraction', metric.kind]);
      if (tol?.kind === 'fraction' && metric.kind !== 'fraction') result.relativeTolerance = tol.si;
      else if (tol) result.tolerance = tol.si;
    }
    return result;
  }

  private analysis(a: import('./generated/ast.js').Analysis, index: number): AnalysisIR | undefined {
    const opts = new Map<string, number[]>();
    let model: 'p2d' | 'reduced' | undefined;
    for (const o of a.options) {
      if (o.key === 'model') {
        model = o.model as 'p2d' | 'reduced';
        continue;
      }
      if (!o.values) continue;
      const kinds: QuantityKind[] =
        o.key === 'temperature' || o.key === 'temperatures' || o.key === 'ambient'
          ? ['temperature']
          : o.key === 'to-soc' || o.key === 'from-soc'
            ? ['fraction']
            : o.key === 'heat-transfer'
              ? ['heatTransferCoefficient']
              : ['cRate'];
      const values = this.evaluator.list(o.values, kinds).flatMap((q) => (q.ok ? [q.quantity.si] : []));
      const key =
        o.key === 'at'
          ? a.type === 'temperature-sweep'
            ? 'temperatures'
            : 'rates'
          : o.key === 'rate'
            ? 'rates'
            : o.key === 'temperatures'
              ? 'temperatures'
              : o.key;
      opts.set(key, [...(opts.get(key) ?? []), ...values]);
    }
    const name = a.name ?? `${a.type}-${index + 1}`;
    const rates = opts.get('rates') ?? [];
    const temperature = opts.get('temperature')?.[0];
    const common = { name, ...(model ? { model } : {}) };
    switch (a.type) {
      case 'discharge':
      case 'rate-sweep':
        return { type: a.type, ...common, rates, ...(temperature !== undefined ? { temperature } : {}) };
      case 'charge':
      case 'fast-charge': {
        const soc = opts.get('to-soc')?.[0];
        const from = opts.get('from-soc')?.[0];
        return {
          type: 'charge',
          ...common,
          rates,
          ...(a.type === 'fast-charge' ? { fastCharge: true } : {}),
          ...(soc !== undefined ? { targetSoc: soc } : {}),
          ...(from !== undefined ? { fromSoc: from } : {}),
          ...(temperature !== undefined ? { temperature } : {}),
        };
      }
      case 'temperature-sweep':
        return {
          type: 'temperature-sweep',
          ...common,
          temperatures: [...(opts.get('temperatures') ?? []), ...(opts.get('temperature') ?? [])],
          rate: rates[0] ?? 1 / 3,
        };
      case 'thermal-run': {
        const ambient = opts.get('ambient')?.[0] ?? temperature;
        const h = opts.get('heat-transfer')?.[0];
        return {
          type: 'thermal',
          ...common,
          rate: rates[0] ?? 1,
          ...(ambient !== undefined ? { ambient } : {}),
          ...(h !== undefined ? { heatTransferCoefficient: h } : {}),
        };
      }
    }
    return undefined;
  }

  // ---- processes ----------------------------------------------------------------------------

  parameter(p: Parameter): ParameterIR {
    if (p.text !== undefined) return { name: p.name, value: p.text };
    const values = p.values ? this.evaluator.list(p.values) : [];
    const first = values[0];
    const result: Mutable<ParameterIR> = { name: p.name, value: first?.ok ? first.quantity.si : NaN };
    if (first?.ok) {
      result.kind = first.quantity.kind;
      result.written = first.quantity.written;
      const all = values.flatMap((v) => (v.ok ? [v.quantity.si] : []));
      if (all.length > 1) result.values = all;
    }
    if (p.tolerance) {
      const tol = this.quantity(p.tolerance.value);
      if (tol?.kind === 'fraction' && result.kind !== 'fraction') result.relativeTolerance = tol.si;
      else if (tol) result.tolerance = tol.si;
    }
    if (!first?.ok) return { name: p.name, value: p.values?.$cstNode?.text ?? '' };
    return result;
  }

  process(node: Process): ProcessIR {
    const environment: ParameterIR[] = [];
    const steps: ProcessStepIR[] = [];
    const result: Mutable<ProcessIR> = { name: node.name, environment, steps };
    if (node.title) result.title = node.title;
    if (node.cell?.ref) result.cell = node.cell.ref.name;
    for (const m of node.members) {
      if (m.$type === 'Environment') environment.push(...m.parameters.map((p) => this.parameter(p)));
      else if (m.$type === 'ProcessStep') {
        const params = m.parameters.map((p) => this.parameter(p));
        const method = params.find((p) => p.name === 'method' && typeof p.value === 'string');
        steps.push({
          type: m.type,
          ...(m.title ? { name: m.title } : {}),
          ...(method ? { method: method.value as string } : {}),
          parameters: params,
        });
      } else if (isProperty(m)) {
        if (m.name === 'batch-size') setIf(result, 'batchSize', this.num(m.value, ['dimensionless']));
        else if (m.name === 'yield') setIf(result, 'expectedYield', this.num(m.value, ['fraction']));
      }
    }
    return result;
  }

  // ---- test plans ---------------------------------------------------------------------------

  testPlan(node: TestPlan): TestPlanIR {
    return {
      name: node.name,
      ...(node.title ? { title: node.title } : {}),
      cell: node.cell.ref?.name ?? node.cell.$refText,
      tests: node.tests.map((t) => this.test(t)),
    };
  }

  test(node: Test): TestIR {
    const result: Mutable<TestIR> = { name: node.name, steps: [], criteria: [] };
    if (node.title) result.title = node.title;
    const steps: Step[] = [];
    for (const m of node.members) {
      if (isSweep(m)) {
        const kinds: QuantityKind[] = m.key === 'at' ? ['temperature'] : m.key === 'rates' ? ['cRate'] : ['fraction'];
        const values = this.evaluator.list(m.values, kinds).flatMap((q) => (q.ok ? [q.quantity.si] : []));
        if (m.key === 'at') result.temperatures = values;
        else if (m.key === 'rates') result.rates = values;
        else result.socs = values;
      } else if (isCriterion(m)) (result.criteria as string[]).push(m.text);
      else if (isProperty(m)) {
        if (m.name === 'samples') setIf(result, 'samples', this.num(m.value, ['dimensionless']));
        else if (m.name === 'temperature') {
          const t = this.num(m.value, ['temperature']);
          if (t !== undefined) result.temperatures = [t];
        } else if (m.name === 'duration')
          setIf(result as Record<string, unknown>, 'duration', this.num(m.value, ['time']));
        else if (m.name === 'restraint-pressure')
          setIf(result as Record<string, unknown>, 'restraintPressure', this.num(m.value, ['pressure']));
        else if (m.name === 'channel-voltage') {
          const lo = this.num(m.value, ['voltage']);
          const hi = this.num(m.upper, ['voltage']);
          if (lo !== undefined && hi !== undefined)
            (result as Record<string, unknown>).channelVoltage = [Math.min(lo, hi), Math.max(lo, hi)];
        }
      } else steps.push(m as Step);
    }
    result.steps = this.steps(steps, { record: undefined });
    return result;
  }

  private steps(nodes: readonly Step[], state: { record: number | undefined }): TestStepIR[] {
    const out: TestStepIR[] = [];
    for (const s of nodes) {
      const rec = state.record !== undefined ? { record: state.record } : {};
      if (isRecordStep(s)) {
        state.record = this.num(s.interval, ['time']);
        continue;
      }
      if (isCurrentStep(s)) {
        const setpoint = this.setpoint(s.setpoint);
        if (!setpoint) continue;
        const cv = this.num(s.cv, ['voltage']);
        out.push({
          type: s.direction as 'charge' | 'discharge',
          setpoint,
          ...(cv !== undefined ? { cv } : {}),
          until: this.end(s.end),
          ...rec,
        });
      } else if (isRestStep(s)) out.push({ type: 'rest', until: this.end(s.end), ...rec });
      else if (isHoldStep(s)) {
        const voltage = this.num(s.voltage, ['voltage']);
        if (voltage !== undefined) out.push({ type: 'hold', voltage, until: this.end(s.end), ...rec });
      } else if (isPulseStep(s)) {
        const setpoint = this.setpoint(s.setpoint);
        const duration = this.num(s.duration, ['time']);
        if (setpoint && duration !== undefined)
          out.push({ type: 'pulse', direction: s.direction as 'charge' | 'discharge', setpoint, duration, ...rec });
      } else if (isImpedanceStep(s)) {
        const amplitude = s.amplitude ? this.num(s.amplitude, ['voltage', 'current']) : undefined;
        out.push({
          type: 'impedance',
          frequencyHigh: this.num(s.high, ['frequency']) ?? 1e6,
          frequencyLow: this.num(s.low, ['frequency']) ?? 0.1,
          ...(amplitude !== undefined ? { amplitude } : {}),
        } satisfies TestStepIR);
      } else if (isLoopStep(s)) {
        const count = this.num(s.count, ['dimensionless']);
        out.push({
          type: 'loop',
          count: count ?? 1,
          steps: this.steps(s.steps, state),
          ...(s.end ? { until: this.end(s.end) } : {}),
        });
      } else if (isTemperatureStep(s)) {
        const setpoint = this.num(s.value, ['temperature']);
        const soak = this.num(s.soak, ['time']);
        if (setpoint !== undefined)
          out.push({ type: 'temperature', setpoint, ...(soak !== undefined ? { soak } : {}) });
      } else if (isPressureStep(s)) {
        const value = this.num(s.value, ['pressure']);
        if (value !== undefined) out.push({ type: 'pressure', value });
      } else if (isSocStep(s)) {
        const soc = this.num(s.value, ['fraction']);
        const rate = this.num(s.rate, ['cRate']);
        if (soc !== undefined) out.push({ type: 'set-soc', soc, ...(rate !== undefined ? { rate } : {}) });
      } else if (isProcedureStep(s)) {
        if (!s.name) continue; // `procedure` not yet named: nothing to expand (the parser reports it)
        const args: Record<string, number | string | readonly number[]> = {};
        for (const p of s.parameters) {
          if (p.text !== undefined) {
            args[p.name] = p.text;
            continue;
          }
          const values = p.values ? this.evaluator.list(p.values).flatMap((q) => (q.ok ? [q.quantity.si] : [])) : [];
          args[p.name] = values.length === 1 ? values[0]! : values;
        }
        out.push({ type: 'procedure', name: s.name, arguments: args });
      } else if (isNoteStep(s)) out.push({ type: 'note', text: s.text });
    }
    return out;
  }

  private setpoint(expr: Expression): SetpointIR | undefined {
    const q = this.quantity(expr, ['cRate', 'current', 'power']);
    if (!q) return undefined;
    const mode = q.kind === 'cRate' ? 'crate' : q.kind === 'current' ? 'current' : 'power';
    return { mode, value: Math.abs(q.si) };
  }

  private end(clause: EndClause | undefined): EndConditionIR[] {
    if (!clause) return [];
    if (clause.duration) {
      const t = this.num(clause.duration, ['time']);
      return t !== undefined ? [{ quantity: 'time', value: t }] : [];
    }
    const out: EndConditionIR[] = [];
    for (const c of clause.conditions) {
      const forced: Record<string, QuantityKind[]> = {
        soc: ['fraction'],
        capacity: ['capacity'],
        energy: ['energy'],
        temperature: ['temperature'],
      };
      const kinds = c.quantity
        ? forced[c.quantity]!
        : (['voltage', 'current', 'cRate', 'time', 'capacity', 'energy', 'temperature', 'fraction'] as QuantityKind[]);
      const q = this.quantity(c.value, kinds);
      if (!q) continue;
      const quantity: EndConditionIR['quantity'] =
        c.quantity === 'soc' || q.kind === 'fraction'
          ? 'soc'
          : q.kind === 'cRate'
            ? 'crate'
            : (q.kind as EndConditionIR['quantity']);
      out.push({ quantity, value: q.si, ...(c.op ? { op: c.op as '<=' | '>=' } : {}) });
    }
    return out;
  }

  // ---- document control ---------------------------------------------------------------------

  documentControl(node: import('./generated/ast.js').DocumentControl): DocumentControlIR {
    const doc: Record<string, unknown> = { history: [] };
    for (const m of node.members) {
      if (isTextField(m)) doc[m.key] = m.value;
      else if (isStatus(m)) doc.status = m.value;
      else if (isHistory(m)) {
        doc.history = m.entries.map((e) => ({
          revision: e.revision,
          ...(e.date ? { date: e.date } : {}),
          ...(e.author ? { author: e.author } : {}),
          text: e.text,
        }));
      }
    }
    return doc as unknown as DocumentControlIR;
  }
}

// ---- tables ----------------------------------------------------------------------------------

type Field<K extends string = string> = {
  key: K;
  kinds: QuantityKind[];
  scale?: number;
  activation?: string;
};

const MATERIAL_FIELDS: Record<string, Field<keyof MaterialProperties>> = {
  'specific-capacity': { key: 'specificCapacity', kinds: ['specificCapacity'] },
  'theoretical-capacity': { key: 'theoreticalCapacity', kinds: ['specificCapacity'] },
  density: { key: 'density', kinds: ['density'] },
  'mean-voltage': { key: 'meanVoltage', kinds: ['voltage'] },
  stoichiometry: { key: 'stoichiometryWindow', kinds: ['dimensionless'] },
  'max-concentration': { key: 'maxConcentration', kinds: ['concentration'] },
  'particle-radius': { key: 'particleRadius', kinds: ['length'] },
  d50: { key: 'particleRadius', kinds: ['length'], scale: 0.5 },
  diffusivity: { key: 'diffusivity', kinds: ['diffusivity'], activation: 'diffusivityActivationEnergy' },
  'rate-constant': {
    key: 'reactionRateConstant',
    kinds: ['dimensionless', 'reactionRate', 'exchangeCurrentDensity'],
    activation: 'reactionActivationEnergy',
  },
  'exchange-current': {
    key: 'exchangeCurrentDensity',
    kinds: ['exchangeCurrentDensity'],
    activation: 'reactionActivationEnergy',
  },
  'transfer-coefficient': { key: 'chargeTransferCoefficient', kinds: ['dimensionless'] },
  'ionic-conductivity': { key: 'ionicConductivity', kinds: ['conductivity'], activation: 'ionicActivationEnergy' },
  'electronic-conductivity': { key: 'electronicConductivity', kinds: ['conductivity'] },
  'specific-heat': { key: 'specificHeat', kinds: ['specificHeat'] },
  'thermal-conductivity': { key: 'thermalConductivity', kinds: ['thermalConductivity'] },
  'entropic-coefficient': { key: 'entropicCoefficient', kinds: ['entropicCoefficient'] },
  'film-resistance': { key: 'filmResistance', kinds: ['arealResistance'], activation: 'filmActivationEnergy' },
  'first-charge-capacity': { key: 'firstChargeCapacity', kinds: ['specificCapacity'] },
  'first-cycle-efficiency': { key: 'firstCycleEfficiency', kinds: ['fraction', 'dimensionless'] },
  thickness: { key: 'thickness', kinds: ['length'] },
  'salt-concentration': { key: 'saltConcentration', kinds: ['concentration'] },
  'transference-number': { key: 'transferenceNumber', kinds: ['dimensionless'] },
  'electrolyte-diffusivity': {
    key: 'electrolyteDiffusivity',
    kinds: ['diffusivity'],
    activation: 'electrolyteDiffusivityActivationEnergy',
  },
  'molar-mass': { key: 'molarMass', kinds: ['molarMass'] },
  coverage: { key: 'coverage', kinds: ['fraction'] },
};

const LAYER_FIELDS: Record<string, Field> = {
  thickness: { key: 'thickness', kinds: ['length'] },
  porosity: { key: 'porosity', kinds: ['fraction'] },
  density: { key: 'density', kinds: ['density'] },
  'areal-capacity': { key: 'arealCapacity', kinds: ['arealCapacity'] },
  'path-resistance': { key: 'pathResistance', kinds: ['dimensionless'] },
  'tortuosity-factor': { key: 'tortuosityFactor', kinds: ['dimensionless'] },
  bruggeman: { key: 'bruggeman', kinds: ['dimensionless'] },
  'contact-fraction': { key: 'contactFraction', kinds: ['fraction', 'dimensionless'] },
  'electronic-conductivity': { key: 'electronicConductivity', kinds: ['conductivity'] },
  'initial-stoichiometry': { key: 'initialStoichiometry', kinds: ['dimensionless'] },
  'excess-lithium': { key: 'excessLithium', kinds: ['length'] },
};

const CELL_FIELDS: Record<string, Field> = {
  'restraint-pressure': { key: 'restraintPressure', kinds: ['pressure'] },
  temperature: { key: 'temperature', kinds: ['temperature'] },
  'nominal-capacity': { key: 'nominalCapacity', kinds: ['capacity'] },
  'one-c-current': { key: 'oneCCurrent', kinds: ['current'] },
  'interface-resistance': {
    key: 'interfaceResistance',
    kinds: ['arealResistance'],
    activation: 'interfaceResistanceActivationEnergy',
  },
  'np-ratio': { key: 'npRatio', kinds: ['dimensionless'] },
};

/** Can and winding dimensions written in a format block. */
const FORMAT_FIELDS: Record<string, string> = {
  diameter: 'diameter',
  height: 'height',
  mandrel: 'mandrel',
  headspace: 'headspace',
};

/** The cell's stack basis as an optional field: present only when one is written or configured. */
function stackBasisOf(basis: CellIR['stackBasis']): Pick<CellIR, 'stackBasis'> {
  return basis ? { stackBasis: basis } : {};
}

// ---- drafts ----------------------------------------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface ElectrodeDraft {
  components: Array<{
    material: Material | undefined;
    coating: Material | undefined;
    fraction: number;
    basis: 'mass' | 'volume';
  }>;
  collector?: { material: Material; thickness: number } | undefined;
  area?: { width: number; height: number } | undefined;
  flags: Set<string>;
  values: Record<string, number>;
  stoichiometryWindow?: [number, number] | undefined;
  sources: Record<string, SourceRef>;
}

interface SeparatorDraft {
  type: SeparatorIR['type'];
  material: Material | undefined;
  electrolyte?: Material | undefined;
  area?: { width: number; height: number } | undefined;
  values: Record<string, number>;
}

interface FilmDraft {
  material: Material | undefined;
  thickness: number;
  width?: number | undefined;
  length?: number | undefined;
  count?: number | undefined;
}

interface CellDraft {
  title?: string | undefined;
  format: {
    type?: FormatIR['type'] | undefined;
    stacking?: FormatIR['stacking'] | undefined;
    outline?: { width: number; height: number } | undefined;
    layers?: number | undefined;
    thickness?: number | undefined;
    packaging?: FilmDraft | undefined;
    insulation?: FilmDraft | undefined;
    tabs?: FilmDraft | undefined;
    interlayer?: FilmDraft | undefined;
    spacer?: FilmDraft | undefined;
    can?: FilmDraft | undefined;
    dimensions?: Record<string, number> | undefined;
  };
  npRatioSource?: SourceRef | undefined;
  stackBasis?: 'footprint' | 'electrode-area' | undefined;
  electrodeArea?: { width: number; height: number } | undefined;
  cathode?: ElectrodeDraft | undefined;
  anode?: ElectrodeDraft | undefined;
  separator?: SeparatorDraft | undefined;
  limits: Mutable<LimitsIR>;
  thermal: Mutable<ThermalIR>;
  values: Record<string, number>;
  targets: TargetIR[];
  analyses: AnalysisIR[];
  replacements: Map<Material, Material>;
}

const emptyElectrode = (): ElectrodeDraft => ({ components: [], flags: new Set(), values: {}, sources: {} });
const emptyDraft = (title?: string): CellDraft => ({
  ...(title ? { title } : {}),
  format: {},
  limits: {},
  thermal: {},
  values: {},
  targets: [],
  analyses: [],
  replacements: new Map(),
});

function cloneElectrode(e: ElectrodeDraft | undefined): ElectrodeDraft | undefined {
  if (!e) return undefined;
  return {
    ...e,
    components: e.components.map((c) => ({ ...c })),
    flags: new Set(e.flags),
    values: { ...e.values },
    sources: { ...e.sources },
  };
}

function cloneDraft(d: CellDraft | undefined): CellDraft | undefined {
  if (!d) return undefined;
  return {
    ...d,
    format: { ...d.format, ...(d.format.dimensions ? { dimensions: { ...d.format.dimensions } } : {}) },
    cathode: cloneElectrode(d.cathode),
    anode: cloneElectrode(d.anode),
    separator: d.separator ? { ...d.separator, values: { ...d.separator.values } } : undefined,
    limits: { ...d.limits },
    thermal: { ...d.thermal },
    values: { ...d.values },
    targets: [...d.targets],
    analyses: [...d.analyses],
    replacements: new Map(d.replacements),
  };
}

function setIf<T extends object>(obj: T, key: string, value: number | undefined): void {
  if (value !== undefined) (obj as Record<string, unknown>)[key] = value;
}

function pick(values: Record<string, number>, keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) if (values[k] !== undefined) out[k] = values[k]!;
  return out;
}

// ---- entry points ----------------------------------------------------------------------------

/** Resolves one parsed and linked document to its IR. */
export function resolveDocument(services: CellSpecServices, document: LangiumDocument): ResolveResult {
  const spec = document.parseResult.value as Spec;
  const resolver = new Resolver(services.evaluation.Evaluator, services.shared);
  const materials: MaterialIR[] = [];
  const cells: CellIR[] = [];
  const processes: ProcessIR[] = [];
  const testPlans: TestPlanIR[] = [];
  const packs: PackIR[] = [];
  let documentControl: DocumentControlIR | undefined;
  for (const element of spec.elements) {
    try {
      if (isMaterial(element)) materials.push(resolver.material(element));
      else if (isCell(element) || isVariant(element)) {
        const cell = resolver.cell(element);
        if (cell) cells.push(cell);
      } else if (isProcess(element)) processes.push(resolver.process(element));
      else if (isTestPlan(element)) testPlans.push(resolver.testPlan(element));
      else if (isDocumentControl(element)) documentControl = resolver.documentControl(element);
      else if (isPack(element)) {
        const pack = resolvePack(resolver, element, sourceOf(element));
        if (pack) packs.push(pack);
      }
    } catch (e) {
      // A half-typed spec can hold shapes no rule foresaw; report, never crash the server.
      resolver.problems.push({
        node: element,
        message: `could not resolve this element: ${(e as Error).message}`,
        code: 'resolve-failure',
      });
    }
  }
  return {
    ir: {
      file: document.uri.toString(),
      ...(documentControl ? { document: documentControl } : {}),
      materials,
      cells,
      processes,
      testPlans,
      ...(packs.length ? { packs } : {}),
    },
    problems: resolver.problems,
  };
}

/** Resolves one cell or variant node (for hover, hints and previews on a single cell). */
export function resolveCell(
  services: CellSpecServices,
  node: CellLike,
): { cell?: CellIR; problems: readonly ResolveProblem[] } {
  const resolver = new Resolver(services.evaluation.Evaluator, services.shared);
  try {
    const cell = resolver.cell(node);
    return { ...(cell ? { cell } : {}), problems: resolver.problems };
  } catch (e) {
    return {
      problems: [
        { node, message: `could not resolve cell ${node.name}: ${(e as Error).message}`, code: 'resolve-failure' },
      ],
    };
  }
}
