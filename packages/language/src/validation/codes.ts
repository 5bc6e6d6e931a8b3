/**
 * Stable diagnostic codes. Editors, the CLI's SARIF rules and the fixture suite key on them, so a
 * code is never renamed; a new concern gets a new code.
 */
export const Code = {
  Syntax: 'syntax',
  UnresolvedReference: 'unresolved-reference',
  UnknownImport: 'unknown-import',
  FileOutsideWorkspace: 'file-outside-workspace',
  OcpTableFile: 'ocp-table-file',
  UnreadableFile: 'unreadable-file',
  UnitKind: 'unit-kind',
  UnknownUnit: 'unknown-unit',
  UnitArithmetic: 'unit-arithmetic',
  UnknownProperty: 'unknown-property',
  MisplacedProperty: 'misplaced-property',
  OutOfRange: 'out-of-range',
  NotInteger: 'not-integer',
  ExpectedRange: 'expected-range',
  CompositionSum: 'composition-sum',
  CompositionBasis: 'composition-basis',
  DuplicateName: 'duplicate-name',
  DuplicateProperty: 'duplicate-property',
  MissingProperty: 'missing-property',
  MaterialKind: 'material-kind',
  VariantReplace: 'variant-replace',
  SelfReference: 'self-reference',
  TargetMissed: 'target-missed',
  NpBelowOne: 'np-below-one',
  NpFirstChargeBelowOne: 'np-first-charge-below-one',
  AnalysisWarning: 'analysis-warning',
  AnalysisPlatingRisk: 'analysis-plating-risk',
  ElectrolytePercolation: 'se-percolation',
  PorosityUnreachable: 'porosity-unreachable',
  LayerThinnerThanParticle: 'layer-thinner-than-particle',
  DesignInconsistent: 'design-inconsistent',
  DesignIncomplete: 'design-incomplete',
  TestLimit: 'test-limit',
  ImpossibleEnd: 'impossible-end',
  MissingEnd: 'missing-end',
  LoopWithoutExit: 'loop-without-exit',
  UnknownProcedure: 'unknown-procedure',
  UnknownProcedureParameter: 'unknown-procedure-parameter',
  TestPlanIncomplete: 'test-plan-incomplete',
  // published cell designs and project configuration
  NpRatioConflict: 'np-ratio-conflict',
  WindingIncomplete: 'winding-incomplete',
  ModelReadiness: 'model-readiness',
  Suppression: 'suppression',
  DocumentNumberPattern: 'document-number-pattern',
  DocumentApproval: 'document-approval',
  DocumentHistory: 'document-history',
  DocumentImportStatus: 'document-import-status',
  DocumentNumberDuplicate: 'document-number-duplicate',
  DocumentObsoleteImport: 'document-obsolete-import',
  ChannelCapability: 'channel-capability',
  NotComputed: 'not-computed',
  // modules and packs
  UnknownDriveCycle: 'unknown-drive-cycle',
  PackLimit: 'pack-limit',
} as const;

export type DiagnosticCode = (typeof Code)[keyof typeof Code];

