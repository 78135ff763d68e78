import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { compare } from '../../src/query/compare.js';
import { collocates, keyness, logLikelihood, logRatio } from '../../src/query/keyness.js';
import { kwic } from '../../src/query/kwic.js';
import { network, toGraphML } from '../../src/query/network.js';
import { stories } from '../../src/query/stories.js';
import { trends } from '../../src/query/trends.js';
import { bcubed } from '../../src/stories/bcubed.js';
import { nearDuplicateGroups, signature, similarity } from '../../src/stories/minhash.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { markedArticle, runCli, runJson, tempDir } from '../helpers.js';

/** An article whose entities are marked in its text as [[Name|TYPE]]. */
const article = markedArticle;

const WIRE = 'Rebels attacked the airport in [[Kandor|LOC]] on Monday. [[Amnesty|ORG]] condemned the attack. [[Kandor|LOC]] officials met [[Amnesty|ORG]] and [[Jon Ferris|PER]] later.';
const dir = tempDir();
const db = join(dir, 'w.db');
let store: SqliteStore;

before(() => {
  store = openSqliteStore(db);
  const items = [
    article(1, WIRE, { outlet: 'Wire', published: '2023-03-06', title: 'Airport attacked in Kandor' }),
    // A syndicated copy: same story, new headline and a footer.
    article(2, WIRE + ' Copyright Wire.', { outlet: 'Herald', published: '2023-03-06', title: 'Kandor airport attack' }),
    article(3, 'Rebels attacked a second airport near [[Kandor|LOC]] as [[Amnesty|ORG]] warned of more attacks on airports.', { outlet: 'Herald', published: '2023-03-08', title: 'Second Kandor airport attacked by rebels' }),
    article(4, 'Wheat prices rose sharply on the exchange. Traders said wheat and barley supplies were tight after poor harvests in [[Ostria|LOC]].', { outlet: 'Farm News', published: '2023-04-03', title: 'Wheat prices rise on tight supplies' }),
    article(5, 'Barley and wheat prices kept rising. The wheat harvest in [[Ostria|LOC]] was the poorest in years, traders said.', { outlet: 'Farm News', published: '2023-04-20', title: 'Wheat and barley prices keep rising' }),
  ];
  for (const it of items) assert.equal(store.addArticle(it).status, 'added');
});

test('kwic: every occurrence with its context, sortable by left or right words', () => {
  const r = kwic(store, 'wheat', { window: 2 });
  assert.equal(r.lines, 4);
  assert.equal(r.articles, 2);
  assert.deepEqual(r.concordance.map((l) => l.match), ['Wheat', 'wheat', 'wheat', 'wheat']);
  assert.deepEqual(r.concordance[1], { id: 4, title: 'Wheat prices rise on tight supplies', start: 56, end: 61, left: 'Traders said ', match: 'wheat', right: ' and barley' });
  const byRight = kwic(store, 'wheat', { window: 1, sort: 'right' }).concordance.map((l) => l.right.trim());
  assert.deepEqual(byRight, ['and', 'harvest', 'prices', 'prices']);
  const byLeft = kwic(store, 'wheat', { window: 1, sort: 'left' }).concordance.map((l) => l.left.trim().toLowerCase());
  assert.deepEqual(byLeft, ['', 'and', 'said', 'the']);
  assert.equal(kwic(store, '', { term: '"wheat harvest"' }).lines, 1);
  assert.equal(kwic(store, 'outlet:herald', { term: 'airport*' }).lines, 3);
});

test('trends: counts and shares per period, empty periods filled', () => {
  const r = trends(store, 'wheat', { interval: 'month' });
  assert.deepEqual(r.series[0]!.points, [{ period: '2023-04', count: 2, total: 2, share: 1 }]);
  const all = trends(store, 'airport*', { interval: 'month' }).series[0]!.points;
  assert.deepEqual(all, [{ period: '2023-03', count: 3, total: 3, share: 1 }]);
  const days = trends(store, 'rebels OR wheat', { interval: 'week' }).series[0]!.points;
  assert.deepEqual(days.map((p) => [p.period, p.count]), [
    ['2023-03-06', 3],
    ['2023-03-13', 0],
    ['2023-03-20', 0],
    ['2023-03-27', 0],
    ['2023-04-03', 1],
    ['2023-04-10', 0],
    ['2023-04-17', 1],
  ]);
  const per = trends(store, '', { byOutlet: true });
  assert.deepEqual(per.series.map((s) => [s.outlet, s.matches]), [
    ['Farm News', 2],
    ['Herald', 2],
    ['Wire', 1],
  ]);
  const herald = per.series.find((s) => s.outlet === 'Herald')!;
  assert.deepEqual(herald.points, [{ period: '2023-03', count: 2, total: 2, share: 1 }]);
});

