/** Network: entity co-occurrence or actor–actor relations for the query, interactive (pan, zoom, hover, click to open), with GraphML download. */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import { api, apiUrl, unwrap } from '../api/client';
import { UrlSelect } from '../components/Field';
import { downloadFromApi } from '../components/download';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { Table } from '../components/Table';
import type { NetEdge, NetNode } from '../network/Graph';
import { useViewQuery } from '../url';

const loadGraph = () => import('../network/Graph');
const NetworkGraph = lazy(loadGraph);

/** Node ids are entity keys "TYPE|Name" or "#id"; the entity page takes "Name (TYPE)". */
const entityLink = (n: { id: string; label: string; type: string }) => `/entities/${encodeURIComponent(`${n.label} (${n.type})`)}`;

/** The graph to draw: each node weighted by the sum of its links' weights. */
function toGraph(nodes: Array<{ id: string; label: string; type: string }>, edges: NetEdge[], directed: boolean) {
  const deg = new Map<string, number>();
  for (const e of edges) for (const x of [e.source, e.target]) deg.set(x, (deg.get(x) ?? 0) + e.weight);
  return { nodes: nodes.map((n): NetNode => ({ id: n.id, label: n.label, type: n.type, weight: deg.get(n.id) ?? 1 })), edges, directed };
}

export default function NetworkView() {
  const { url, full } = useViewQuery();
  const [, navigate] = useLocation();
  // The drawing code (sigma, graphology) loads while the network is being built, not after.
  useEffect(() => void loadGraph(), []);
  const kind = url.get('kind') === 'relations' ? 'relations' : 'cooccurrence';
  const level = url.get('level') === 'article' ? 'article' : 'sentence';
  const maxNodes = Math.min(2000, Math.max(10, url.getInt('nodes', 100)));
  const co = useQuery({
    queryKey: ['network', full, level, maxNodes],
    enabled: kind === 'cooccurrence',
    queryFn: ({ signal }) => unwrap(api.GET('/api/network', { params: { query: { q: full, level, maxNodes } }, signal })),
  });
  const rel = useQuery({
    queryKey: ['relations', full, maxNodes],
    enabled: kind === 'relations',
    queryFn: ({ signal }) => unwrap(api.GET('/api/relations', { params: { query: { q: full, maxNodes } }, signal })),
  });
  const res = kind === 'relations' ? rel : co;
  const graph = useMemo(() => {
    if (kind === 'relations' && rel.data) return toGraph(rel.data.nodes, rel.data.edges.map((e) => ({ source: e.source, target: e.target, weight: e.count, label: e.label })), true);
    if (kind === 'cooccurrence' && co.data) return toGraph(co.data.nodes, co.data.edges, false);
    return undefined;
  }, [kind, co.data, rel.data]);
  const graphml = kind === 'relations' ? apiUrl('/api/relations/graphml', { q: full, maxNodes }) : apiUrl('/api/network/graphml', { q: full, level, maxNodes });
  const labels = new Map(graph?.nodes.map((n) => [n.id, n]) ?? []);
  return (
    <>
      <h1 tabIndex={-1}>Network</h1>
      <QueryBar error={res.error} sent={full} status={graph ? `${graph.nodes.length.toLocaleString()} entities · ${graph.edges.length.toLocaleString()} links` : res.isFetching ? 'building…' : null} />
      <div className="toolbar">
        <UrlSelect
          param="kind"
          label="links"
          options={[
            ['cooccurrence', 'named together'],
            ['relations', 'who acts on / speaks about whom'],
          ]}
        />
        {kind === 'cooccurrence' && (
          <UrlSelect
            param="level"
            label="together in"
            options={[
              ['sentence', 'a sentence'],
              ['article', 'an article'],
            ]}
          />
        )}
        <UrlSelect param="nodes" label="entities" options={[['100', '100'], ['50', '50'], ['250', '250'], ['500', '500'], ['1000', '1,000'], ['2000', '2,000']]} />
        <span className="spacer" />
        <button type="button" className="small" onClick={() => void downloadFromApi(graphml, 'network.graphml')}>
          GraphML
        </button>
      </div>
      <section className="panel">
        {!graph && res.isFetching && <Loading what="the network" />}
        {graph && graph.nodes.length === 0 && <p className="muted empty">No links for this query.</p>}
        {graph && graph.nodes.length > 0 && (
          <Suspense fallback={<Loading what="the graph view" />}>
            <NetworkGraph nodes={graph.nodes} edges={graph.edges} directed={graph.directed} onOpen={(n) => navigate(entityLink(n))} />
          </Suspense>
        )}
      </section>
      {graph && graph.edges.length > 0 && (
        <section className="panel">
          <h2>Links</h2>
          <Table
            name="network-links"
            rows={graph.edges}
            pageSize={100}
            caption={`strongest first; the downloads hold all ${graph.edges.length.toLocaleString()}`}
            columns={[
              { key: 'source', label: 'from', value: (r) => labels.get(r.source)?.label ?? r.source, render: (r) => <Link href={entityLink(labels.get(r.source) ?? { id: r.source, label: r.source, type: '' })}>{labels.get(r.source)?.label ?? r.source}</Link> },
              ...(graph.directed ? [{ key: 'label', label: 'relation' }] : []),
              { key: 'target', label: 'to', value: (r) => labels.get(r.target)?.label ?? r.target, render: (r) => <Link href={entityLink(labels.get(r.target) ?? { id: r.target, label: r.target, type: '' })}>{labels.get(r.target)?.label ?? r.target}</Link> },
              { key: 'weight', label: graph.directed ? 'count' : 'together', numeric: true },
            ]}
          />
        </section>
      )}
    </>
  );
}
