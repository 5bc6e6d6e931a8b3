/**
 * The cell-design calculator: from a resolved cell (IR, SI units) to capacity, N/P, mean
 * voltage, energy, energy density and specific energy on the stack and packaged-cell bases, and
 * the mass and volume of every component. Pure and synchronous; microseconds per cell.
 *
 * Stack geometry (N = layers, unit cells of cathode | electrolyte | anode):
 *  - every unit cell has one active cathode side, one electrolyte layer and one active anode side;
 *    outer sheets of a stack count as coated on their inner side only;
 *  - collectors: with both electrodes double-sided the N unit cells share N + 1 collector sheets,
 *    alternating, anodes outermost when N is even; a single-sided electrode has one collector per
 *    unit cell; a bi-cell (anode | cathode | anode) shares the centre electrode's collector
 *    (the double-sided one; the cathode when both or neither are flagged);
 *  - stack height h = Σ collector thicknesses + N · (t_cathode + t_electrolyte + t_anode);
 *  - stack volume = h × the largest layer footprint (the box the stack occupies); masses count
 *    each layer over its own area;
 *  - packaged cell: outline × outer thickness (written, else h + 2 × packaging film), mass adds
 *    the packaging film over the outline on both faces, tabs, and edge insulation (a frame of the
 *    given width around the stack, on both faces; it lies beside the stack, so adds no height).
 * Capacity: N × facing area × min(areal capacity of cathode, of anode); N/P is the anode over
 * the cathode areal capacity of facing sides.
 */
import { formatNumber } from '@cellspec/units';
import type { CellIR, ElectrodeIR, FilmIR, MaterialIR } from '../ir.js';
import { formatSI as formatQuantity } from './format.js';
import { designElectrode, type ElectrodeOptions } from './electrode.js';
import { LITHIUM_DENSITY, lithiumThickness, platesLithium, reservoirCapacity } from './lithium.js';
import { isWound, windingOf, type Winding } from './winding.js';
import { meanVoltageFromOcp } from './voltage.js';
import type {
  BasisFigures,
  CapacityBasis,
  CellDesign,
  DesignInput,
  DesignProblem,
  ElectrodeDesign,
  LayerDesign,
} from './types.js';

export type DesignOptions = ElectrodeOptions;

const ok = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

/** Collector sheets of each electrode for N unit cells. */
export function collectorCounts(cell: CellIR, layers: number): { cathode: number; anode: number } {
  const cd = cell.cathode.doubleSided;
  const ad = cell.anode.doubleSided;
  // A winding has one sheet of each collector, coated on both faces: two unit cells.
  if (cell.format.stacking === 'wound' || cell.format.type === 'cylindrical') return { cathode: 1, anode: 1 };
  if (cell.format.stacking === 'bi-cell') {
    const bicells = Math.ceil(layers / 2);
    const centreIsAnode = ad && !cd;
    return centreIsAnode ? { cathode: layers, anode: bicells } : { cathode: bicells, anode: layers };
  }
  if (layers === 1) return { cathode: 1, anode: 1 };
  if (cd && ad) {
    const sheets = layers + 1;
    const cathode = Math.floor(sheets / 2); // even N: anodes outermost
    return { cathode, anode: sheets - cathode };
  }
  if (cd) return { cathode: Math.ceil(layers / 2), anode: layers };
  if (ad) return { cathode: layers, anode: Math.ceil(layers / 2) };
  return { cathode: layers, anode: layers };
}

function facingArea(cell: CellIR): number {
  const c = cell.cathode;
  const a = cell.anode;
  if (c.dimensions && a.dimensions) {
    return Math.min(c.dimensions.width, a.dimensions.width) * Math.min(c.dimensions.height, a.dimensions.height);
  }
  return Math.min(c.area, a.area);
}

/** The active material with the largest mass fraction (for OCP-based voltages). */
function mainActive(cell: CellIR, e: ElectrodeDesign): MaterialIR | undefined {
  const act = e.components.filter((c) => c.role === 'active');
  if (act.length !== 1) return undefined;
  return cell.materials[act[0]!.material];
}

/** Mass-weighted declared mean voltage of an electrode's active materials against Li. */
function declaredVoltage(cell: CellIR, e: ElectrodeDesign, inputs: DesignInput[]): number | undefined {
  let sw = 0;
  let sv = 0;
  for (const c of e.components) {
    if (c.role !== 'active') continue;
    const m = cell.materials[c.material];
    const v = m?.properties.meanVoltage;
    if (!ok(v)) return undefined;
    inputs.push({
      label: `${m!.name} mean voltage`,
      value: v,
      kind: 'voltage',
      ...((m!.sources.meanVoltage ?? m!.sources.material)
        ? { source: m!.sources.meanVoltage ?? m!.sources.material }
        : {}),
    });
    sw += c.massFraction;
    sv += c.massFraction * v;
  }
  return sw > 0 ? sv / sw : undefined;
}

