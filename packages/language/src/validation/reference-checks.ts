/**
 * References that go in circles (`let a = b`, `let b = a`; a material that extends itself; a
 * variant of itself) and imports of files that do not exist.
 */
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { CellSpecServices } from '../cellspec-module.js';
import { findMaterialProperty } from '../evaluate.js';
import {
  isConstant,
  isMaterial,
  isProperty,
  isReference,
  isVariant,
  type CellLike,
  type CellSpecAstType,
  type Constant,
  type Expression,
  type Import,
  type Material,
  type Property,
} from '../generated/ast.js';
import { resolveImport } from '../scoping/imports.js';
import { importRefusal } from '../file-references.js';
import { Code } from './codes.js';

type Declaration = Constant | Property;

function declarationName(d: Declaration): string {
  if (isConstant(d)) return d.name;
  return isMaterial(d.$container) ? `${d.$container.name}.${d.name}` : d.name;
}

/** The declaration a reference reads its value from: a constant, or a material's property. */
function declarationOf(node: AstNode): Declaration | undefined {
  if (!isReference(node)) return undefined;
  const target = node.target.ref;
  if (isConstant(target)) return target;
  if (isMaterial(target) && node.property) {
    const expr = findMaterialProperty(target, node.property);
    return isProperty(expr?.$container) ? expr.$container : undefined;
  }
  return undefined;
}

const valueOf = (d: Declaration): Expression | undefined => d.value;

/** The path from `start` back to itself through references, or undefined when there is none. */
function cycleFrom(start: Declaration): Declaration[] | undefined {
  const visited = new Set<Declaration>();
  const walk = (d: Declaration, path: Declaration[]): Declaration[] | undefined => {
    const expr = valueOf(d);
    if (!expr) return undefined;
    const nodes = [expr, ...(isProperty(d) && d.upper ? [d.upper] : [])];
    for (const root of nodes) {
      for (const node of AstUtils.streamAst(root)) {
        const next = declarationOf(node);
        if (!next) continue;
        if (next === start) return [...path, start];
        if (visited.has(next)) continue;
        visited.add(next);
        const found = walk(next, [...path, next]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(start, [start]);
}

function reportCycle(node: Declaration, accept: ValidationAcceptor): void {
  const cycle = cycleFrom(node);
  if (!cycle) return;
  const text = cycle.map(declarationName).join(' → ');
  const message =
    cycle.length === 2
      ? `${declarationName(node)} refers to itself`
      : `${declarationName(node)} refers to itself: ${text}`;
  accept('error', message, { node, property: isConstant(node) ? 'value' : 'value', code: Code.SelfReference });
}

export function referenceChecks(services: CellSpecServices): ValidationChecks<CellSpecAstType> {
  const documents = services.shared.workspace.LangiumDocuments;
  return {
    Constant: reportCycle,
    Property: (node, accept) => {
      if (isMaterial(node.$container)) reportCycle(node, accept);
    },
    Material: (node, accept) => {
      const chain: Material[] = [node];
      for (let m = node.base?.ref; m; m = m.base?.ref) {
        if (m === node) {
          accept('error', `material ${node.name} extends itself: ${[...chain, node].map((x) => x.name).join(' → ')}`, {
            node,
            property: 'base',
            code: Code.SelfReference,
          });
          return;
        }
        if (chain.includes(m)) return;
        chain.push(m);
      }
    },
    Variant: (node, accept) => {
      const chain: CellLike[] = [node];
      for (let c: CellLike | undefined = node.base?.ref; c; c = isVariant(c) ? c.base?.ref : undefined) {
        if (c === node) {
          accept(
            'error',
            `variant ${node.name} is based on itself: ${[...chain, node].map((x) => x.name).join(' → ')}`,
            { node, property: 'base', code: Code.SelfReference },
          );
          return;
        }
        if (chain.includes(c)) return;
        chain.push(c);
      }
    },
    Import: (node: Import, accept) => {
      if (!node.path) return;
      const document = AstUtils.getDocument(node);
      if (importRefusal(services.shared, node.path, document.uri)) return; // reported by the file-reference checks
      if (!resolveImport(documents, document.uri, node)) {
        accept('error', `cannot find the file "${node.path}" (imports are relative to this file's folder)`, {
          node,
          property: 'path',
          code: Code.UnknownImport,
        });
      }
    },
  };
}
