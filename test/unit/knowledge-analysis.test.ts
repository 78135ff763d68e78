/**
 * The analyses that read quotes, events, tone and frames: event and frame
 * facets and filters in search, actor–actor relations, compare's tone,
 * speakers and frames, and the quotes and events exports.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { linkMentions } from '../../src/link/resolve.js';
import { analyse, knowledgeOf } from '../../src/nlp/annotate.js';
import { buildDoc } from '../../src/nlp/doc.js';
import { countFrames, parseFrameDictionary } from '../../src/nlp/frames.js';
import { compare } from '../../src/query/compare.js';
import { quadClass } from '../../src/query/export.js';
import { QueryError } from '../../src/query/language.js';
import { relations, relationsGraphML } from '../../src/query/relations.js';
import { search } from '../../src/query/search.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { markedArticle, runCli, runJson, tempDir } from '../helpers.js';

/** An article with [[Name|TYPE]] mentions and the knowledge stages run over them (the tagger is not under test). */
function annotated(n: number, s: string, outlet: string, published: string): ReturnType<typeof markedArticle> {
  const { article: a, raw } = markedArticle(n, s, { externalId: `k${n}`, outlet, published });
  linkMentions(a.text, a.mentions);
  const { tokens, sentences } = analyse(a.text, a.sections);
  return { article: { ...a, ...knowledgeOf(buildDoc(a.text, tokens, sentences, a.sections, a.mentions, []), published) }, raw };
}

const dir = tempDir();
const db = join(dir, 'k.db');
let store: SqliteStore;

before(() => {
  store = openSqliteStore(db);
  const items = [
    annotated(1, '[[Joe Biden|PER]] warned [[Russia|LOC]] of "devastating" consequences. Police in [[Almaty|LOC]] arrested [[Karim Massimov|PER]]. [[Amnesty International|ORG]] condemned the foreign-backed terrorists.', 'Wire', '2022-01-10'),
    annotated(2, '“[[Russia|LOC]] is a great and reliable partner,” said [[Kassym-Jomart Tokayev|PER]]. [[Joe Biden|PER]] criticised [[Russia|LOC]] over the deployment.', 'Herald', '2022-01-12'),
    annotated(3, 'Wheat prices rose in [[Ostria|LOC]] after a poor harvest, traders said.', 'Herald', '2022-02-01'),
  ];
  for (const it of items) assert.equal(store.addArticle(it).status, 'added');
  store.rebuildEntities();
  const yaml = 'security:\n  - /foreign[- ]backed/\n  - terrorist*\neconomy: [wheat prices]\n';
  const dict = parseFrameDictionary(yaml, 'frames.yaml');
  store.setFrameDictionary(yaml, (t) => countFrames(t, dict));
});

test('search: event-root and frame facets, event: and frame: filters', () => {
  const all = search(store, '', { facets: ['event', 'frame'] });
  const roots = Object.fromEntries(all.facets.event!.map((v) => [`${v.value} ${v.label}`, v.count]));
  assert.equal(roots['13 threaten'], 1, JSON.stringify(roots));
  assert.equal(roots['17 coerce'], 1);
  assert.equal(roots['11 disapprove'], 2);
  assert.deepEqual(all.facets.frame, [
    { value: 'economy', count: 1 },
    { value: 'security', count: 1 },
  ]);
  const ids = (q: string) => search(store, q, { facets: [] }).hits.map((h) => h.id).sort();
  assert.deepEqual(ids('event:coerce'), [1]);
  assert.deepEqual(ids('event:173'), [1]);
  assert.deepEqual(ids('event:disapprove'), [1, 2]);
  assert.deepEqual(ids('event:11 biden'), [1, 2]);
  assert.deepEqual(ids('frame:Security'), [1]);
  assert.deepEqual(ids('frame:economy prices'), [3]);
  assert.throws(() => search(store, 'event:dancing'), (e: Error) => e instanceof QueryError && /no CAMEO root is called "dancing"/.test(e.message) && /\^/.test(e.message));
  assert.throws(() => search(store, 'event:42'), /not a CAMEO code/);
  assert.throws(() => search(store, '-event:13 biden'), /cannot be negated/);
});

