/**
 * Lithium metal in the design: plated lithium (anode-free cells, intercalation anodes with N/P
 * below 1 by design, lithium-metal foils) and lithium reservoirs (excess lithium at assembly).
 *
 * Lithium that plates on charge comes from the cathode, so it adds volume but no mass:
 *   plated thickness per unit cell  t_pl = max(0, Q_c − Q_int) / (ρ_Li · q_Li)
 * with Q_c the cathode's areal capacity, Q_int what an intercalation host takes up (0 for a
 * lithium-metal foil or a bare collector), ρ_Li = 0.534 g/cm³ and q_Li = F / M_Li = 3861 mAh/g,
 * so 1 mAh/cm² plates 4.85 µm of dense lithium (2062 mAh/cm³). Real plated lithium is porous
 * (mossy or dendritic deposits swell more), so this is the least the stack grows.
 */
import { FARADAY } from './electrode.js';
import type { ElectrodeIR } from '../ir.js';

/** Density of lithium metal at 20 °C, kg/m³ (CRC Handbook of Chemistry and Physics, 97th ed.). */
export const LITHIUM_DENSITY = 534;
/** Molar mass of lithium, kg/mol (IUPAC 2013 conventional atomic weight 6.94; 6.941 as commonly tabulated). */
export const LITHIUM_MOLAR_MASS = 6.941e-3;
/** Specific capacity of lithium metal, C/kg: F / M_Li = 1.390e7 C/kg = 3861 mAh/g. */
export const LITHIUM_SPECIFIC_CAPACITY = FARADAY / LITHIUM_MOLAR_MASS;
/** Volumetric capacity of dense lithium, C/m³ (2062 mAh/cm³). */
export const LITHIUM_VOLUMETRIC_CAPACITY = LITHIUM_DENSITY * LITHIUM_SPECIFIC_CAPACITY;

/** Whether lithium plates on the anode on charge: lithium metal, anode-free, or N/P below 1 by design. */
export function platesLithium(anode: ElectrodeIR): boolean {
  return anode.lithiumMetal === true || anode.anodeFree === true || anode.platingByDesign === true;
}

/** Areal capacity of the excess lithium written on the anode, C/m². */
export function reservoirCapacity(anode: ElectrodeIR): number {
  const t = anode.excessLithium;
  return t !== undefined && Number.isFinite(t) && t > 0 ? t * LITHIUM_VOLUMETRIC_CAPACITY : 0;
}

/** Dense-lithium thickness of an areal capacity, m. */
export function lithiumThickness(arealCapacity: number): number {
  return arealCapacity / LITHIUM_VOLUMETRIC_CAPACITY;
}
