#!/usr/bin/env node
/**
 * Summarises a V8 heap snapshot: self size by constructor, retained size by constructor (from
 * the dominator tree, weak edges ignored) and the largest single retainers with the path that
 * holds them. Used to find what the language server keeps per document.
 *
 *   node --max-old-space-size=4000 scripts/heap-summary.mjs server.heapsnapshot [top=40]
 *
 * Take the snapshot with `node --heapsnapshot-signal=SIGUSR2 <server>` (then `kill -USR2 <pid>`)
 * or `v8.writeHeapSnapshot()`. A 100 MB heap makes a ~250 MB snapshot; this needs ~5× that.
 */
import { readFileSync } from 'node:fs';
const snap = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const m = snap.snapshot.meta;
const NF = m.node_fields.length,
  EF = m.edge_fields.length;
const nTypes = m.node_types[0],
  eTypes = m.edge_types[0];
const nodes = snap.nodes,
  edges = snap.edges,
  strings = snap.strings;
const N = nodes.length / NF;
const iType = m.node_fields.indexOf('type'),
  iName = m.node_fields.indexOf('name'),
  iSize = m.node_fields.indexOf('self_size'),
  iEC = m.node_fields.indexOf('edge_count');
const eType = m.edge_fields.indexOf('type'),
  eName = m.edge_fields.indexOf('name_or_index'),
  eTo = m.edge_fields.indexOf('to_node');
const firstEdge = new Uint32Array(N + 1);
for (let i = 0, e = 0; i < N; i++) {
  firstEdge[i] = e;
  e += nodes[i * NF + iEC] * EF;
  firstEdge[i + 1] = e;
}
const type = (i) => nTypes[nodes[i * NF + iType]];
const name = (i) => strings[nodes[i * NF + iName]];
const size = (i) => nodes[i * NF + iSize];
const label = (i) => {
  const t = type(i);
  return t === 'object'
    ? name(i)
    : t === 'string' || t === 'concatenated string' || t === 'sliced string'
      ? '(string)'
      : `(${t}) ${t === 'closure' || t === 'code' ? '' : name(i).slice(0, 40)}`;
};
let total = 0;
const self = new Map();
for (let i = 0; i < N; i++) {
  total += size(i);
  const l = label(i);
  const s = self.get(l) ?? [0, 0];
  s[0] += size(i);
  s[1]++;
  self.set(l, s);
}
console.log(`total ${(total / 1048576).toFixed(1)} MB, ${N} nodes`);
console.log('--- self size by constructor');
for (const [l, [s, c]] of [...self].sort((a, b) => b[1][0] - a[1][0]).slice(0, 40))
  console.log(`${(s / 1048576).toFixed(2).padStart(8)} MB ${String(c).padStart(9)}  ${l}`);
// dominators (Cooper-Harvey-Kennedy), ignoring weak edges
const strong = (e) => eTypes[edges[e + eType]] !== 'weak';
const post = new Int32Array(N).fill(-1);
const order = [];
const stack = [0];
const it = new Uint32Array(N);
const seen = new Uint8Array(N);
seen[0] = 1;
it[0] = firstEdge[0];
while (stack.length) {
  const v = stack[stack.length - 1];
  if (it[v] < firstEdge[v + 1]) {
    const e = it[v];
    it[v] += EF;
    if (!strong(e)) continue;
    const w = edges[e + eTo] / NF;
    if (!seen[w]) {
      seen[w] = 1;
      it[w] = firstEdge[w];
      stack.push(w);
    }
  } else {
    stack.pop();
    post[v] = order.length;
    order.push(v);
  }
}
// reverse edges, built compactly
const predStart = new Uint32Array(N + 1);
for (let v = 0; v < N; v++)
  if (seen[v])
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) if (strong(e)) predStart[edges[e + eTo] / NF + 1]++;
for (let i = 0; i < N; i++) predStart[i + 1] += predStart[i];
const predArr = new Uint32Array(predStart[N]);
const fill = predStart.slice();
for (let v = 0; v < N; v++)
  if (seen[v])
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF)
      if (strong(e)) {
        const w = edges[e + eTo] / NF;
        predArr[fill[w]++] = v;
      }
const idom = new Int32Array(N).fill(-1);
idom[0] = 0;
const intersect = (a, b) => {
  while (a !== b) {
    while (post[a] < post[b]) a = idom[a];
    while (post[b] < post[a]) b = idom[b];
  }
  return a;
};
let changed = true;
while (changed) {
  changed = false;
  for (let k = order.length - 2; k >= 0; k--) {
    const v = order[k];
    let nd = -1;
    for (let p = predStart[v]; p < predStart[v + 1]; p++) {
      const u = predArr[p];
      if (idom[u] === -1) continue;
      nd = nd === -1 ? u : intersect(u, nd);
    }
    if (nd !== -1 && idom[v] !== nd) {
      idom[v] = nd;
      changed = true;
    }
  }
}
const retained = new Float64Array(N);
for (let i = 0; i < N; i++) retained[i] = seen[i] ? size(i) : 0;
for (const v of order) if (v !== 0 && idom[v] >= 0) retained[idom[v]] += retained[v];
console.log(`reachable retained ${(retained[0] / 1048576).toFixed(1)} MB`);
// retained by constructor, counting only "top" nodes (idom has a different label)
const ret = new Map();
for (const v of order) {
  if (v === 0) continue;
  const l = label(v);
  if (label(idom[v]) === l) continue;
  const s = ret.get(l) ?? [0, 0];
  s[0] += retained[v];
  s[1]++;
  ret.set(l, s);
}
console.log('--- retained by constructor (outermost of each kind)');
for (const [l, [s, c]] of [...ret].sort((a, b) => b[1][0] - a[1][0]).slice(0, 40))
  console.log(`${(s / 1048576).toFixed(2).padStart(8)} MB ${String(c).padStart(9)}  ${l}`);
// top individual retainers with an edge path
const edgeTo = (u, v) => {
  for (let e = firstEdge[u]; e < firstEdge[u + 1]; e += EF)
    if (edges[e + eTo] / NF === v) {
      const t = eTypes[edges[e + eType]];
      const n = edges[e + eName];
      return t === 'element' || t === 'hidden' ? `[${n}]` : `.${strings[n]}`;
    }
  return '?';
};
const pathOf = (v) => {
  const p = [];
  let x = v;
  for (let k = 0; k < 12 && x !== 0; k++) {
    const d = idom[x];
    p.unshift(`${label(d).slice(0, 30)}${edgeTo(d, x)}`);
    x = d;
  }
  return p.join(' → ');
};
const big = [...order]
  .filter((v) => v !== 0)
  .sort((a, b) => retained[b] - retained[a])
  .slice(0, Number(process.argv[3] ?? 40));
console.log('--- largest retainers');
for (const v of big) console.log(`${(retained[v] / 1048576).toFixed(2).padStart(8)} MB  ${label(v)}  ⟸ ${pathOf(v)}`);
