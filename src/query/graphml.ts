/**
 * GraphML (http://graphml.graphdrawing.org/) for the networks: nodes and
 * edges with typed attributes, read by Gephi, Cytoscape, networkx and igraph.
 */

export type GraphValue = string | number | undefined;
export interface GraphElement {
  id?: string;
  source?: string;
  target?: string;
  [attr: string]: GraphValue;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The attribute keys of a list of elements, typed by their first defined value. */
function keysOf(items: GraphElement[], skip: string[]): Array<[string, 'string' | 'double']> {
  const keys = new Map<string, 'string' | 'double'>();
  for (const it of items) {
    for (const [k, v] of Object.entries(it)) if (v !== undefined && !skip.includes(k) && !keys.has(k)) keys.set(k, typeof v === 'number' ? 'double' : 'string');
  }
  return [...keys];
}

export function toGraphMLDocument(nodes: GraphElement[], edges: GraphElement[], directed: boolean): string {
  const nodeKeys = keysOf(nodes, ['id']);
  const edgeKeys = keysOf(edges, ['source', 'target']);
  const data = (prefix: string, keys: Array<[string, string]>, it: GraphElement) =>
    keys
      .filter(([k]) => it[k] !== undefined)
      .map(([k]) => `<data key="${prefix}_${k}">${xml(String(it[k]))}</data>`)
      .join('');
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...nodeKeys.map(([k, t]) => `  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>`),
    ...edgeKeys.map(([k, t]) => `  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>`),
    `  <graph id="newslens" edgedefault="${directed ? 'directed' : 'undirected'}">`,
    ...nodes.map((n) => `    <node id="${xml(n.id!)}">${data('n', nodeKeys, n)}</node>`),
    ...edges.map((e, i) => `    <edge id="e${i}" source="${xml(e.source!)}" target="${xml(e.target!)}">${data('e', edgeKeys, e)}</edge>`),
    '  </graph>',
    '</graphml>',
    '',
  ];
  return out.join('\n');
}
