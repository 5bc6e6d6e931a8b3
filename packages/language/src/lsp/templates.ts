/**
 * Templates offered by completion where their keyword may stand (a cell at the top level, a
 * step inside a process), never inside a block that cannot hold them. VS Code snippet syntax.
 */
export interface Template {
  readonly keyword: string;
  readonly description: string;
  readonly body: string;
}

export const TEMPLATES: readonly Template[] = [
  {
    keyword: 'cell',
    description: 'A new standard cell: format, electrodes, electrolyte layer, limits and targets',
    body: 'cell ${1:SB21} "${2:Standard battery 2.1}" {\n\tformat pouch single-layer { outline ${3:65 mm} x ${4:45 mm} }\n\telectrode-area ${5:20 mm} x ${6:20 mm}\n\tcathode {\n\t\tcomposition { ${7:NCM811} coated-with ${8:LiNbO3}: ${9:75 wt%}, ${10:Li6PS5Cl}: ${11:22 wt%}, ${12:VGCF}: ${13:3 wt%} }\n\t\tloading ${14:20 mg/cm2}\n\t\tporosity ${15:8 %}\n\t\tcollector ${16:Al} ${17:15 um}\n\t}\n\telectrolyte-layer ${10:Li6PS5Cl} { thickness ${18:20 um} }\n\tanode {\n\t\tcomposition { ${19:Graphite}: ${20:60 wt%}, ${10:Li6PS5Cl}: ${21:40 wt%} }\n\t\tloading ${22:10 mg/cm2}\n\t\tporosity ${23:10 %}\n\t\tcollector ${24:Cu} ${25:10 um}\n\t}\n\tlimits { voltage ${26:2.5 V} to ${27:4.25 V} }\n\ttargets { capacity ${28:8 mAh} ± ${29:3 %}; energy-density (stack) >= ${30:400 Wh/L}; np-ratio between 1.05 and 1.2 }\n}$0',
  },
  {
    keyword: 'variant',
    description: 'A variant of a standard cell that swaps one material',
    body: 'variant ${1:SB21-X} "${2:New cathode sample}" of ${3:SB21} {\n\treplace ${4:NCM811} with ${5:NewSample}\n}$0',
  },
  {
    keyword: 'material',
    description: 'A new material with capacity, density and provenance',
    body: 'material ${1:Name} ${2|cathode-active,anode-active,solid-electrolyte,liquid-electrolyte,conductive-additive,binder,coating,current-collector,separator,packaging,insulation,other|} "${3:description}" {\n\tspecific-capacity ${4:195 mAh/g} source "${5:supplier data sheet}"\n\tdensity ${6:4.7 g/cm3}\n\tsupplier "${7:supplier}"\n\tlot "${8:lot}"\n}$0',
  },
  {
    keyword: 'step',
    description: 'A process step with parameters and tolerances',
    body: 'step ${1|slurry-mixing,coating,drying,pressing,se-transfer,stacking,edge-insulation,tab-welding,packaging,vacuum-sealing,conditioning|} "${2:title}" {\n\t${3:pressure}: ${4:400 MPa} ± ${5:5 %}\n\t${6:temperature}: ${7:25 °C}\n\t${8:duration}: ${9:5 min}\n}$0',
  },
  {
    keyword: 'process',
    description: 'A manufacturing process for a cell',
    body: 'process ${1:P-SB21} "${2:Manufacturing of SB21}" for ${3:SB21} {\n\tenvironment { dew-point: ${4:-40 °C}; atmosphere: "${5:dry air}" }\n\tstep ${6:coating} "${7:Cathode coating}" { gap: ${8:150 um}; speed: ${9:1 m/min} }\n\t$0\n}',
  },
  {
    keyword: 'test-plan',
    description: 'A test plan with a capacity check',
    body: 'test-plan ${1:TP-SB21} "${2:Acceptance tests}" for ${3:SB21} {\n\ttest ${4:capacity} "${5:Capacity at 0.1C}" {\n\t\tsamples ${6:3}\n\t\tset-temperature ${7:25 °C}\n\t\tcharge at ${8:C/10} cv ${9:4.25 V} until C/20\n\t\trest for ${10:30 min}\n\t\tdischarge at ${11:C/10} until ${12:2.5 V}\n\t\tpass "${13:capacity ≥ 97 % of design}"\n\t}\n}$0',
  },
];
