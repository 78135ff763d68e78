/**
 * One entity: its names, coverage over time and by outlet, the tone toward it
 * by outlet, who it is named beside, what it said and what was said of it,
 * what it did and what was done to it; and its corrections, made here and undoable.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { CAMEO_ROOTS, codeName } from '../cameo';
import { Bars } from '../components/Bars';
import { ErrorBox, Loading } from '../components/Status';
import { Table } from '../components/Table';
import { TimeChart } from '../components/TimeChart';
import { quoted } from '../query';

const ACTIONS = [
  ['rename', 'Rename to', 'the new canonical name'],
  ['merge', 'Merge in', 'another entity (#id, name or alias) to fold into this one'],
  ['split', 'Split off alias', 'an alias whose mentions become an entity of their own'],
  ['retype', 'Set type', 'PER, ORG, GPE, LOC, NORP or MISC'],
] as const;
type Action = (typeof ACTIONS)[number][0];

export default function EntityView({ entityRef }: { entityRef: string }) {
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const res = useQuery({ queryKey: ['entity', entityRef], queryFn: ({ signal }) => unwrap(api.GET('/api/entities/{ref}', { params: { path: { ref: entityRef } }, signal })) });
  const edits = useQuery({ queryKey: ['edits'], queryFn: ({ signal }) => unwrap(api.GET('/api/entities/edits', { signal })) });
  const [action, setAction] = useState<Action>('rename');
  const [value, setValue] = useState('');
  const refresh = async () => {
    // A correction changes names and counts everywhere: drop every cached answer.
    await qc.invalidateQueries();
  };
  const edit = useMutation({
    mutationFn: (v: { action: Action; value: string }) => unwrap(api.POST('/api/entities/{ref}/edits', { params: { path: { ref: entityRef } }, body: v })),
    onSuccess: async (out) => {
      setValue('');
      // The entity may have a new id (a merge keeps the smaller); follow it.
      if (out.entity && String(out.entity.id) !== entityRef) navigate(`/entities/${out.entity.id}`, { replace: true });
      await refresh();
    },
  });
  const undo = useMutation({
    mutationFn: (seq: number) => unwrap(api.DELETE('/api/entities/edits/{seq}', { params: { path: { seq } } })),
    onSuccess: refresh,
  });
  if (res.error) return <ErrorBox error={res.error} />;
  if (!res.data) return <Loading what="the entity" />;
  const p = res.data;
  const e = p.entity;
  const entityQuery = `entity:${quoted(`${e.name} (${e.type})`)}`;
  const mine = (edits.data?.edits ?? []).filter((x) => x.entity.endsWith(`(#${e.id})`)).slice(-5).reverse();
  return (
    <>
      <h1 tabIndex={-1}>
        {e.name} <span className="type-tag big">{e.type}</span>
      </h1>
      <p className="entity-meta">
        <span>#{e.id}</span>
        <span>
          {e.articles.toLocaleString()} articles, {e.mentions.toLocaleString()} mentions
        </span>
        {e.country && <span>country: {e.country}</span>}
        {e.role && <span>{e.role}</span>}
        {e.parent && <span>part of {e.parent}</span>}
        <Link href={`/search?q=${encodeURIComponent(entityQuery)}`}>search its articles</Link>
        <Link href={`/network?q=${encodeURIComponent(entityQuery)}`}>its network</Link>
        <Link href={`/quotes?by=${encodeURIComponent(`#${e.id}`)}`}>its quotes</Link>
        <Link href={`/events?actor=${encodeURIComponent(`#${e.id}`)}`}>its events</Link>
      </p>
      <p className="aliases">
        <span className="muted">Also called:</span>{' '}
        {e.aliases.map((a, i) => (
          <span key={a.name}>
            {i > 0 && ' · '}
            {a.name} <span className="muted">{a.count.toLocaleString()}</span>
          </span>
        ))}
      </p>
      {p.alsoNamed && p.alsoNamed.length > 0 && (
        <p className="muted">
          The name could also mean:{' '}
          {p.alsoNamed.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ', '}
              <Link href={`/entities/${o.id}`}>
                {o.name} ({o.type})
              </Link>
            </span>
          ))}
        </p>
      )}

      <section className="panel correct" aria-labelledby="correct-h">
        <h2 id="correct-h">Correct this entity</h2>
        <form
          className="inline-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (value.trim()) edit.mutate({ action, value: value.trim() });
          }}
        >
          <label>
            Action{' '}
            <select value={action} onChange={(ev) => setAction(ev.target.value as Action)}>
              {ACTIONS.map(([a, label]) => (
                <option key={a} value={a}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Value{' '}
            <input value={value} onChange={(ev) => setValue(ev.target.value)} placeholder={ACTIONS.find((x) => x[0] === action)![2]} size={32} list={action === 'split' ? 'aliases' : undefined} />
          </label>
          <datalist id="aliases">
            {e.aliases.map((a) => (
              <option key={a.name} value={a.name} />
            ))}
          </datalist>
          <button type="submit" disabled={edit.isPending}>
            Apply
          </button>
        </form>
        <ErrorBox error={edit.error ?? undo.error} />
        {edit.data && edit.data.notApplied.length > 0 && <p className="warning">Not applied: {edit.data.notApplied.join('; ')}</p>}
        {mine.length > 0 && (
          <ul className="edits">
            {mine.map((x) => (
              <li key={x.seq}>
                <span>
                  #{x.seq} {x.action} “{x.value}” <span className="muted">{x.at}</span>
                </span>
                <button type="button" className="small" onClick={() => undo.mutate(x.seq)} disabled={undo.isPending}>
                  Undo
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="grid-2">
        <section className="panel" aria-labelledby="months-h">
          <h2 id="months-h">Articles per month</h2>
          <TimeChart series={[{ label: e.name, points: p.byMonth.map((m) => ({ period: m.value, value: m.count })) }]} unit="articles" height={180} label={`Articles naming ${e.name} per month`} />
        </section>
        <section className="panel" aria-labelledby="outlets-h">
          <h2 id="outlets-h">By outlet</h2>
          <Bars label="Articles by outlet" bars={p.byOutlet.slice(0, 12).map((o) => ({ label: o.value, value: o.count, href: `/search?q=${encodeURIComponent(entityQuery)}&filter=${encodeURIComponent(`outlet:${quoted(o.value)}`)}` }))} />
        </section>
        <section className="panel" aria-labelledby="tone-h">
          <h2 id="tone-h">Tone toward {e.name}, by outlet</h2>
          <p className="muted small">Mean AFINN tone of the sentences naming it (positive minus negative words, per 100 words).</p>
          <Bars label="Tone by outlet" bars={p.toneByOutlet.slice(0, 12).map((o) => ({ label: o.outlet, value: o.tone, note: `${o.articles}` }))} />
        </section>
        <section className="panel" aria-labelledby="along-h">
          <h2 id="along-h">Named beside it</h2>
          <Bars label="Co-occurring entities" bars={p.alongside.slice(0, 12).map((o) => ({ label: o.value, value: o.count, note: o.type, href: `/entities/${encodeURIComponent(`${o.value} (${o.type})`)}` }))} />
        </section>
      </div>

      <section className="panel">
        <h2>Quotes by {e.name}</h2>
        <QuoteTable rows={p.quotesBy} name="quotes-by" />
      </section>
      <section className="panel">
        <h2>Quotes about {e.name}</h2>
        <QuoteTable rows={p.quotesAbout} name="quotes-about" />
      </section>
      <section className="panel">
        <h2>Events it did</h2>
        <EventTable rows={p.eventsAsSource} name="events-as-source" />
      </section>
      <section className="panel">
        <h2>Events done to it</h2>
        <EventTable rows={p.eventsAsTarget} name="events-as-target" />
      </section>
      <section className="panel">
        <h2>Latest articles</h2>
        <ul className="plain">
          {p.latest.map((a) => (
            <li key={a.id}>
              <Link href={`/articles/${a.id}`}>{a.title}</Link> <span className="muted">{[a.outlet, a.published].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

type QuoteRow = { article: number; title: string; text: string; start: number; kind: string; speaker?: string; outlet?: string; published?: string };
export function QuoteTable({ rows, name }: { rows: QuoteRow[]; name: string }) {
  return (
    <Table
      name={name}
      rows={rows}
      empty="No quotes."
      columns={[
        { key: 'speaker', label: 'speaker', render: (r) => r.speaker ?? <span className="muted">not found</span> },
        { key: 'text', label: 'words', fixed: true, className: 'wide', render: (r) => <Link href={`/articles/${r.article}#q-${r.start}`}>“{r.text}”</Link> },
        { key: 'kind', label: 'kind' },
        { key: 'outlet', label: 'outlet' },
        { key: 'published', label: 'date' },
      ]}
    />
  );
}

/** An actor's name with its CAMEO code ("Kazakh authorities · KAZGOV"). */
const withCode = (a?: { name: string; code?: string }) => (a ? (a.code ? `${a.name} · ${a.code}` : a.name) : undefined);

