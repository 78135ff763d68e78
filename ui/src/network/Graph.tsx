/**
 * The network drawn with sigma.js (WebGL) over a graphology graph, laid out by
 * ForceAtlas2 in a web worker. Loaded only by the network view.
 */
import Graph from 'graphology';
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import { EdgeLineProgram } from 'sigma/rendering';

export interface NetNode {
  id: string;
  label: string;
  type: string;
  weight: number;
  /** The corpus entity to open on click. */
  entity?: number;
}
export interface NetEdge {
  source: string;
  target: string;
  weight: number;
  label?: string;
}

const MAX_DRAWN_EDGES = 4000;
/**
 * Only the strongest links are drawn with a width (sigma's rectangle or arrow
 * program, which shades every pixel of a band); the rest are hairlines
 * (GL_LINES). Without a GPU the browser shades in software, and 4,000 bands
 * took a 130–220 ms frame; the weakest links' widths were near the minimum anyway.
 */
const MAX_WIDE_EDGES = 400;

const TYPE_COLOURS: Record<string, string> = { PER: '#1f5fa8', ORG: '#c2410c', GPE: '#15803d', LOC: '#0e7490', NORP: '#7e22ce', MISC: '#6b7280' };

export default function NetworkGraph({ nodes, edges, directed, onOpen }: { nodes: NetNode[]; edges: NetEdge[]; directed: boolean; onOpen: (n: NetNode) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<NetNode | null>(null);
  const [settled, setSettled] = useState(false);
  const open = useRef(onOpen);
  open.current = onOpen;

  /*
   * Put up in tasks of its own, each well under the 200 ms a task may block the page: without a
   * GPU, chromium draws WebGL in software, and the renderer's start (its WebGL contexts and
   * programs: ~100 ms here), the graph's first frame and the links table's rendering had made
   * one task of 140-300 ms (bench/ui.ts, 69k and 1M workspaces).
   */
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const type = directed ? 'directed' : 'undirected';
    // The strongest links only: past a few thousand, more lines add grey, not information, and each frame costs more.
    const drawn = [...edges].sort((a, b) => b.weight - a.weight).slice(0, MAX_DRAWN_EDGES);
    // While the layout moves the nodes, a large graph is drawn without its links (each frame then costs little); they appear when it settles.
    let moving = drawn.length > 1500;
    let laidOut = false;
    // Links appear one kind a frame: the bands, then the hairlines. The software renderer compiles
    // a program when it first draws with it, so the first draws of the node, band and hairline
    // programs are spread over three frames rather than paid in one.
    let shown = 0;
    let renderer: Sigma | undefined;
    let worker: Worker | undefined;
    let frame = 0;
    let timer = 0;
    const nextFrame = (f: () => void) => (frame = requestAnimationFrame(() => (frame = requestAnimationFrame(f))));
    const reveal = () => {
      if (!moving && shown < 2) {
        shown++;
        renderer?.refresh();
        if (shown < 2) nextFrame(reveal);
      }
      if (laidOut && shown === 2) setSettled(true);
    };
    setSettled(false);

    // First task: the renderer, on an empty graph.
    timer = window.setTimeout(() => {
      const r = (renderer = new Sigma(new Graph({ type }), el, {
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 7,
        defaultEdgeType: directed ? 'arrow' : 'line',
        edgeProgramClasses: { hair: EdgeLineProgram },
        allowInvalidContainer: true,
        edgeReducer: (_e, attrs) => (moving || shown < (attrs.type === 'hair' ? 2 : 1) ? { ...attrs, hidden: true } : attrs),
      }));
      r.on('enterNode', ({ node }) => setHover(byId.get(node) ?? null));
      r.on('leaveNode', () => setHover(null));
      r.on('clickNode', ({ node }) => {
        const n = byId.get(node);
        if (n) open.current(n);
      });
      // Second task: the graph, its first frame (nodes only), and the layout.
      timer = window.setTimeout(() => {
        const g = new Graph({ type, multi: true });
        const max = Math.max(1, ...nodes.map((n) => n.weight));
        nodes.forEach((n, i) => {
          // A circle to start from: ForceAtlas2 needs distinct positions.
          const a = (2 * Math.PI * i) / nodes.length;
          g.addNode(n.id, { label: n.label, x: Math.cos(a) * 100, y: Math.sin(a) * 100, size: 3 + 12 * Math.sqrt(n.weight / max), color: TYPE_COLOURS[n.type] ?? '#6b7280' });
        });
        const maxW = Math.max(1, ...drawn.map((e) => e.weight));
        // Opaque greys: sigma's WebGL layers blend translucent colours towards white, so links drawn at 35% grey vanished on the page.
        drawn.forEach((e, rank) => {
          if (!g.hasNode(e.source) || !g.hasNode(e.target)) return;
          const wide = rank < MAX_WIDE_EDGES;
          g.addEdge(e.source, e.target, { size: 0.5 + 3 * (e.weight / maxW), color: wide ? '#a3abb7' : '#d3d8df', label: e.label, type: wide ? (directed ? 'arrow' : 'line') : 'hair' });
        });
        r.setGraph(g);
        nextFrame(reveal);
        const w = (worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }));
        w.onmessage = (m: MessageEvent<{ positions: Record<string, [number, number]>; done: boolean }>) => {
          for (const [id, [x, y]] of Object.entries(m.data.positions)) if (g.hasNode(id)) g.mergeNodeAttributes(id, { x, y });
          if (!m.data.done) return;
          laidOut = true;
          const wasMoving = moving;
          moving = false;
          // A large graph's links start appearing now; a small one's are shown or on their way (the last step settles it).
          if (wasMoving) reveal();
          else {
            r.refresh();
            if (shown === 2) setSettled(true);
          }
        };
        w.postMessage({
          nodes: nodes.map((n) => ({ id: n.id, x: g.getNodeAttribute(n.id, 'x'), y: g.getNodeAttribute(n.id, 'y'), size: g.getNodeAttribute(n.id, 'size') })),
          edges: drawn.map((e) => ({ source: e.source, target: e.target, weight: e.weight })),
          iterations: nodes.length > 1000 ? 300 : 500,
        });
      }, 0);
    }, 0);
    return () => {
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      worker?.terminate();
      renderer?.kill();
    };
  }, [nodes, edges, directed]);

  return (
    <div className="graph-wrap">
      <div ref={box} className="graph" role="img" aria-label={`Network of ${nodes.length} entities and ${edges.length} links; the table below lists them`} data-settled={settled ? 'yes' : 'no'} />
      <div className="graph-legend" aria-hidden="true">
        {Object.entries(TYPE_COLOURS).map(([t, c]) => (
          <span key={t}>
            <span className="swatch" style={{ background: c }} /> {t}
          </span>
        ))}
        {edges.length > MAX_DRAWN_EDGES && <span className="muted">the {MAX_DRAWN_EDGES.toLocaleString()} strongest of {edges.length.toLocaleString()} links drawn</span>}
        {!settled && <span className="muted"> laying out…</span>}
      </div>
      {hover && (
        <div className="graph-hover" role="status">
          <strong>{hover.label}</strong> {hover.type} · {hover.weight} · click to open
        </div>
      )}
    </div>
  );
}