test('relations: who acts on whom from events, who speaks about whom from quotes; directed GraphML', () => {
  const r = relations(store, '');
  const label = new Map(r.nodes.map((n) => [n.id, n.label]));
  const edges = r.edges.map((e) => `${label.get(e.source)} -${e.root ?? 'quote'}-> ${label.get(e.target)} ×${e.count}`);
  assert.ok(edges.includes('Joe Biden -13-> Russia ×1'), edges.join('\n'));
  assert.ok(edges.includes('Joe Biden -11-> Russia ×1'), edges.join('\n'));
  assert.ok(edges.includes('Police -17-> Karim Massimov ×1'), edges.join('\n'));
  // Speech: Tokayev's quote names Russia; Biden's warning (reported speech) names it too.
  const quote = r.edges.find((e) => e.kind === 'quote' && label.get(e.source) === 'Kassym-Jomart Tokayev')!;
  assert.equal(label.get(quote.target), 'Russia');
  assert.ok(quote.tone! > 0, 'praise reads as positive tone');
  const threat = r.edges.find((e) => e.root === '13')!;
  assert.equal(threat.goldstein, -4.4);
  assert.equal(relations(store, '', { quotes: false }).edges.some((e) => e.kind === 'quote'), false);
  const xml = relationsGraphML(r);
  let edgesSeen = 0;
  let errors = 0;
  new Parser({ onopentag: (n) => void (n === 'edge' && edgesSeen++), onerror: () => errors++ }, { xmlMode: true }).end(xml);
  assert.equal(errors, 0);
  assert.equal(edgesSeen, r.edges.length);
  assert.match(xml, /edgedefault="directed"/);
});

test('compare: tone, tone toward an entity, quoted speakers and frames per outlet', () => {
  const r = compare(store, '', { toneToward: ['Russia'] });
  const herald = r.outlets.find((o) => o.outlet === 'Herald')!;
  const wire = r.outlets.find((o) => o.outlet === 'Wire')!;
  // Tokayev's quote, and "…, traders said." (reported speech before a closing "X said").
  assert.deepEqual(herald.speakers.map((s) => s.speaker), ['Kassym-Jomart Tokayev', 'traders']);
  assert.deepEqual(herald.frames.map((f) => f.frame), ['economy']);
  assert.deepEqual(wire.frames.map((f) => f.frame), ['security']);
  assert.equal(typeof wire.tone, 'number');
  assert.equal(herald.toneToward[0]!.entity, 'Russia');
  assert.equal(herald.toneToward[0]!.articles, 1);
  assert.equal(typeof herald.toneToward[0]!.tone, 'number');
  assert.throws(() => compare(store, '', { toneToward: ['Nobody Atall'] }), /no entity named "Nobody Atall"/);
});

test('CLI: events and quotes exports (TSV in the spirit of GDELT, CSV, JSONL); network --relations; compare --tone-toward', () => {
  const tsv = runCli(['export', 'events', '--format', 'tsv', '--db', db]);
  assert.equal(tsv.status, 0, tsv.stderr);
  const [header, ...rows] = tsv.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
  assert.equal(header![0], 'event_id');
  const col = (row: string[], name: string) => row[header!.indexOf(name)]!;
  assert.ok(rows.every((r) => r.length === header!.length));
  const arrest = rows.find((r) => col(r, 'event_code') === '173')!;
  assert.deepEqual(
    [col(arrest, 'day'), col(arrest, 'quad_class'), col(arrest, 'target_entity'), col(arrest, 'event_name'), col(arrest, 'root_name'), col(arrest, 'trigger')],
    ['20220110', '4', 'Karim Massimov', 'Arrest, detain, or charge with legal action', 'coerce', 'arrested'],
  );
  assert.equal(quadClass('03'), 1);
  assert.equal(quadClass('07'), 2);
  assert.equal(quadClass('11'), 3);
  const out = join(dir, 'quotes.csv');
  assert.equal(runCli(['export', 'quotes', '--format', 'csv', '-o', out, '--db', db]).status, 0);
  const csv = readFileSync(out, 'utf8');
  assert.match(csv.split('\n')[0]!, /^article_id,seq,start,end,kind,speaker,speaker_entity,cue,text,published,outlet,url$/);
  assert.match(csv, /direct,Kassym-Jomart Tokayev,Kassym-Jomart Tokayev,said,"Russia is a great and reliable partner,",2022-01-12,Herald/);
  const jl = runCli(['export', 'events', '--db', db]).stdout.trim().split('\n').map((l) => JSON.parse(l) as { event_root: string });
  assert.equal(jl.length, rows.length);
  const rel = runJson<{ edges: Array<{ kind: string }> }>(['network', '', '--relations', '--db', db]);
  assert.equal(rel.status, 0, rel.stderr);
  assert.ok(rel.value.edges.some((e) => e.kind === 'quote') && rel.value.edges.some((e) => e.kind === 'event'));
  assert.match(runCli(['network', '', '--relations', '--db', db]).stdout, /SOURCE +RELATION +TARGET[\s\S]*Joe Biden +13 threaten +Russia/);
  assert.match(runCli(['compare', '', '--tone-toward', 'Russia', '--db', db]).stdout, /tone toward: Russia/);
  const bad = runCli(['compare', '', '--tone-toward', 'Nobody Atall', '--db', db]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^newslens: no entity named "Nobody Atall"/);
  assert.match(runCli(['search', 'event:dancing', '--db', db]).stderr, /bad query: no CAMEO root/);
});