export function designCell(written: CellIR, options: DesignOptions = {}): CellDesign {
  const problems: DesignProblem[] = [];
  const inputs: DesignInput[] = [];
  // Design inputs the calculator solves for (N/P → anode loading) and the winding of a can cell
  // (electrode length from the can and the layers) change the cell before its figures are taken.
  const solved = solveDesignInputs(written, options, problems);
  const wound = isWound(solved.format) ? windCell(solved, options, problems) : undefined;
  const cell = wound?.cell ?? solved;
  const cathode = designElectrode(cell, cell.cathode, problems, options);
  const anode = designAnode(cell, problems, options);
  const plating = platesLithium(cell.anode);

  const layers = layerCount(cell, problems);
  const facing = facingArea(cell);

  // ---- capacity, limiting electrode, N/P ---------------------------------------------------
  let basis: CapacityBasis | undefined;
  if (ok(cathode.arealCapacityWindow) && ok(anode.arealCapacityWindow)) basis = 'stoichiometry-window';
  else if (ok(cathode.arealCapacityPractical) && ok(anode.arealCapacityPractical))
    basis = 'practical-specific-capacity';
  const qc = arealCapacityOn(cathode, basis);
  const qa = arealCapacityOn(anode, basis);
  const cathodeOut: ElectrodeDesign = { ...cathode, ...(ok(qc) ? { arealCapacity: qc } : {}) };
  const anodeOut: ElectrodeDesign = { ...anode, ...(ok(qa) ? { arealCapacity: qa } : {}) };
  let capacity: number | undefined;
  let limiting: 'cathode' | 'anode' | undefined;
  let limitingReason: string | undefined;
  let npRatio: number | undefined;
  let npDefinition: string | undefined;
  // Lithium plated on charge per unit cell (m of dense lithium), from the cathode's lithium.
  let platedThickness = 0;
  if (plating && ok(qc) && qc > 0) {
    // The cathode sets the capacity: what the anode cannot intercalate plates as lithium metal.
    const intercalation = cell.anode.lithiumMetal ? 0 : ok(qa) ? qa : 0;
    const metal = (cell.anode.lithiumMetal && ok(qa) ? qa : 0) + reservoirCapacity(cell.anode);
    npRatio = (intercalation + metal) / qc;
    npDefinition =
      'anode ÷ cathode areal capacity of facing sides; the anode counts its intercalation capacity and the lithium metal present at assembly (foil or excess lithium)';
    limiting = 'cathode';
    capacity = layers * facing * qc;
    platedThickness = lithiumThickness(Math.max(0, qc - intercalation));
    limitingReason = `lithium plates on charge, so the cathode's ${formatQuantity(qc, 'arealCapacity')} sets the capacity (${formatQuantity(platedThickness, 'length')} of lithium plates per unit cell)`;
    if (cell.anode.platingByDesign && npRatio >= 1) {
      problems.push({
        severity: 'warning',
        code: 'plating-not-needed',
        message: `plating-by-design with N/P ${npRatio.toFixed(2)}: the anode takes all the cathode's lithium, so none plates`,
        path: 'anode',
      });
    }
  } else if (ok(qc) && ok(qa) && qc > 0 && qa > 0) {
    npRatio = qa / qc;
    npDefinition =
      basis === 'stoichiometry-window'
        ? 'anode ÷ cathode areal capacity of facing sides, each from c_s,max × active volume × its stoichiometry window'
        : 'anode ÷ cathode areal capacity of facing sides, from practical specific capacities × active mass';
    limiting = qc <= qa ? 'cathode' : 'anode';
    capacity = layers * facing * Math.min(qc, qa);
    const shownC = formatQuantity(qc, 'arealCapacity');
    const shownA = formatQuantity(qa, 'arealCapacity');
    limitingReason =
      limiting === 'cathode'
        ? `the cathode holds ${shownC}, less than the anode's ${shownA} (N/P ${formatNumber(npRatio)})`
        : `the anode holds only ${shownA}, less than the cathode's ${shownC} (N/P ${formatNumber(npRatio)} < 1: lithium plates on charge)`;
    // Below 1 as shown (three figures): N/P = 1 by construction (a BPX cell's windows, written to
    // five digits) is not a plating design.
    if (npRatio < 0.9995) {
      // An intercalation anode that plates is a safety defect unless the design says so.
      problems.push({
        severity: 'error',
        code: 'np-below-one',
        message: `N/P ratio ${formatNumber(npRatio)} is below 1: the anode cannot take all the cathode's lithium, so lithium metal plates on charge (write plating-by-design in the anode if it is meant to)`,
        path: ok(cell.npRatio) ? 'npRatio' : cell.anode.loading !== undefined ? 'anode.loading' : 'anode',
      });
    }
  }
  const { npRatioFirstCharge, npFirstChargeDefinition } = firstChargeNp(cathode, anode, npRatio, problems);
  if (!(ok(qc) && ok(qa) && qc > 0 && qa > 0) && !basis) {
    problems.push({
      severity: 'error',
      code: 'no-capacity',
      message:
        'the design capacity needs the areal capacity of both electrodes (a loading and the specific capacity of each active material, or stoichiometry windows with c_s,max)',
      path: ok(cathode.arealCapacityPractical) ? 'anode' : 'cathode',
    });
  }

  // ---- mean voltage, energy ------------------------------------------------------------------
  const { meanVoltage, meanVoltageMethod } = meanCellVoltage(cell, cathode, anode, inputs, problems);
  const energy = ok(capacity) && ok(meanVoltage) ? capacity * meanVoltage : undefined;

  // ---- layers of the stack -------------------------------------------------------------------
  const counts = collectorCounts(cell, layers);
  const layerList: LayerDesign[] = [];
  addCollector(cell, cathode, 'cathode', counts.cathode, layerList, problems);
  let stackKnown = addCoating(cathode, layers, layerList);
  const sep = cell.separator;
  const { sepArea, liquid, electrolyteMass, electrolyteVolume } = addSeparator(
    cell,
    cathode,
    anode,
    layers,
    layerList,
    problems,
  );
  addLithiumLayers(cell, anode.area, layers, platedThickness, layerList);
  const bareAnode = cell.anode.anodeFree && anode.components.length === 0;
  if (!bareAnode) stackKnown = addCoating(anode, layers, layerList) && stackKnown;
  addCollector(cell, anode, 'anode', counts.anode, layerList, problems);

  const stackHeight = stackKnown ? layerList.reduce((s, l) => s + l.thickness * l.count, 0) : undefined;
  const footprint = Math.max(cathode.area, anode.area, sep ? sepArea : 0);
  // The area stack energy density divides by is a choice papers differ on; it is always named.
  const stackBasis: CellDesign['stackBasis'] = wound
    ? 'jelly-roll'
    : cell.stackBasis === 'electrode-area'
      ? 'electrode-area'
      : 'footprint';
  const basisArea = stackBasis === 'electrode-area' ? cathode.area : footprint;
  const stackVolume = wound ? wound.winding.rollVolume : ok(stackHeight) ? stackHeight * basisArea : undefined;
  const stackMassParts = layerList.map((l) => l.mass);
  const stackMass =
    stackKnown && stackMassParts.every(ok)
      ? stackMassParts.reduce((s: number, m) => s + m!, 0) + electrolyteMass
      : undefined;
  const stack: BasisFigures = {
    ...figures(wound ? undefined : stackHeight, stackVolume, stackMass, energy),
    ...(platedThickness > 0 ? { state: 'charged' as const } : {}),
  };
  // Layers outside the unit cell: films between stacked unit cells or bi-cells, spacers.
  const outside = outsideLayers(cell, layers, footprint, problems);
  const outsideHeight = outside.reduce((s, l) => s + l.thickness * l.count, 0);
  const outsideMass = outside.every((l) => ok(l.mass)) ? outside.reduce((s, l) => s + l.mass!, 0) : undefined;
  layerList.push(...outside);

  // ---- packaged cell --------------------------------------------------------------------------
  const fmt = cell.format;
  let cellFig: BasisFigures = {};
  const { massBreakdown, volumeBreakdown } = breakdowns(cathode, anode, layers, layerList, liquid, {
    mass: electrolyteMass,
    volume: electrolyteVolume,
  });
  let discharged: CellDesign['discharged'];
  if (wound) {
    cellFig = woundCellFigures(cell, wound.winding, stackMass, energy, massBreakdown, volumeBreakdown, problems);
  } else if (fmt.outline) {
    ({ cellFig, discharged } = outlineCellFigures(
      cell,
      fmt.outline,
      { height: stackHeight, mass: stackMass, basisArea, footprint, outsideHeight, outsideMass },
      energy,
      layers,
      platedThickness,
      { massBreakdown, volumeBreakdown },
      problems,
    ));
  } else {
    problems.push({
      severity: 'info',
      code: 'no-outline',
      message: 'no package outline: the packaged-cell figures are unavailable',
      path: 'format',
    });
  }

  const design: CellDesign = {
    name: cell.name,
    ...(cell.base ? { base: cell.base } : {}),
    ...(cell.file ? { file: cell.file } : {}),
    cathode: cathodeOut,
    anode: anodeOut,
    layers,
    facingArea: facing,
    ...(basis ? { capacityBasis: basis } : {}),
    ...(ok(capacity) ? { capacity } : {}),
    ...(limiting ? { limitingElectrode: limiting, limitingReason: limitingReason! } : {}),
    ...(ok(npRatio) ? { npRatio, npDefinition: npDefinition! } : {}),
    ...(ok(npRatioFirstCharge) ? { npRatioFirstCharge, npFirstChargeDefinition: npFirstChargeDefinition! } : {}),
    ...(ok(meanVoltage) ? { meanVoltage, meanVoltageMethod: meanVoltageMethod! } : {}),
    ...(ok(energy) ? { energy } : {}),
    stack,
    cell: cellFig,
    stackBasis,
    ...(platedThickness > 0 ? { platedLithiumThickness: platedThickness } : {}),
    ...(discharged ? { discharged } : {}),
    ...(wound ? { winding: wound.winding } : {}),
    layersBreakdown: layerList,
    massBreakdown,
    volumeBreakdown,
    inputs,
    problems,
  };
  return finiteOnly(design, problems);
}