test('trends by month: each dated article counts once, in the month of its UTC day; undated ones apart', () => {
  const s = openSqliteStore(join(tempDir(), 'months.db'));
  // 23:30 on 31 January at UTC-5 is 1 February in UTC; a year alone is no publication date.
  const given = ['2024-01-01', '2024-01-31T23:30:00-05:00', '2024-02-29', '2024-01-15', '2024', undefined];
  given.forEach((published, i) => assert.equal(s.addArticle(article(10 + i, `Dock strike, report ${i}.`, published ? { published } : {})).status, 'added'));
  const r = trends(s, 'strike', { interval: 'month' });
  assert.equal(r.undated, 2);
  assert.deepEqual(r.series[0]!.points.map((p) => [p.period, p.count, p.total]), [
    ['2024-01', 2, 2],
    ['2024-02', 2, 2],
  ]);
  s.close();
});

test('keyness: log-likelihood and Log Ratio as published, distinctive words first', () => {
  assert.equal(Math.round(logLikelihood(10, 5, 1000, 2000) * 1000) / 1000, 6.931);
  assert.equal(logRatio(10, 5, 1000, 2000), 2);
  const r = keyness(store, 'wheat', { minFreq: 2, minArticles: 2 });
  assert.equal(r.target.articles, 2);
  assert.equal(r.reference.articles, 3);
  assert.equal(r.key[0]!.term, 'wheat');
  assert.deepEqual(r.key.map((k) => k.term), ['wheat'], 'prices (2 against 0) falls short of G² 3.84 in 38 against 56 words');
  assert.ok(keyness(store, 'wheat', { minFreq: 2, minArticles: 2, minLL: 0 }).key.some((k) => k.term === 'prices'));
  assert.ok(r.negative.some((k) => k.term === 'kandor'));
  const bigrams = keyness(store, 'wheat', { ngram: 2, minFreq: 2, minArticles: 2, minLL: 0 });
  assert.ok(bigrams.key.some((k) => k.term === 'wheat prices'));
});

test('collocates: window counts and log-Dice', () => {
  const r = collocates(store, '', { term: 'wheat', window: 1, minFreq: 1 });
  assert.equal(r.nodeFrequency, 4);
  const prices = r.collocates.find((c) => c.term === 'prices')!;
  assert.equal(prices.together, 2);
  assert.equal(prices.right, 2);
  assert.equal(prices.left, 0);
  assert.equal(prices.frequency, 2);
  // log-Dice = 14 + log2(2·f(node,c) / (f(node) + f(c)))
  assert.equal(prices.logDice, Math.round((14 + Math.log2((2 * 2) / (4 + 2))) * 100) / 100);
  assert.equal(r.collocates[0]!.term, 'prices');
});

test('network: same-sentence co-occurrence, weighted; GraphML is well-formed', () => {
  const net = network(store, 'rebels', { minWeight: 1 });
  const label = new Map(net.nodes.map((n) => [n.id, n.label]));
  const edges = net.edges.map((e) => `${[label.get(e.source), label.get(e.target)].sort().join('–')}:${e.weight}/${e.articles}`);
  // Article 1 and its copy each have one sentence with Kandor+Amnesty+Jon Ferris; article 3 one with Kandor+Amnesty.
  assert.deepEqual(edges.sort(), ['Amnesty–Jon Ferris:2/2', 'Amnesty–Kandor:3/3', 'Jon Ferris–Kandor:2/2']);
  const kandor = net.nodes.find((n) => n.label === 'Kandor')!;
  assert.deepEqual([kandor.type, kandor.articles, kandor.mentions], ['LOC', 3, 5]);
  const byArticle = network(store, '', { level: 'article', minWeight: 1 });
  assert.ok(byArticle.edges.some((e) => e.weight === 3));
  const xml = toGraphML(net);
  let nodes = 0;
  let edgesSeen = 0;
  let errors = 0;
  const p = new Parser({ onopentag: (n) => (n === 'node' ? nodes++ : n === 'edge' ? edgesSeen++ : 0), onerror: () => errors++ }, { xmlMode: true });
  p.end(xml);
  assert.equal(errors, 0);
  assert.equal(nodes, net.nodes.length);
  assert.equal(edgesSeen, net.edges.length);
  assert.match(xml, /<graphml xmlns="http:\/\/graphml.graphdrawing.org\/xmlns">/);
});

