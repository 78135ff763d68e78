/**
 * One article: its clean text with each section shown as what it is (caption,
 * editor's note, each interview speaker with name and role, byline; boilerplate
 * folded away), entity mentions, quotes and figures marked in place, and beside
 * it the quotes with their speakers, the events, figures, frames and tone.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { CAMEO_ROOTS, codeLabel } from '../cameo';
import { ErrorBox, Loading } from '../components/Status';

type Article = NonNullable<Awaited<ReturnType<typeof fetchArticle>>>;
type Entities = Record<string, { id: number; name: string; type: string }>;
interface Span {
  start: number;
  end: number;
}
interface Quote extends Span {
  kind: string;
  speaker?: string;
  speakerIds?: string[];
  confidence?: number;
  cue?: string;
}
interface Figure extends Span {
  kind: string;
  value?: unknown;
  unit?: string;
  item?: string;
}
interface Mention extends Span {
  type: string;
  entityId?: string;
}

const fetchArticle = (id: string, signal: AbortSignal) => unwrap(api.GET('/api/articles/{id}', { params: { path: { id } }, signal }));

const SECTION_LABELS: Record<string, string> = {
  caption: 'Photo caption',
  'editors-note': "Editor's note",
  byline: 'Byline',
  'author-note': 'About the author',
  contact: 'Contact',
  quote: 'Quotation',
  heading: '',
  list: '',
  body: '',
};

/** http(s) links only: a stored `javascript:` URL stays text. */
const safeHref = (u: string | undefined) => (u && /^https?:\/\//i.test(u) ? u : undefined);

export default function ArticleView({ id }: { id: string }) {
  const res = useQuery({ queryKey: ['article', id], queryFn: ({ signal }) => fetchArticle(id, signal) });
  const [layers, setLayers] = useState({ entities: true, quotes: true, figures: true });
  const a = res.data;
  useEffect(() => {
    document.title = a ? `${a.title} · newslens` : 'newslens';
  }, [a]);
  // A link to a place in the article (#q-START, from a quote list) scrolls there once the text is drawn.
  useEffect(() => {
    if (!a || !location.hash) return;
    const el = document.getElementById(location.hash.slice(1));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.classList.add('flash');
    }
  }, [a]);
  if (res.error) return <ErrorBox error={res.error} />;
  if (!a) return <Loading what="the article" />;
  const entities = (a as { entities?: Entities }).entities ?? {};
  const quotes = a.quotes as unknown as Quote[];
  const tone = (a as { tone?: { tone: number; positive: number; negative: number; words: number } }).tone;
  return (
    <article className="article-view">
      <header>
        <h1 tabIndex={-1}>{a.title || '(untitled)'}</h1>
        <p className="article-meta">
          <span>{a.outlet ?? 'no outlet'}</span>
          <span>{a.published ?? 'undated'}</span>
          {a.authors.length > 0 && <span>by {a.authors.map((x) => x.name).join(', ')}</span>}
          {a.language && <span>language {a.language}</span>}
          {tone && (
            <span title={`positive ${tone.positive}%, negative ${tone.negative}% of ${tone.words} words`}>
              tone <strong>{tone.tone > 0 ? '+' : ''}{tone.tone}</strong>
            </span>
          )}
          {safeHref(a.url) ? (
            <a href={safeHref(a.url)} rel="noreferrer noopener" target="_blank">
              source
            </a>
          ) : a.url ? (
            <span className="muted">{a.url}</span>
          ) : null}
        </p>
        {a.warnings.length > 0 && (
          <ul className="warnings">
            {a.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        <fieldset className="layers">
          <legend>Mark</legend>
          {(['entities', 'quotes', 'figures'] as const).map((k) => (
            <label key={k} className={`layer-${k}`}>
              <input type="checkbox" checked={layers[k]} onChange={(e) => setLayers({ ...layers, [k]: e.target.checked })} /> {k}
            </label>
          ))}
        </fieldset>
      </header>
      <div className="article-layout">
        <div className="article-text">
          <Body article={a} entities={entities} layers={layers} />
        </div>
        <aside className="article-side">
          <QuoteList quotes={quotes} text={a.text} />
          <EventList events={a.events as unknown as ArticleEvent[]} entities={entities} />
          <FigureList figures={a.figures as unknown as Figure[]} text={a.text} />
          {a.frames.length > 0 && (
            <section>
              <h2>Frames</h2>
              <ul className="plain">
                {a.frames.map((f) => (
                  <li key={f.frame}>
                    {f.frame} <span className="muted">× {f.count}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <EntityList mentions={a.mentions as unknown as Mention[]} entities={entities} />
        </aside>
      </div>
    </article>
  );
}

interface Layers {
  entities: boolean;
  quotes: boolean;
  figures: boolean;
}

/** The sections in text order; the stretches between them are body text. */
function Body({ article: a, entities, layers }: { article: Article; entities: Entities; layers: Layers }) {
  const blocks = useMemo(() => {
    const out: Array<{ kind: string; start: number; end: number; name?: string; role?: string }> = [];
    let at = 0;
    for (const s of [...(a.sections as Array<{ kind: string; start: number; end: number; name?: string; role?: string }>)].sort((x, y) => x.start - y.start)) {
      if (s.start > at && a.text.slice(at, s.start).trim()) out.push({ kind: 'body', start: at, end: s.start });
      out.push(s);
      at = Math.max(at, s.end);
    }
    if (at < a.text.length && a.text.slice(at).trim()) out.push({ kind: 'body', start: at, end: a.text.length });
    return out;
  }, [a]);
  const marks = { mentions: layers.entities ? (a.mentions as unknown as Mention[]) : [], quotes: layers.quotes ? (a.quotes as unknown as Quote[]) : [], figures: layers.figures ? (a.figures as unknown as Figure[]) : [] };
  return (
    <>
      {blocks.map((b, i) => {
        const paras = <Paragraphs text={a.text} start={b.start} end={b.end} marks={marks} entities={entities} />;
        if (b.kind === 'boilerplate')
          return (
            <details key={i} className="section boilerplate">
              <summary>Site furniture (left out of every count)</summary>
              {paras}
            </details>
          );
        if (b.kind === 'speaker-label')
          return (
            <h2 key={i} className="section speaker-label">
              <span className="speaker-name">{b.name ?? a.text.slice(b.start, b.end)}</span>
              {b.role && <span className="speaker-role">{b.role}</span>}
            </h2>
          );
        if (b.kind === 'speaker')
          return (
            <section key={i} className="section speaker" aria-label={`${b.name ?? 'Speaker'} speaking`}>
              {paras}
            </section>
          );
        const label = SECTION_LABELS[b.kind] ?? b.kind;
        return (
          <section key={i} className={`section ${b.kind}`} aria-label={label || undefined}>
            {label && <div className="section-label">{label}</div>}
            {paras}
          </section>
        );
      })}
    </>
  );
}

interface Marks {
  mentions: Mention[];
  quotes: Quote[];
  figures: Figure[];
}

/** A stretch of text split at blank lines, each paragraph with its marks. */
function Paragraphs({ text, start, end, marks, entities }: { text: string; start: number; end: number; marks: Marks; entities: Entities }) {
  const paras: Array<[number, number]> = [];
  const re = /\n\s*\n/g;
  const chunk = text.slice(start, end);
  let at = 0;
  for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
    paras.push([start + at, start + m.index]);
    at = m.index + m[0].length;
  }
  paras.push([start + at, end]);
  return (
    <>
      {paras
        .filter(([s, e]) => text.slice(s, e).trim())
        .map(([s, e]) => (
          <p key={s}>
            <Marked text={text} start={s} end={e} marks={marks} entities={entities} />
          </p>
        ))}
    </>
  );
}

const speakerOf = (q: Quote) => q.speaker ?? 'speaker not found';

/** Text between start and end, cut where any mark begins or ends; each piece wrapped in the marks over it. */
function Marked({ text, start, end, marks, entities }: { text: string; start: number; end: number; marks: Marks; entities: Entities }) {
  const inRange = <T extends Span>(xs: T[]) => xs.filter((x) => x.end > start && x.start < end);
  const ms = inRange(marks.mentions);
  const qs = inRange(marks.quotes);
  const fs = inRange(marks.figures);
  const cuts = new Set([start, end]);
  for (const x of [...ms, ...qs, ...fs]) {
    if (x.start > start) cuts.add(x.start);
    if (x.end < end) cuts.add(x.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out: React.ReactNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    let node: React.ReactNode = text.slice(s, e);
    const f = fs.find((x) => x.start <= s && x.end >= e);
    if (f) node = <span className={`fig fig-${f.kind}`} title={`${f.kind}: ${figureValue(f)}`}>{node}</span>;
    const m = ms.find((x) => x.start <= s && x.end >= e);
    if (m) {
      const ent = m.entityId ? entities[m.entityId] : undefined;
      node = ent ? (
        <Link href={`/entities/${ent.id}`} className={`ent ent-${ent.type}`} title={`${ent.name} (${ent.type})`}>
          {node}
        </Link>
      ) : (
        <span className={`ent ent-${m.type}`}>{node}</span>
      );
    }
    const q = qs.find((x) => x.start <= s && x.end >= e);
    if (q) {
      node = (
        <span className={`quote quote-${q.kind}`} id={q.start === s ? `q-${q.start}` : undefined} title={`${q.kind} quote · ${speakerOf(q)}${q.cue ? ` (${q.cue})` : ''}`}>
          {node}
        </span>
      );
    }
    out.push(<span key={s}>{node}</span>);
  }
  return <>{out}</>;
}

function figureValue(f: Figure): string {
  const v = typeof f.value === 'object' ? JSON.stringify(f.value) : String(f.value ?? '');
  return [v, f.unit, f.item].filter(Boolean).join(' ');
}

function QuoteList({ quotes, text }: { quotes: Quote[]; text: string }) {
  return (
    <section>
      <h2>Quotes ({quotes.length})</h2>
      {quotes.length === 0 ? (
        <p className="muted">No quotes found.</p>
      ) : (
        <ol className="side-list">
          {quotes.map((q) => (
            <li key={q.start}>
              <div>
                <strong>{speakerOf(q)}</strong> <span className="muted">· {q.kind}{q.cue ? ` · ${q.cue}` : ''}</span>
              </div>
              <a href={`#q-${q.start}`} onClick={(e) => jumpTo(e, `q-${q.start}`)} className="quote-link">
                “{clip(text.slice(q.start, q.end), 160)}”
              </a>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function jumpTo(e: React.MouseEvent, id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  e.preventDefault();
  history.replaceState(history.state, '', `#${id}`);
  el.scrollIntoView({ block: 'center' });
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface ArticleEvent {
  code: string;
  root: string;
  trigger?: string;
  mood?: string;
  goldstein?: number;
  date?: string;
  sentenceStart?: number;
  source?: { name: string; ids?: string[]; code?: string };
  target?: { name: string; ids?: string[]; code?: string };
  place?: { name: string };
}

function Actor({ actor, entities }: { actor?: { name: string; ids?: string[]; code?: string }; entities: Entities }) {
  if (!actor) return <span className="muted">—</span>;
  const ent = actor.ids?.length === 1 ? entities[actor.ids[0]!] : undefined;
  const name = ent ? <Link href={`/entities/${ent.id}`}>{actor.name}</Link> : <span>{actor.name}</span>;
  // The CAMEO actor code beside the name, as GDELT gives it ("KAZGOV").
  return actor.code ? (
    <>
      {name} <code className="actor-code" title="CAMEO actor code">{actor.code}</code>
    </>
  ) : (
    name
  );
}

function EventList({ events, entities }: { events: ArticleEvent[]; entities: Entities }) {
  return (
    <section>
      <h2>Events ({events.length})</h2>
      {events.length === 0 ? (
        <p className="muted">No events found.</p>
      ) : (
        <ol className="side-list">
          {events.map((e, i) => (
            <li key={i}>
              <div>
                <Actor actor={e.source} entities={entities} /> → <strong>{CAMEO_ROOTS[e.root]?.name ?? e.root}</strong> → <Actor actor={e.target} entities={entities} />
              </div>
              <div className="muted small">
                “{e.trigger}” · CAMEO {e.code} {codeLabel(e.code)} · {e.mood}
                {e.goldstein !== undefined && ` · Goldstein ${e.goldstein}`}
                {e.date && ` · ${e.date}`}
                {e.place && ` · in ${e.place.name}`}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function FigureList({ figures, text }: { figures: Figure[]; text: string }) {
  if (!figures.length) return null;
  return (
    <section>
      <h2>Figures ({figures.length})</h2>
      <details>
        <summary>Show the figures</summary>
        <ul className="side-list">
          {figures.map((f) => (
            <li key={f.start}>
              <span className="fig-kind">{f.kind}</span> {text.slice(f.start, f.end)} <span className="muted">= {figureValue(f)}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function EntityList({ mentions, entities }: { mentions: Mention[]; entities: Entities }) {
  const counts = new Map<number, { id: number; name: string; type: string; n: number }>();
  for (const m of mentions) {
    const e = m.entityId ? entities[m.entityId] : undefined;
    if (!e) continue;
    const c = counts.get(e.id) ?? { ...e, n: 0 };
    c.n++;
    counts.set(e.id, c);
  }
  const list = [...counts.values()].sort((x, y) => y.n - x.n);
  return (
    <section>
      <h2>Entities ({list.length})</h2>
      <ul className="plain entity-chips">
        {list.map((e) => (
          <li key={e.id}>
            <Link href={`/entities/${e.id}`} className={`ent ent-${e.type}`}>
              {e.name}
            </Link>{' '}
            <span className="muted">{e.n}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