// ---- steps of designCell -----------------------------------------------------------------------

/** The number of unit cells in the stack, checked against the stacking (1 when not a whole number ≥ 1). */
function layerCount(cell: CellIR, problems: DesignProblem[]): number {
  let layers = Math.round(cell.format.layers);
  if (!ok(layers) || layers < 1) {
    problems.push({
      severity: 'error',
      code: 'layers',
      message: `the number of layers must be a whole number of at least 1`,
      path: 'format',
    });
    layers = 1;
  }
  if (cell.format.stacking === 'single-layer' && layers > 1) {
    problems.push({
      severity: 'warning',
      code: 'single-layer-with-layers',
      message: `a single-layer cell with ${layers} layers: counted as a stack of ${layers}`,
      path: 'format',
    });
  }
  if (cell.format.stacking === 'bi-cell' && layers % 2 !== 0) {
    problems.push({
      severity: 'warning',
      code: 'bicell-odd-layers',
      message: `bi-cells hold two unit cells each; ${layers} layers is not a whole number of bi-cells`,
      path: 'format',
    });
  }
  return layers;
}

/** N/P on the first-charge basis: what the cathode gives and the anode takes on the formation charge. */
function firstChargeNp(
  cathode: ElectrodeDesign,
  anode: ElectrodeDesign,
  npRatio: number | undefined,
  problems: DesignProblem[],
): { npRatioFirstCharge?: number; npFirstChargeDefinition?: string } {
  const fa = anode.arealCapacityFirstCharge,
    fc = cathode.arealCapacityFirstCharge;
  if (ok(fa) && ok(fc) && fa > 0 && fc > 0) {
    const npRatioFirstCharge = fa / fc;
    const npFirstChargeDefinition =
      anode.firstChargeStated || cathode.firstChargeStated
        ? 'anode first-lithiation ÷ cathode first-charge areal capacity of facing sides (first-charge specific capacities, or reversible ÷ first-cycle efficiency, × active mass)'
        : 'no first-charge capacity or first-cycle efficiency stated: equal to the reversible N/P (efficiency 1 assumed)';
    // (Without stated first-charge data it equals the reversible N/P, whose own check speaks.)
    const stated = anode.firstChargeStated || cathode.firstChargeStated;
    if (npRatioFirstCharge < 1 && stated && !(ok(npRatio) && npRatio < 1))
      problems.push({
        severity: 'warning',
        code: 'np-first-charge-below-one',
        message: `N/P ratio on the first-charge basis is ${npRatioFirstCharge.toFixed(2)} (reversible ${ok(npRatio) ? npRatio.toFixed(2) : '?'}): on the formation charge the cathode gives more lithium than the anode can take, so lithium plates before the first-cycle loss is formed`,
        path: 'anode',
      });
    return { npRatioFirstCharge, npFirstChargeDefinition };
  }
  return {};
}

