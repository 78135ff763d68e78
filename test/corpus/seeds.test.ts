/** The two seed articles, every field the foundation issue names, checked exactly. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, runJson, tempDir } from '../helpers.js';
import { SEEDS } from './shared.js';

interface Shown {
  id: number;
  title: string;
  published: string | null;
  outlet: string | null;
  language: string | null;
  format: string;
  authors: Array<{ name: string; title?: string; description?: string }>;
  categories: string[];
  meta: Record<string, string>;
  text: string;
  sections: Array<{ kind: string; start: number; end: number; name?: string; role?: string }>;
}

const db = join(tempDir(), 'seeds.db');
const ingested = runJson<{ read: number; added: number; failed: number }>(['ingest', '--db', db, SEEDS]);
const show = (file: string) => {
  const list = runJson<{ articles: Array<{ id: number; source: string }> }>(['articles', '--db', db]).value.articles;
  const id = list.find((a) => a.source.endsWith(file))!.id;
  return runJson<Shown>(['show', String(id), '--db', db]).value;
};
const part = (a: Shown, kind: string) => a.sections.filter((s) => s.kind === kind).map((s) => a.text.slice(s.start, s.end));
const paragraphs = (s: string) => s.split('\n\n');

test('both seeds are read, none fails, re-ingest adds nothing', () => {
  assert.equal(ingested.status, 0, ingested.stderr);
  assert.deepEqual([ingested.value.read, ingested.value.added, ingested.value.failed], [2, 2, 0]);
  const again = runJson<{ added: number; duplicates: number }>(['ingest', '--db', db, SEEDS]).value;
  assert.deepEqual([again.added, again.duplicates], [0, 2]);
});

test('000: title, caption, editor’s note, two speakers, boilerplate', () => {
  const a = show('000_ab822a0e62d101c9.txt');
  assert.equal(a.format, 'text');
  assert.equal(a.title, 'Acute crises in Kazakhstan cause US frustration');
  assert.equal(a.language, 'en');
  // The file states neither; the editor's note names the outlet and the photo caption the day.
  assert.equal(a.outlet, 'Global Times');
  assert.equal(a.meta.outletFrom, "the editor's note");
  assert.equal(a.published, '2022-01-06');
  assert.equal(a.meta.publishedFrom, 'a photo caption');
  const [caption] = part(a, 'caption');
  assert.ok(caption!.startsWith('Soldiers patrol the presidential palace in Nur-Sultan, Kazakhstan, January 6, 2022.'));
  assert.ok(caption!.endsWith('which decided to deploy peacekeeping forces to Kazakhstan. (Photo: Xinhua)'));
  const [note] = part(a, 'editors-note');
  assert.ok(note!.startsWith('Editor’s Note:\n\nAfter days of turmoil in Kazakhstan'));
  assert.ok(note!.endsWith('to find out their views on these issues.'));

  const speakers = a.sections.filter((s) => s.kind === 'speaker');
  assert.deepEqual(speakers.map((s) => [s.name, s.role]), [
    ['Dmitry Orlov', 'Managing Director of the East-West Strategy Analytical Center in Kyrgyzstan'],
    ['Sergey Biryukov', 'professor at the Siberian Institute of Management in Novosibirsk in Russia'],
  ]);
  const [orlov, biryukov] = part(a, 'speaker').map(paragraphs);
  assert.equal(orlov!.length, 6);
  assert.ok(orlov![0]!.startsWith('The root cause of the current unrest is the dissatisfaction'));
  assert.ok(orlov![0]!.includes('from 60 Kazakh tenge ($ 0.14) to 120 Kazakh tenge.'));
  assert.ok(orlov![5]!.endsWith('will provide all the necessary assistance to the country.'));
  assert.equal(biryukov!.length, 8);
  assert.ok(biryukov![0]!.startsWith('As a result of an acute intra-elite struggle'));
  assert.ok(biryukov![1]!.includes('sovereignty by Moscow, but a help needed to preserve it.'), 'stray ". ," repaired');
  assert.ok(biryukov![7]!.endsWith('the accumulated internal problems that give rise to such crises.'));
  assert.deepEqual(
    a.sections.filter((s) => s.kind === 'speaker-label').map((s) => a.text.slice(s.start, s.end)),
    [
      'Dmitry Orlov, Managing Director of the East-West Strategy Analytical Center in Kyrgyzstan',
      'Sergey Biryukov, professor at the Siberian Institute of Management in Novosibirsk in Russia',
    ],
  );

  assert.deepEqual(part(a, 'boilerplate'), ['About Author\n\nComments are closed.']);
  const content = a.sections.filter((s) => s.kind !== 'boilerplate').map((s) => a.text.slice(s.start, s.end)).join('\n');
  assert.ok(!/About Author|Comments are closed/.test(content));
  assert.ok(!a.text.includes('neighbors. .'));
});

test('004: key-value fields, repaired title, date, categories, author, contact', () => {
  const a = show('004_a04c8ac9f225f6f2.txt');
  assert.equal(a.format, 'keyvalue');
  assert.equal(a.title, 'Kazakhstan’s crisis highlights US angst toward Russia');
  assert.equal(a.published, '2022-01-10');
  assert.deepEqual(a.categories, ['OPINION', 'VIEWPOINT']);
  assert.deepEqual(a.authors, [{ name: 'Danil Bochkov', description: 'an expert at the Russian International Affairs Council' }]);
  assert.equal(a.meta.contactEmail, 'opinion@globaltimes.com.cn');
  assert.equal(a.outlet, 'globaltimes.com.cn');
  assert.equal(a.language, 'en');
  const [body] = part(a, 'body');
  const paras = paragraphs(body!);
  assert.equal(paras.length, 25);
  assert.equal(paras[0], 'The international political calendar in 2022 began with a very strained security situation in Kazakhstan, a country traditionally known to have one of the most stable political regimes of the post-Soviet states.');
  assert.ok(paras[24]!.endsWith('providing each other with relevant assistance in placating public riots.'));
  assert.ok(body!.includes('on Crimea\'s template. The escalation between Russia and the West'));
  assert.deepEqual(part(a, 'author-note'), ['The author is an expert at the Russian International Affairs Council.']);
  assert.deepEqual(part(a, 'contact'), ['opinion@globaltimes.com.cn']);
  assert.ok(!body!.includes('@'));
});

test('show prints the seeds for people too', () => {
  const out = runCli(['show', '2', '--db', db]).stdout + runCli(['show', '1', '--db', db]).stdout;
  assert.match(out, /Author: Danil Bochkov — an expert at the Russian International Affairs Council/);
  assert.match(out, /speaker\s+\d+-\d+\s+Dmitry Orlov \(Managing Director/);
});
