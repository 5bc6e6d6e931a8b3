/**
 * Duplicates: two declarations of one name (within a file, or between a file and the files it
 * imports — built-in names may be shadowed on purpose), and the same property or block twice in
 * one block.
 */
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import {
  isCell,
  isConstant,
  isElectrode,
  isFlag,
  isLayerFilm,
  isLibraryHeader,
  isMaterial,
  isProcess,
  isProperty,
  isReplace,
  isSeparatorLayer,
  isSweep,
  isTestPlan,
  isTextField,
  isVariant,
  type CellSpecAstType,
  type Element,
  type Parameter,
  type Spec,
  type Target,
} from '../generated/ast.js';
import { importedUris, relativeImportPath } from '../scoping/imports.js';
import { Code } from './codes.js';
import { blockName } from './context.js';

/** Declarations that share a namespace: what one kind of reference can see. */
function namespaceOf(type: string): string | undefined {
  switch (type) {
    case 'Material':
    case 'Constant':
      return 'value';
    case 'Cell':
    case 'Variant':
      return 'cell';
    case 'Process':
      return 'process';
    case 'TestPlan':
      return 'test-plan';
    case 'LibraryHeader':
      return 'library';
    default:
      return undefined;
  }
}

function describe(node: AstNode): string {
  if (isMaterial(node)) return `material ${node.name}`;
  if (isConstant(node)) return `constant ${node.name}`;
  if (isCell(node)) return `cell ${node.name}`;
  if (isVariant(node)) return `variant ${node.name}`;
  if (isProcess(node)) return `process ${node.name}`;
  if (isTestPlan(node)) return `test plan ${node.name}`;
  if (isLibraryHeader(node)) return `library ${node.name}`;
  return 'this';
}

const lineOf = (node: AstNode): number => (node.$cstNode?.range.start.line ?? 0) + 1;

export function nameChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const documents = services.shared.workspace.LangiumDocuments;
  const index = services.shared.workspace.IndexManager;
  const checkSpec = (spec: Spec, accept: ValidationAcceptor): void => {
    const document = AstUtils.getDocument(spec);
    const seen = new Map<string, Element>();
    for (const element of spec.elements) {
      const ns = namespaceOf(element.$type);
      const name = (element as { name?: string }).name;
      if (!ns || !name) continue;
      const key = `${ns}\u0000${name}`;
      const first = seen.get(key);
      if (first) {
        accept(
          'error',
          `${name} is declared twice in this file: ${describe(first)} on line ${lineOf(first)} and ${describe(element)} here`,
          { node: element, property: 'name', code: Code.DuplicateName },
        );
      } else {
        seen.set(key, element);
      }
    }
    const imported = importedUris(documents, document);
    if (imported.size === 0) return;
    for (const description of index.allElements(undefined, imported)) {
      const ns = namespaceOf(description.type);
      const own = ns && seen.get(`${ns}\u0000${description.name}`);
      if (!own) continue;
      const path = relativeImportPath(document.uri, description.documentUri);
      accept('error', `${description.name} is also declared in ${path}, which this file imports; rename one of them`, {
        node: own,
        property: 'name',
        code: Code.DuplicateName,
      });
    }
  };
  return {
    Spec: checkSpec,
    TestPlan: (node, accept) => duplicatesByName(node.tests, 'test', `test plan ${node.name}`, accept),
    Analyses: (node, accept) =>
      duplicatesByName(
        node.analyses.filter((a) => a.name),
        'analysis',
        'the analyses',
        accept,
      ),
    Material: (node, accept) => duplicateMembers(node.members, node, accept),
    Electrode: (node, accept) => duplicateMembers(node.members, node, accept),
    SeparatorLayer: (node, accept) => duplicateMembers(node.members, node, accept),
    Cell: (node, accept) => duplicateMembers(node.members, node, accept),
    Variant: (node, accept) => duplicateMembers(node.members, node, accept),
    Format: (node, accept) => duplicateMembers(node.members, node, accept),
    Limits: (node, accept) => duplicateMembers(node.members, node, accept),
    Thermal: (node, accept) => duplicateMembers(node.members, node, accept),
    Test: (node, accept) => duplicateMembers(node.members, node, accept),
    Process: (node, accept) => duplicateMembers(node.members, node, accept),
    DocumentControl: (node, accept) => duplicateMembers(node.members, node, accept),
    Targets: (node, accept) => duplicateTargets(node.targets, accept),
    ProcessStep: (node, accept) => duplicateParameters(node.parameters, `step ${node.type}`, accept),
    Environment: (node, accept) => duplicateParameters(node.parameters, 'the environment', accept),
    ProcedureStep: (node, accept) => duplicateParameters(node.parameters, `procedure ${node.name}`, accept),
  };
}

