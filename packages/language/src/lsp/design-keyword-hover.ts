/**
 * Hover for the keywords of published cell designs that are not properties: the plating flags,
 * the films outside the unit cell, wound stacking and the stack basis. (Properties such as
 * `excess-lithium`, `np-ratio`, `diameter` get their hover from the property table.)
 */
import type { HoverContext, HoverContributor } from './hover.js';
import { isKeywordLeaf } from './cst.js';

const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  'anode-free':
    'Anode-free: the anode is a bare collector (or a host layer without capacity of its own). The cathode’s lithium plates on it on charge: the cathode sets the capacity, and the charged-state thickness includes the plated lithium (1 mAh/cm² plates 4.85 µm of dense lithium). Add `excess-lithium` for a lithium reservoir.',
  'plating-by-design':
    'An intercalation anode meant to run with N/P below 1: the missing capacity plates as lithium metal. Without it, N/P below 1 is an error.',
  interlayer:
    'An insulating or adhesive film between stacked unit cells (or between bi-cells): `interlayer <material> <thickness> [count n]`. Default count: one between each pair of units. It adds thickness and mass to the packaged cell, outside the stack.',
  spacer:
    'A spacer plate between the stack and the package: `spacer <material> <thickness> [count n]` (default 1). Adds thickness and mass to the packaged cell.',
  can: 'The metal can of a cylindrical or prismatic cell: `can <material> <wall thickness>`. The winding fills the can’s inside; the wall adds mass.',
  wound:
    'A wound (jelly-roll) stack: the electrode length follows from the can and the layer thicknesses. Cylindrical cells are always wound.',
  'stack-basis':
    'The area the stack energy density divides by: `footprint` (the largest layer, the default) or `electrode-area` (the cathode). Every stack Wh/L names its basis.',
  footprint: 'Stack energy density over the largest layer footprint (the box the stack occupies).',
  'electrode-area': 'Stack energy density over the electrode (cathode) area, as many papers report it.',
  tabs: 'Tab or lead zone: `tabs <material> <thickness> width <w> length <l> [count n]` (default 2), counted in the cell mass.',
};

export function designKeywordHoverContributor(): HoverContributor {
  return {
    contribute: (ctx: HoverContext) => {
      if (!isKeywordLeaf(ctx.leaf)) return undefined;
      const doc = KEYWORD_DOCS[ctx.leaf.text];
      return doc ? `**${ctx.leaf.text}**\n\n${doc}` : undefined;
    },
  };
}
