/**
 * ForceAtlas2 off the main thread: the graph comes in once, positions go back
 * after every few iterations so the picture settles as the user watches, and
 * the main thread never runs a layout step (no long task, whatever the size).
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

interface Start {
  nodes: Array<{ id: string; x: number; y: number; size: number }>;
  edges: Array<{ source: string; target: string; weight: number }>;
  iterations: number;
}

self.onmessage = (e: MessageEvent<Start>) => {
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const n of e.data.nodes) g.addNode(n.id, { x: n.x, y: n.y, size: n.size });
  for (const ed of e.data.edges) if (ed.source !== ed.target && !g.hasEdge(ed.source, ed.target)) g.addEdge(ed.source, ed.target, { weight: ed.weight });
  const settings = { ...forceAtlas2.inferSettings(g), barnesHutOptimize: g.order > 300, adjustSizes: false, edgeWeightInfluence: 0.5 };
  const step = 25;
  for (let done = 0; done < e.data.iterations; done += step) {
    forceAtlas2.assign(g, { iterations: step, settings, getEdgeWeight: 'weight' });
    const pos: Record<string, [number, number]> = {};
    g.forEachNode((id, a) => {
      pos[id] = [a.x as number, a.y as number];
    });
    (self as unknown as Worker).postMessage({ positions: pos, done: done + step >= e.data.iterations });
  }
};