function duplicatesByName(
  nodes: ReadonlyArray<AstNode & { name?: string }>,
  what: string,
  where: string,
  accept: ValidationAcceptor,
): void {
  const seen = new Set<string>();
  for (const node of nodes) {
    if (!node.name) continue;
    if (seen.has(node.name))
      accept('error', `${what} ${node.name} is declared twice in ${where}`, {
        node,
        property: 'name',
        code: Code.DuplicateName,
      });
    seen.add(node.name);
  }
}

/** The key under which a block member may appear once, and how to name it; undefined when it may repeat. */
function memberKey(node: AstNode): { key: string; label: string } | undefined {
  if (isProperty(node)) return { key: `p:${node.name}`, label: node.name };
  if (isTextField(node)) return { key: `t:${node.key}`, label: node.key };
  if (isElectrode(node)) return { key: `e:${node.role}`, label: `a ${node.role}` };
  if (isSeparatorLayer(node)) return { key: 'layer', label: 'an electrolyte layer or separator' };
  if (isFlag(node)) {
    const side = node.flag === 'double-sided' || node.flag === 'single-sided';
    return { key: side ? 'flag:sides' : `flag:${node.flag}`, label: side ? 'single-sided or double-sided' : node.flag };
  }
  if (isLayerFilm(node)) return { key: `film:${node.role}`, label: node.role };
  if (isSweep(node)) return { key: `sweep:${node.key}`, label: `the ${node.key} sweep` };
  if (isReplace(node))
    return node.old?.$refText
      ? { key: `replace:${node.old.$refText}`, label: `the replacement of ${node.old.$refText}` }
      : undefined;
  const singletons: Record<string, string> = {
    Composition: 'composition',
    Collector: 'collector',
    AreaOverride: 'area',
    ElectrodeArea: 'electrode-area',
    Format: 'format',
    Limits: 'limits',
    Thermal: 'thermal',
    Targets: 'targets',
    Analyses: 'analyses',
    Outline: 'outline',
    Status: 'status',
    History: 'history',
    Ocp: 'ocp',
  };
  const label = singletons[node.$type];
  return label ? { key: node.$type, label } : undefined;
}

function duplicateMembers(members: readonly AstNode[], owner: AstNode, accept: ValidationAcceptor): void {
  const seen = new Set<string>();
  for (const member of members) {
    const k = memberKey(member);
    if (!k) continue;
    if (seen.has(k.key)) {
      accept('error', `${k.label} is given twice in ${blockName(owner)}; keep one`, {
        node: member,
        code: Code.DuplicateProperty,
      });
    }
    seen.add(k.key);
  }
}

function duplicateTargets(targets: readonly Target[], accept: ValidationAcceptor): void {
  const seen = new Set<string>();
  for (const t of targets) {
    const key = `${t.metric}(${t.basis ?? ''})`;
    if (seen.has(key))
      accept('error', `the ${t.metric}${t.basis ? ` (${t.basis})` : ''} target is given twice; keep one`, {
        node: t,
        property: 'metric',
        code: Code.DuplicateProperty,
      });
    seen.add(key);
  }
}

function duplicateParameters(parameters: readonly Parameter[], where: string, accept: ValidationAcceptor): void {
  const seen = new Set<string>();
  for (const p of parameters) {
    if (seen.has(p.name))
      accept('error', `${p.name} is given twice in ${where}; keep one`, {
        node: p,
        property: 'name',
        code: Code.DuplicateProperty,
      });
    seen.add(p.name);
  }
}