/**
 * The cell's mean discharge voltage: from the OCP curves over the stoichiometry windows when both
 * active materials have them (`voltage.ts`), else the declared mean voltages against Li.
 */
function meanCellVoltage(
  cell: CellIR,
  cathode: ElectrodeDesign,
  anode: ElectrodeDesign,
  inputs: DesignInput[],
  problems: DesignProblem[],
): { meanVoltage?: number; meanVoltageMethod?: CellDesign['meanVoltageMethod'] } {
  let meanVoltage: number | undefined;
  let meanVoltageMethod: CellDesign['meanVoltageMethod'];
  const ocpV = meanVoltageFromOcp(mainActive(cell, cathode), mainActive(cell, anode));
  if (ok(ocpV)) {
    meanVoltage = ocpV;
    meanVoltageMethod = 'ocp';
  } else {
    const vc = declaredVoltage(cell, cathode, inputs);
    const va =
      (cell.anode.lithiumMetal || cell.anode.anodeFree) &&
      !anode.components.some((c) => ok(cell.materials[c.material]?.properties.meanVoltage))
        ? 0
        : declaredVoltage(cell, anode, inputs);
    if (ok(vc) && ok(va)) {
      meanVoltage = vc - va;
      meanVoltageMethod = 'declared';
    } else {
      problems.push({
        severity: 'warning',
        code: 'no-mean-voltage',
        message: `no mean voltage for the ${ok(vc) ? 'anode' : 'cathode'} active material (declare mean-voltage, or an OCP with a stoichiometry window): energy figures are unavailable`,
        path: ok(vc) ? 'anode' : 'cathode',
      });
    }
  }
  if (ok(meanVoltage) && meanVoltage <= 0) {
    problems.push({
      severity: 'error',
      code: 'mean-voltage-negative',
      message: `the mean cell voltage comes out at ${meanVoltage.toFixed(3)} V: check the electrodes' voltages against Li`,
      path: 'cathode',
    });
    meanVoltage = undefined;
  }
  return ok(meanVoltage) ? { meanVoltage, meanVoltageMethod: meanVoltageMethod! } : {};
}

/**
 * The separator or electrolyte layer of each unit cell, and a liquid electrolyte filling the
 * separator's and the electrodes' pores.
 */