type EventRow = { article: number; code: string; root: string; trigger: string; sentence: string; mood: string; goldstein: number; source?: { name: string; code?: string }; target?: { name: string; code?: string }; place?: { name: string }; date?: string; published?: string; outlet?: string };
export function EventTable({ rows, name }: { rows: EventRow[]; name: string }) {
  return (
    <Table
      name={name}
      rows={rows}
      empty="No events."
      columns={[
        { key: 'source', label: 'source', value: (r) => withCode(r.source) },
        { key: 'root', label: 'event', value: (r) => `${r.code} ${codeName(r.code)}`, render: (r) => <span title={`CAMEO ${r.code}: ${codeName(r.code)}`}>{CAMEO_ROOTS[r.root]?.name ?? r.root}</span> },
        { key: 'target', label: 'target', value: (r) => withCode(r.target) },
        { key: 'mood', label: 'mood' },
        { key: 'goldstein', label: 'Goldstein', numeric: true },
        { key: 'place', label: 'place', value: (r) => r.place?.name },
        { key: 'sentence', label: 'evidence', fixed: true, className: 'wide', render: (r) => <Link href={`/articles/${r.article}`}>{r.sentence}</Link> },
        { key: 'date', label: 'date', value: (r) => r.date ?? r.published },
        { key: 'outlet', label: 'outlet' },
      ]}
    />
  );
}