/** One line per code, for SARIF rule descriptions and documentation. */
export const CODE_DESCRIPTIONS: Readonly<Record<DiagnosticCode, string>> = {
  syntax: 'The text does not follow the cellspec grammar.',
  'unresolved-reference': 'A name that no visible declaration (this file, its imports, the built-in library) defines.',
  'unknown-import': 'An import names a file that does not exist.',
  'file-outside-workspace':
    'A file reference (import, OCP table) that leaves the workspace: an absolute path elsewhere, a `..` escape or a symbolic link out.',
  'ocp-table-file': 'An OCP table file that cannot be read or is not two columns of stoichiometry and voltage.',
  'unreadable-file':
    'A spec or imported file that is not read: not a regular file (a FIFO, a device), not a .cellspec file, too large, or not valid UTF-8.',
  'unit-kind': 'A value has the wrong kind of unit for where it stands (a loading in mAh/g).',
  'unknown-unit': 'A unit cellspec does not know.',
  'unit-arithmetic': 'Arithmetic on values whose units do not combine (adding a length to a mass).',
  'unknown-property': 'A reference to a material property the material does not define.',
  'misplaced-property': 'A property or statement that does not belong in this block.',
  'out-of-range': 'A value outside its physically possible range (porosity 120 %, a negative thickness).',
  'not-integer': 'A count that must be a whole number.',
  'expected-range': 'A window `a to b` is expected (or given where one value is), or its bounds are reversed.',
  'composition-sum': 'The fractions of a composition do not sum to 100 %.',
  'composition-basis': 'A composition mixes or contradicts weight and volume fractions.',
  'duplicate-name': 'Two declarations of the same name.',
  'duplicate-property': 'The same property or block given twice.',
  'missing-property': 'A required property or block is missing.',
  'material-kind': 'A material of the wrong kind for its role (a collector that is not a current collector).',
  'variant-replace': 'A variant replaces a material its base cell does not use.',
  'self-reference': 'A value, material or cell that is defined in terms of itself.',
  'target-missed': 'A design figure (capacity, energy density, N/P, …) misses the target written for it.',
  'np-below-one': 'The anode holds less capacity than the cathode (N/P < 1): lithium plates on charge.',
  'analysis-warning':
    'A declared analysis predicts something to look at: no capacity, a non-physical voltage, a stopped run, or a result that extrapolates a value beyond the range it was measured or fitted over.',
  'analysis-plating-risk': 'A declared charge drives the anode below 0 V against Li/Li⁺: lithium may plate.',
  'np-first-charge-below-one':
    'On the formation charge the cathode gives more lithium than the anode takes (first-charge N/P < 1): lithium plates before the first-cycle loss forms.',
  'se-percolation':
    'A composite electrode holds too little solid electrolyte (< ~25 vol%) for its ionic network to percolate.',
  'porosity-unreachable': 'A porosity below what the pressing steps of the declared process reach.',
  'layer-thinner-than-particle': 'An electrolyte layer or separator thinner than the largest particle of the cell.',
  'design-inconsistent':
    'Written values that contradict each other (loading, thickness and porosity; cell and stack thickness).',
  'design-incomplete': 'A design figure cannot be computed from the values given.',
  'test-limit':
    "A test step outside the cell's limits (voltage window, maximum charge/discharge rate, temperature range).",
  'impossible-end':
    'A test step whose end condition is reached at once or never (a charge that ends below its starting voltage).',
  'missing-end': 'A test step without an end condition.',
  'loop-without-exit': 'A repeat whose count or end condition never lets it finish.',
  'unknown-procedure': 'A named test procedure that the procedure library does not define.',
  'unknown-procedure-parameter': 'A parameter a named test procedure does not take, or a value it cannot use.',
  'test-plan-incomplete': 'A test plan that cannot be expanded: its cell states no capacity or no voltage window.',
  'np-ratio-conflict':
    'An N/P ratio declared as a design input that a written anode loading or areal capacity contradicts (or that cannot be met).',
  'winding-incomplete': 'A wound cylindrical or prismatic cell whose can dimensions do not give an electrode length.',
  'model-readiness': 'What a model run of this cell will need or assume (info): missing model inputs, defaults taken.',
  suppression: 'A suppression comment without a reason or without the codes it silences.',
  'document-number-pattern':
    'A document number that does not match the project pattern (cellspec.json "documentNumber").',
  'document-approval': 'A released document without an approver or an effective date.',
  'document-history': "A document's current revision is missing from its change history.",
  'document-import-status': 'A released document imports a draft or obsolete document.',
  'document-number-duplicate': 'Two files declare the same document number.',
  'document-obsolete-import': 'A file imports an obsolete document.',
  'channel-capability':
    "A test step the cycler channel cannot do: a forced discharge below 0 V on a unipolar channel, or a voltage outside the declared channel's range.",
  'not-computed':
    'A figure or test plan not computed because of an error reported elsewhere (the root cause is reported once).',
  'unknown-drive-cycle': 'A drive cycle cellspec does not ship (it knows WLTC class 3b, UN GTR No. 15).',
  'pack-limit':
    'A pack duty that takes its cells beyond their limits (charge or discharge rate), or pack figures that cannot be computed.',
};