function addSeparator(
  cell: CellIR,
  cathode: ElectrodeDesign,
  anode: ElectrodeDesign,
  layers: number,
  layerList: LayerDesign[],
  problems: DesignProblem[],
): { sepArea: number; liquid: MaterialIR | undefined; electrolyteMass: number; electrolyteVolume: number } {
  const sep = cell.separator;
  const sepArea = sep?.area ?? Math.max(cathode.area, anode.area);
  let electrolyteMass = 0;
  let electrolyteVolume = 0;
  const liquid = sep?.electrolyte ? cell.materials[sep.electrolyte] : undefined;
  if (sep) {
    const solidFraction = 1 - (sep.porosity ?? 0);
    const mass = massOf(cell, sep.material, sep.thickness * sepArea * layers * solidFraction);
    if (mass === undefined)
      problems.push({
        severity: 'warning',
        code: 'missing-density',
        message: `no density for the ${sep.type === 'separator' ? 'separator' : 'electrolyte layer'} ${sep.material}: the stack mass is incomplete`,
        path: 'separator',
      });
    layerList.push({
      name: sep.type === 'separator' ? 'separator' : 'electrolyte layer',
      material: sep.material,
      thickness: sep.thickness,
      area: sepArea,
      count: layers,
      ...(mass !== undefined ? { mass } : {}),
    });
    if (liquid) {
      // Liquid fills the separator's and the electrodes' pores.
      const pores =
        (sep.porosity ?? 0) * sep.thickness * sepArea * layers +
        (ok(cathode.porosity) && ok(cathode.thickness)
          ? cathode.porosity * cathode.thickness * cathode.area * layers
          : 0) +
        (ok(anode.porosity) && ok(anode.thickness) ? anode.porosity * anode.thickness * anode.area * layers : 0);
      const rho = liquid.properties.density;
      electrolyteVolume = pores;
      if (ok(rho)) electrolyteMass = rho * pores;
      else
        problems.push({
          severity: 'warning',
          code: 'missing-density',
          message: `no density for the electrolyte ${liquid.name}: its mass is not counted`,
          path: 'separator',
        });
    }
  } else {
    problems.push({
      severity: 'warning',
      code: 'no-separator',
      message: 'the cell has no electrolyte layer or separator: the stack counts none',
      path: 'separator',
    });
  }
  return { sepArea, liquid, electrolyteMass, electrolyteVolume };
}

/** Mass and volume of the cell by part: electrode components and pores, layers, the liquid. */
function breakdowns(
  cathode: ElectrodeDesign,
  anode: ElectrodeDesign,
  layers: number,
  layerList: readonly LayerDesign[],
  liquid: MaterialIR | undefined,
  electrolyte: { mass: number; volume: number },
): { massBreakdown: Record<string, number>; volumeBreakdown: Record<string, number> } {
  const massBreakdown: Record<string, number> = {};
  const volumeBreakdown: Record<string, number> = {};
  for (const e of [cathode, anode]) {
    for (const c of e.components) {
      // Components are listed once per composition, so each key is set once.
      const key = `${e.role} ${c.material}`;
      massBreakdown[key] = c.arealMass * e.area * layers;
      if (ok(c.arealVolume)) volumeBreakdown[key] = c.arealVolume * e.area * layers;
    }
    if (ok(e.porosity) && ok(e.thickness) && !liquid)
      volumeBreakdown[`${e.role} pores`] = e.porosity * e.thickness * e.area * layers;
  }
  for (const l of layerList) {
    if (l.name === 'cathode' || l.name === 'anode') continue;
    if (ok(l.mass)) massBreakdown[l.name] = l.mass;
    volumeBreakdown[l.name] = l.thickness * l.area * l.count;
  }
  if (liquid) {
    if (electrolyte.mass > 0) massBreakdown[`electrolyte ${liquid.name}`] = electrolyte.mass;
    volumeBreakdown[`electrolyte ${liquid.name}`] = electrolyte.volume;
  }
  return { massBreakdown, volumeBreakdown };
}

/**
 * Packaged figures of a cell in an outline (pouch): thickness written or stack + outside layers +
 * two films; mass of the stack, films, tabs and edge insulation. A cell that plates lithium also
 * gets its figures as assembled (discharged, no plated lithium).
 */
