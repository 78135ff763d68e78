/**
 * Issue 15, items 8–10: outlet attributes (set from a file, grouped by and
 * filtered on), reproducible samples for coding, articles in other languages
 * kept out of the English annotators, and CSV output of the analyses.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { draw } from '../../src/query/sample.js';
import { runCli, runJson, tempDir } from '../helpers.js';

const ARTICLES = [
  { outlet: 'Left Daily', published: '2021-03-02', title: 'Sanctions hit the regime', text: 'The sanctions on Russia hurt ordinary workers, union leaders said on Tuesday. “Workers pay for this,” said Maria Lopez.' },
  { outlet: 'Left Daily', published: '2021-04-02', title: 'Workers and sanctions', text: 'Union leaders warned that sanctions on Russia would cost workers their jobs. Workers marched in the capital.' },
  { outlet: 'Right Post', published: '2021-03-05', title: 'Sanctions show strength', text: 'The sanctions on Russia show resolve and strength, senators said. “Strength deters aggression,” said John Smith.' },
  { outlet: 'Right Post', published: '2021-04-09', title: 'Strength abroad', text: 'Senators praised the strength of the new sanctions on Russia and called for more resolve.' },
  { outlet: 'Centre Wire', published: '2021-03-09', title: 'Sanctions explained', text: 'The sanctions on Russia take effect on Monday, officials said. Markets were calm.' },
  { outlet: 'Folha', published: '2021-03-10', title: 'Sanções contra a Rússia', text: 'As sanções contra a Rússia entraram em vigor na segunda-feira, disseram autoridades do governo brasileiro em Brasília. O presidente afirmou que o país acompanha a situação com atenção.' },
];

function workspace(): { db: string; dir: string } {
  const dir = tempDir();
  const db = join(dir, 'w.db');
  const input = join(dir, 'a.jsonl');
  writeFileSync(input, ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  assert.equal(runCli(['ingest', input, '--db', db, '--workers', '0']).status, 0);
  writeFileSync(join(dir, 'outlets.tsv'), 'outlet\tbias\tcountry\nLeft Daily\tleft\tUS\nRight Post\tright\tUS\nCentre Wire\tcenter\tUK\nNowhere Times\tleft\tUS\n');
  return { db, dir };
}

test('outlets: attributes from a TSV file, listed; names not in the workspace reported; a bad file is a located error', () => {
  const { db, dir } = workspace();
  const set = runCli(['outlets', '--set', join(dir, 'outlets.tsv'), '--db', db]);
  assert.equal(set.status, 0, set.stderr);
  assert.match(set.stderr, /1 outlets in .* have no articles here.*Nowhere Times/);
  const list = runJson<{ outlets: Array<{ outlet: string; articles: number; attributes: Record<string, string> }> }>(['outlets', '--db', db]).value.outlets;
  assert.deepEqual(list.find((o) => o.outlet === 'Left Daily'), { outlet: 'Left Daily', articles: 2, attributes: { bias: 'left', country: 'US' } });
  assert.deepEqual(list.find((o) => o.outlet === 'Folha')?.attributes, {});
  writeFileSync(join(dir, 'bad.csv'), 'outlet\n');
  const bad = runCli(['outlets', '--set', join(dir, 'bad.csv'), '--db', db]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /bad\.csv: the first line must name the columns/);
});

test('outlet attributes: outlet.bias:left filters every query; compare, trends and keyness group --by an attribute', () => {
  const { db, dir } = workspace();
  assert.equal(runCli(['outlets', '--set', join(dir, 'outlets.tsv'), '--db', db]).status, 0);
  const left = runJson<{ total: number; hits: Array<{ outlet: string }> }>(['search', 'sanctions outlet.bias:left', '--db', db]).value;
  assert.equal(left.total, 2);
  assert.ok(left.hits.every((h) => h.outlet === 'Left Daily'));
  assert.equal(runJson<{ total: number }>(['search', 'outlet.country:uk', '--db', db]).value.total, 1, 'any case');
  const unknown = runCli(['search', 'outlet.leaning:left', '--db', db]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no outlet has an attribute "leaning" \(attributes: bias, country\)/);
  const unknownBy = runCli(['trends', 'sanctions', '--by', 'leaning', '--db', db]);
  assert.equal(unknownBy.status, 2);
  assert.match(unknownBy.stderr, /^newslens: --by: no outlet has an attribute "leaning" \(attributes: bias, country\)\n$/, 'the option named, not a query position');
  const cmp = runJson<{ outlets: Array<{ outlet: string; matches: number; total: number }> }>(['compare', 'sanctions', '--by', 'bias', '--db', db]).value.outlets;
  assert.deepEqual(cmp.map((o) => [o.outlet, o.matches, o.total]).sort(), [['center', 1, 1], ['left', 2, 2], ['right', 2, 2]]);
  const tr = runJson<{ series: Array<{ group: string; matches: number }> }>(['trends', 'sanctions', '--by', 'bias', '--db', db]).value.series;
  assert.deepEqual(tr.map((x) => [x.group, x.matches]).sort(), [['center', 1], ['left', 2], ['right', 2]]);
  const key = runJson<{ groups: Array<{ value: string; key: Array<{ term: string }> }> }>(['keyness', 'sanctions', '--by', 'bias', '--min-freq', '2', '--db', db]).value.groups;
  assert.ok(key.find((g) => g.value === 'left')!.key.some((k) => k.term === 'workers'));
  assert.ok(key.find((g) => g.value === 'right')!.key.some((k) => k.term === 'strength'));
});

test('sample: the same seed draws the same rows; a CSV sheet with an empty verdict column', () => {
  assert.deepEqual(draw([1, 2, 3, 4, 5, 6, 7, 8], 3, 42), draw([1, 2, 3, 4, 5, 6, 7, 8], 3, 42));
  assert.notDeepEqual(draw([1, 2, 3, 4, 5, 6, 7, 8], 8, 1), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(new Set(draw([1, 2, 3, 4, 5, 6, 7, 8], 8, 3)).size, 8, 'without replacement');
  const { db } = workspace();
  const a = runCli(['sample', 'articles', 'sanctions', '--n', '3', '--seed', '9', '--format', 'csv', '--db', db]);
  const b = runCli(['sample', 'articles', 'sanctions', '--n', '3', '--seed', '9', '--format', 'csv', '--db', db]);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const rows = parse(a.stdout, { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.verdict === '' && r.article));
  const quotes = parse(runCli(['sample', 'quotes', '', '--n', '10', '--format', 'csv', '--db', db]).stdout, { columns: true }) as Array<Record<string, string>>;
  assert.ok(quotes.length >= 1 && quotes.every((q) => 'verdict' in q && 'speaker' in q));
  assert.equal(runCli(['sample', 'tweets', '--db', db]).status, 2);
});

test('languages: an article not in English is stored, searched and counted, but not annotated, and says so', () => {
  const { db } = workspace();
  const shown = runJson<{ id: number; language: string; mentions: unknown[]; quotes: unknown[]; tone?: unknown }>(['show', '6', '--db', db]).value;
  assert.equal(shown.language, 'pt');
  assert.deepEqual([shown.mentions.length, shown.quotes.length, shown.tone ?? null], [0, 0, null]);
  assert.match(runCli(['show', '6', '--db', db]).stdout, /Not annotated: in pt; the annotators .* read English/);
  assert.match(runCli(['articles', '--db', db]).stdout, /pt \(not annotated\)/);
  assert.equal(runJson<{ total: number }>(['search', 'sanções', '--db', db]).value.total, 1, 'searched');
  assert.equal(runJson<{ matches: number }>(['trends', 'lang:pt', '--db', db]).value.matches, 1, 'counted');
  const english = runJson<{ mentions: unknown[] }>(['show', '1', '--db', db]).value;
  assert.ok(english.mentions.length > 0, 'English articles are annotated as before');
});

test('CSV output of trends, keyness, network edges and stories', () => {
  const { db } = workspace();
  const csv = (args: string[]) => {
    const r = runCli([...args, '--format', 'csv', '--db', db]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    return parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
  };
  assert.ok(csv(['trends', 'sanctions']).some((r) => r.period === '2021-03' && r.count === '3'));
  assert.ok(csv(['keyness', 'outlet:left', '--min-freq', '2']).some((r) => r.side === 'key' && r.term === 'workers'));
  assert.deepEqual(Object.keys(csv(['network', '', '--level', 'article', '--min-weight', '1'])[0] ?? { source: '', target: '', weight: '', articles: '' }), ['source', 'target', 'weight', 'articles']);
  const stories = csv(['stories', '']);
  assert.equal(new Set(stories.map((r) => r.article)).size, ARTICLES.length, 'every article in one row');
  assert.ok(stories.every((r) => r.story && r.title !== undefined));
});