test('near-duplicates: MinHash finds the syndicated copy and nothing else', () => {
  const a = signature(WIRE);
  const b = signature(WIRE + ' Copyright Wire.');
  const c = signature('Wheat prices rose sharply on the exchange after poor harvests.');
  assert.ok(similarity(a, b) > 0.7);
  assert.ok(similarity(a, c) < 0.2);
  assert.deepEqual(nearDuplicateGroups([a, c, b]), [[0, 2]]);
});

test('stories: the attack reports form one story, the harvest reports another', () => {
  const r = stories(store, '', { windowDays: 30 });
  assert.equal(r.stories, 2);
  assert.equal(r.duplicateSets, 1);
  const [first, second] = r.shown;
  assert.deepEqual(first!.articles.map((x) => x.id), [1, 2, 3]);
  assert.deepEqual(first!.duplicates, [[1, 2]]);
  assert.deepEqual([first!.first, first!.last, first!.outlets], ['2023-03-06', '2023-03-08', 2]);
  assert.ok(first!.keywords.includes('kandor'));
  assert.equal(first!.entities[0]!.name, 'Amnesty');
  assert.deepEqual(second!.articles.map((x) => x.id), [4, 5]);
  // The default window (7 days) is shorter than the 17 days between the harvest reports.
  assert.equal(stories(store, '').stories, 3);
  assert.equal(stories(store, 'wheat').stories, 2);
});

test('B-cubed on a worked example', () => {
  const gold = new Map([
    ['a', 'x'],
    ['b', 'x'],
    ['c', 'y'],
  ]);
  const b = bcubed(
    new Map([
      ['a', '1'],
      ['b', '2'],
      ['c', '2'],
    ]),
    gold,
  );
  assert.equal(b.precision.toFixed(4), (2 / 3).toFixed(4));
  assert.equal(b.recall.toFixed(4), (2 / 3).toFixed(4));
  assert.equal(bcubed(gold, gold).f1, 1);
});

test('compare: outlets side by side', () => {
  const r = compare(store, 'prices OR airport*', { terms: 5 });
  assert.deepEqual(r.outlets.map((o) => [o.outlet, o.matches, o.total]), [
    ['Farm News', 2, 2],
    ['Herald', 2, 2],
    ['Wire', 1, 1],
  ]);
  assert.ok(r.outlets[0]!.distinctive.some((k) => k.term === 'wheat'));
  assert.equal(r.outlets[1]!.entities[0]!.name, 'Amnesty');
});

test('CLI: each analysis command answers in text and --json; network writes GraphML', () => {
  for (const cmd of [['kwic', 'wheat'], ['trends', 'wheat'], ['keyness', 'wheat'], ['collocates', 'wheat'], ['network', ''], ['stories', ''], ['compare', '']]) {
    const j = runJson([...cmd, '--db', db]);
    assert.equal(j.status, 0, `${cmd.join(' ')}: ${j.stderr}`);
    const t = runCli([...cmd, '--db', db]);
    assert.equal(t.status, 0);
    assert.ok(t.stdout.length > 0);
  }
  const file = join(dir, 'net.graphml');
  const r = runCli(['network', '', '--min-weight', '1', '--graphml', file, '--db', db]);
  assert.match(r.stdout, /GraphML written/);
  assert.equal(runCli(['network', '', '--graphml', '-', '--db', db]).stdout.startsWith('<?xml'), true);
  const bad = runCli(['kwic', 'wheat', '--sort', 'middle', '--db', db]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--sort expects position, left, right/);
  const noTerm = runCli(['kwic', 'after:2023', '--db', db]);
  assert.match(noTerm.stderr, /give a term/);
  const exp = runCli(['export', 'mentions', '--format', 'csv', '--query', 'wheat', '--db', db]);
  assert.equal(exp.stdout, 'article_id,start,end,type,text,entity_id,entity\n4,116,122,LOC,Ostria,,\n5,58,64,LOC,Ostria,,\n');
});