function outlineCellFigures(
  cell: CellIR,
  outline: NonNullable<CellIR['format']['outline']>,
  stack: {
    height: number | undefined;
    mass: number | undefined;
    basisArea: number;
    footprint: number;
    outsideHeight: number;
    outsideMass: number | undefined;
  },
  energy: number | undefined,
  layers: number,
  platedThickness: number,
  breakdown: { massBreakdown: Record<string, number>; volumeBreakdown: Record<string, number> },
  problems: DesignProblem[],
): { cellFig: BasisFigures; discharged?: CellDesign['discharged'] } {
  const fmt = cell.format;
  const { height: stackHeight, mass: stackMass, basisArea, footprint, outsideHeight, outsideMass } = stack;
  const { massBreakdown, volumeBreakdown } = breakdown;
  const outlineArea = outline.width * outline.height;
  const film = fmt.packaging;
  const thickness = ok(fmt.thickness)
    ? fmt.thickness
    : ok(stackHeight)
      ? stackHeight + outsideHeight + 2 * (film?.thickness ?? 0)
      : undefined;
  let extraMass: number | undefined = outsideMass;
  if (film) {
    const m = massOf(cell, film.material, 2 * outlineArea * film.thickness);
    if (m === undefined) {
      extraMass = undefined;
      problems.push({
        severity: 'warning',
        code: 'missing-density',
        message: `no density for the packaging film ${film.material}: the packaged-cell mass is unavailable`,
        path: 'format',
      });
    } else {
      if (extraMass !== undefined) extraMass += m;
      massBreakdown.packaging = m;
      volumeBreakdown.packaging = 2 * outlineArea * film.thickness;
    }
  } else {
    problems.push({
      severity: 'info',
      code: 'no-packaging',
      message: 'no packaging film given: the packaged cell counts the stack only',
      path: 'format',
    });
  }
  const tabs = fmt.tabs;
  if (tabs && ok(tabs.width) && ok(tabs.length) && ok(tabs.thickness) && tabs.material) {
    const v = (tabs.count ?? 2) * tabs.width * tabs.length * tabs.thickness;
    const m = massOf(cell, tabs.material, v);
    if (m !== undefined && extraMass !== undefined) {
      extraMass += m;
      massBreakdown.tabs = m;
      volumeBreakdown.tabs = v;
    }
  } else if (tabs) {
    problems.push({
      severity: 'info',
      code: 'tabs-incomplete',
      message: 'tabs need a material, width, length and thickness to be counted in the cell mass',
      path: 'format',
    });
  }
  const ins = fmt.insulation;
  if (ins && ok(ins.width)) {
    const perimeter =
      cell.cathode.dimensions && cell.anode.dimensions
        ? 2 *
          (Math.max(cell.cathode.dimensions.width, cell.anode.dimensions.width) +
            Math.max(cell.cathode.dimensions.height, cell.anode.dimensions.height))
        : 4 * Math.sqrt(footprint);
    const v = 2 * perimeter * ins.width * ins.thickness;
    const m = massOf(cell, ins.material, v);
    if (m !== undefined && extraMass !== undefined) {
      extraMass += m;
      massBreakdown.insulation = m;
      volumeBreakdown.insulation = v;
    }
  } else if (ins) {
    problems.push({
      severity: 'info',
      code: 'insulation-incomplete',
      message: 'edge insulation needs a width to be counted in the cell mass',
      path: 'format',
    });
  }
  if (ok(thickness) && ok(stackHeight) && thickness < stackHeight) {
    problems.push({
      severity: 'warning',
      code: 'cell-thinner-than-stack',
      message: `the packaged cell thickness ${formatQuantity(thickness, 'length')} is less than its stack height ${formatQuantity(stackHeight, 'length')}`,
      path: 'format',
    });
  }
  const volume = ok(thickness) ? outlineArea * thickness : undefined;
  const mass = ok(stackMass) && extraMass !== undefined ? stackMass + extraMass : undefined;
  const cellFig: BasisFigures = {
    ...figures(thickness, volume, mass, energy),
    ...(platedThickness > 0 && !ok(fmt.thickness) ? { state: 'charged' as const } : {}),
  };
  if (platedThickness > 0 && ok(stackHeight)) {
    // As assembled (discharged): no plated lithium yet; a written cell thickness stays as written.
    const shrink = platedThickness * layers;
    const cellThickness = ok(fmt.thickness) ? fmt.thickness : ok(thickness) ? thickness - shrink : undefined;
    return {
      cellFig,
      discharged: {
        stack: figures(stackHeight - shrink, (stackHeight - shrink) * basisArea, stackMass, energy),
        cell: figures(cellThickness, ok(cellThickness) ? outlineArea * cellThickness : undefined, mass, energy),
      },
    };
  }
  return { cellFig };
}

// ---- design inputs, windings, lithium and outside layers --------------------------------------

/** Relative disagreement allowed between a declared N/P and the one the written anode gives. */
const NP_TOLERANCE = 0.02;

/**
 * N/P as a design input: the anode's areal capacity is set to N/P × the cathode's, and its loading
 * follows from its specific capacity (its thickness from the loading and porosity). When the anode
 * already has a loading or areal capacity written, nothing is solved and a disagreement beyond 2 %
 * is reported at the `np-ratio` line.
 */
function solveDesignInputs(cell: CellIR, options: DesignOptions, problems: DesignProblem[]): CellIR {
  const np = cell.npRatio;
  if (!ok(np)) return cell;
  const scratch: DesignProblem[] = [];
  const cathode = designElectrode(cell, cell.cathode, scratch, options);
  const qc = cathode.arealCapacityPractical;
  const a = cell.anode;
  if (a.loading !== undefined || a.arealCapacity !== undefined) {
    const anode = designElectrode(cell, a, scratch, options);
    const qa = anode.arealCapacityPractical;
    if (ok(qc) && ok(qa) && qc > 0) {
      const actual = (qa + reservoirCapacity(a)) / qc;
      if (Math.abs(actual - np) / np > NP_TOLERANCE)
        problems.push({
          severity: 'warning',
          code: 'np-ratio-conflict',
          message: `np-ratio ${np} is a design input, but the anode's written ${a.loading !== undefined ? `loading ${formatQuantity(a.loading, 'arealMass')}` : 'areal capacity'} gives N/P ${actual.toFixed(3)}; remove one of them (the anode loading is solved from np-ratio when none is written)`,
          path: 'npRatio',
        });
    }
    return cell;
  }
  if (!ok(qc) || qc <= 0) {
    problems.push({
      severity: 'warning',
      code: 'np-ratio-unsolved',
      message:
        'np-ratio cannot be met: the cathode areal capacity is unknown (needs its loading and specific capacity)',
      path: 'npRatio',
    });
    return cell;
  }
  // Lithium present at assembly counts towards N; the rest is the anode's own capacity.
  const arealCapacity = np * qc - reservoirCapacity(a);
  if (arealCapacity <= 0) return cell;
  const anode: ElectrodeIR = {
    ...a,
    arealCapacity,
    sources: { ...a.sources, arealCapacity: cell.npRatioSource ?? {} },
  };
  return { ...cell, anode };
}

/** The anode; an anode-free one may be a bare collector (no composition) or a host layer without capacity. */
function designAnode(cell: CellIR, problems: DesignProblem[], options: DesignOptions): ElectrodeDesign {
  const a = cell.anode;
  if (a.anodeFree && a.components.length === 0) {
    return {
      role: 'anode',
      area: a.area,
      components: [],
      loading: 0,
      thickness: 0,
      arealCapacityPractical: 0,
      arealCapacityWindow: 0,
      derived: [],
      inputs: [],
    };
  }
  if (!a.anodeFree) return designElectrode(cell, a, problems, options);
  // A host layer (silver–carbon, a lithiophilic coating) holds no lithium of its own.
  const own: DesignProblem[] = [];
  const host = designElectrode(cell, a, own, options);
  problems.push(...own.filter((p) => p.code !== 'no-active-material'));
  return {
    ...host,
    arealCapacityPractical: host.arealCapacityPractical ?? 0,
    arealCapacityWindow: host.arealCapacityWindow ?? 0,
  };
}

/** A wound cell: its electrode length from the can and the winding's layers, as electrode areas. */
function windCell(
  cell: CellIR,
  options: DesignOptions,
  problems: DesignProblem[],
): { cell: CellIR; winding: Winding } | undefined {
  const scratch: DesignProblem[] = [];
  const c = designElectrode(cell, cell.cathode, scratch, options);
  const a = designAnode(cell, scratch, options);
  const tc = c.thickness;
  const ta = a.thickness;
  const tsep = cell.separator?.thickness ?? 0;
  if (!ok(tc) || !ok(ta)) return undefined; // the electrode problems say why
  // Plated lithium of the charged state: the roll must fit the can when it is thickest.
  const qc = c.arealCapacityPractical ?? c.arealCapacityWindow;
  const qInt = cell.anode.lithiumMetal ? 0 : (a.arealCapacityPractical ?? a.arealCapacityWindow ?? 0);
  const plated = platesLithium(cell.anode) && ok(qc) ? lithiumThickness(Math.max(0, qc - qInt)) : 0;
  const lithium = plated + (cell.anode.excessLithium ?? 0);
  const repeat =
    (cell.cathode.collector?.thickness ?? 0) + (cell.anode.collector?.thickness ?? 0) + 2 * (tc + ta + tsep + lithium);
  const w = windingOf(cell.format, repeat);
  if ('missing' in w) {
    problems.push({
      severity: 'warning',
      code: 'winding-incomplete',
      message: `a wound ${cell.format.type} cell needs ${w.missing} for its electrode length`,
      path: 'format',
    });
    return undefined;
  }
  if (!cell.format.can)
    problems.push({
      severity: 'info',
      code: 'no-can',
      message: 'no can given (can <material> <wall thickness>): the wall is taken as zero and the can has no mass',
      path: 'format',
    });
  const dims = { width: w.electrodeLength, height: w.width };
  const area = w.electrodeLength * w.width;
  const side = (e: ElectrodeIR): ElectrodeIR => ({ ...e, area, dimensions: dims, doubleSided: true });
  return {
    cell: {
      ...cell,
      format: { ...cell.format, stacking: 'wound', layers: 2 },
      cathode: side(cell.cathode),
      anode: side(cell.anode),
      ...(cell.separator ? { separator: { ...cell.separator, area } } : {}),
    },
    winding: w,
  };
}

/** Excess lithium (at assembly) and plated lithium (charged state) as layers of the stack. */
function addLithiumLayers(cell: CellIR, area: number, layers: number, plated: number, layerList: LayerDesign[]): void {
  const excess = cell.anode.excessLithium;
  if (ok(excess) && excess > 0)
    layerList.push({
      name: 'lithium reservoir',
      thickness: excess,
      area,
      count: layers,
      mass: LITHIUM_DENSITY * excess * area * layers,
    });
  // Plated lithium is the cathode's lithium moved: it adds volume, not mass.
  if (plated > 0) layerList.push({ name: 'plated lithium (charged)', thickness: plated, area, count: layers, mass: 0 });
}

/**
 * Interlayer films lie between stacked units: N − 1 between N unit cells, or between bi-cells
 * (⌈N/2⌉ − 1), unless a count is written; a spacer counts once unless written. Both cover the
 * stack's footprint.
 */
function outsideLayers(cell: CellIR, layers: number, footprint: number, problems: DesignProblem[]): LayerDesign[] {
  const out: LayerDesign[] = [];
  const units = cell.format.stacking === 'bi-cell' ? Math.ceil(layers / 2) : layers;
  const add = (name: string, film: FilmIR | undefined, defaultCount: number) => {
    if (!film) return;
    const count = ok(film.count) ? Math.round(film.count) : defaultCount;
    if (count <= 0) {
      problems.push({
        severity: 'info',
        code: 'interlayer-unused',
        message: `${name} film given, but a stack of ${units} unit${units === 1 ? '' : 's'} has nothing to separate (write a count to place it anyway)`,
        path: 'format',
      });
      return;
    }
    const mass = massOf(cell, film.material, film.thickness * footprint * count);
    if (mass === undefined)
      problems.push({
        severity: 'warning',
        code: 'missing-density',
        message: `no density for the ${name} ${film.material}: the packaged-cell mass is unavailable`,
        path: 'format',
      });
    out.push({
      name,
      material: film.material,
      thickness: film.thickness,
      area: footprint,
      count,
      ...(mass !== undefined ? { mass } : {}),
      outside: true,
    });
  };
  add('interlayer', cell.format.interlayer, units - 1);
  add('spacer', cell.format.spacer, 1);
  return out;
}

/** Packaged figures of a wound cell: the can's outer volume; the roll, can wall and tabs as mass. */
function woundCellFigures(
  cell: CellIR,
  w: Winding,
  stackMass: number | undefined,
  energy: number | undefined,
  massBreakdown: Record<string, number>,
  volumeBreakdown: Record<string, number>,
  problems: DesignProblem[],
): BasisFigures {
  let extra: number | undefined = 0;
  const can = cell.format.can;
  if (can) {
    const m = massOf(cell, can.material, w.canVolume);
    if (m === undefined) {
      extra = undefined;
      problems.push({
        severity: 'warning',
        code: 'missing-density',
        message: `no density for the can ${can.material}: the cell mass is unavailable`,
        path: 'format',
      });
    } else {
      extra += m;
      massBreakdown.can = m;
      volumeBreakdown.can = w.canVolume;
    }
  }
  const tabs = cell.format.tabs;
  if (tabs && ok(tabs.width) && ok(tabs.length) && ok(tabs.thickness) && tabs.material) {
    const v = (tabs.count ?? 2) * tabs.width * tabs.length * tabs.thickness;
    const m = massOf(cell, tabs.material, v);
    if (m !== undefined && extra !== undefined) {
      extra += m;
      massBreakdown.tabs = m;
      volumeBreakdown.tabs = v;
    }
  }
  const mass = ok(stackMass) && extra !== undefined ? stackMass + extra : undefined;
  return figures(w.cellThickness, w.cellVolume, mass, energy);
}

// The helpers below are module functions rather than closures in designCell: it runs for every
// cell on every keystroke, and closures made per call cost more than the arithmetic.

/** An electrode's areal capacity on the capacity basis both electrodes share. */
function arealCapacityOn(e: ElectrodeDesign, basis: CapacityBasis | undefined): number | undefined {
  return basis === 'stoichiometry-window' ? e.arealCapacityWindow : basis ? e.arealCapacityPractical : undefined;
}

/** Mass of a volume of a material, when the material has a density. */
function massOf(cell: CellIR, material: string | undefined, volume: number): number | undefined {
  const rho = material ? cell.materials[material]?.properties.density : undefined;
  return ok(rho) ? rho * volume : undefined;
}

/** Adds an electrode's collector sheets to the stack's layers. */
function addCollector(
  cell: CellIR,
  e: ElectrodeDesign,
  role: 'cathode' | 'anode',
  count: number,
  layerList: LayerDesign[],
  problems: DesignProblem[],
): void {
  const col = cell[role].collector;
  if (!col) {
    problems.push({
      severity: 'info',
      code: 'no-collector',
      message: `the ${role} has no current collector: the stack counts none`,
      path: role,
    });
    return;
  }
  const mass = massOf(cell, col.material, col.thickness * e.area * count);
  if (mass === undefined)
    problems.push({
      severity: 'warning',
      code: 'missing-density',
      message: `no density for the ${role} collector ${col.material}: the stack mass is incomplete`,
      path: `${role}.collector`,
    });
  layerList.push({
    name: `${role} collector`,
    material: col.material,
    thickness: col.thickness,
    area: e.area,
    count,
    ...(mass !== undefined ? { mass } : {}),
  });
}

/** Adds an electrode's coating to the stack's layers; false when its thickness is unknown (the stack height is then too). */
function addCoating(e: ElectrodeDesign, layers: number, layerList: LayerDesign[]): boolean {
  if (!ok(e.thickness)) return false;
  const mass = ok(e.loading) ? e.loading * e.area * layers : undefined;
  layerList.push({
    name: e.role,
    thickness: e.thickness,
    area: e.area,
    count: layers,
    ...(mass !== undefined ? { mass } : {}),
  });
  return true;
}

function figures(
  thickness: number | undefined,
  volume: number | undefined,
  mass: number | undefined,
  energy: number | undefined,
): BasisFigures {
  return {
    ...(ok(thickness) ? { thickness } : {}),
    ...(ok(volume) ? { volume } : {}),
    ...(ok(mass) ? { mass } : {}),
    ...(ok(energy) && ok(volume) && volume > 0 ? { energyDensity: energy / volume } : {}),
    ...(ok(energy) && ok(mass) && mass > 0 ? { specificEnergy: energy / mass } : {}),
  };
}

/** Last guard: no NaN or Infinity leaves the calculator; any found is dropped and reported. */
function finiteOnly<T>(value: T, problems: DesignProblem[]): T {
  // Checking allocates nothing; a copy is made only in the rare case something must be dropped.
  return allFinite(value) ? value : dropNonFinite(value, problems, '');
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const v of value) if (!allFinite(v)) return false;
    return true;
  }
  for (const k in value as Record<string, unknown>) if (!allFinite((value as Record<string, unknown>)[k])) return false;
  return true;
}

function dropNonFinite<T>(value: T, problems: DesignProblem[], path: string): T {
  if (Array.isArray(value)) {
    return value
      .filter((v) => !(typeof v === 'number' && !Number.isFinite(v)))
      .map((v, i) => dropNonFinite(v, problems, `${path}[${i}]`)) as T;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        problems.push({
          severity: 'error',
          code: 'not-computable',
          message: `${path}${k} could not be computed from the values given`,
          ...(path ? { path: path.split('.')[0]! } : {}),
        });
        continue;
      }
      out[k] = k === 'problems' ? v : dropNonFinite(v, problems, `${path}${k}.`);
    }
    return out as T;
  }
  return value;
}
