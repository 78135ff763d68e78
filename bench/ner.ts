/**
 * bench/ner: the NER tagger against compromise, in the same run, on the
 * CoNLL-2003 dev split (../shared/data/conll2003/dev.txt).
 *
 * - accuracy: our CoNLL output scored by ../shared/tools/conlleval.mjs (all
 *   four types), and compromise's people/places/organisations scored on
 *   PER/LOC/ORG (it has no MISC), both by the same scorer;
 * - speed: tokens per second on one core over the dev documents as plain
 *   text, tokenisation and sentence splitting included (the first pass warms
 *   caches and the JIT; the figure is the best of three passes, and the cold
 *   first pass is reported too);
 * - model size on disk and load time.
 *
 *   npm run bench:ner
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nlp from 'compromise';
import { readConll } from '../src/nlp/ner/conll.js';
import { iob1Of, type NerType, type Span } from '../src/nlp/ner/tags.js';
import { DEFAULT_CLUSTERS, DEFAULT_MODEL, NerTagger } from '../src/nlp/ner/tagger.js';
import { tokenize } from '../src/structure/tokens.js';
import { machine, pinToOneCore } from './one-core.js';

pinToOneCore();
const shared = resolve(process.cwd(), '../shared');
const devPath = join(shared, 'data/conll2003/dev.txt');
const scorer = join(shared, 'tools/conlleval.mjs');
const docs = readConll(devPath);
const tmp = mkdtempSync(join(tmpdir(), 'newslens-ner-'));

interface Scored {
  overall: { precision: number; recall: number; f1: number };
  types: Record<string, { precision: number; recall: number; f1: number }>;
}
function score(pred: string[][][], types?: string): Scored {
  // Gold columns and the predicted tag, one line per token, in the dev file's layout.
  const lines: string[] = [];
  docs.forEach((d, di) => {
    lines.push('-DOCSTART- -X- -X- O', '');
    d.sentences.forEach((s, si) => {
      s.lines.forEach((l, i) => lines.push(`${l} ${pred[di]![si]![i]}`));
      lines.push('');
    });
  });
  const file = join(tmp, `pred-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, lines.join('\n'));
  const args = [scorer, devPath, file, '--json', ...(types ? ['--types', types] : [])];
  const out = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<string, unknown>;
  return normaliseScore(out);
}
function normaliseScore(o: Record<string, unknown>): Scored {
  // The scorer prints percentages as p, r, f1.
  const pick = (x: unknown) => {
    const r = x as Record<string, number>;
    return { precision: r.p!, recall: r.r!, f1: r.f1! };
  };
  return { overall: pick(o.overall), types: Object.fromEntries(Object.entries((o.types ?? {}) as Record<string, unknown>).map(([k, v]) => [k, pick(v)])) };
}

// The dev documents as text: tokens joined by spaces, one sentence per line.
const texts = docs.map((d) => d.sentences.map((s) => s.tokens.join(' ')).join('\n'));
const tokenCount = texts.reduce((n, t) => n + tokenize(t).length, 0);

// --- newslens ---
let t0 = performance.now();
const tagger = NerTagger.load();
const loadMs = performance.now() - t0;
const ours = docs.map((d) => tagger.tagDocument(d.sentences.map((s) => s.tokens)).map((spans, si) => iob1Of(spans, d.sentences[si]!.tokens.length)));
const oursScore = score(ours);
const oursScore3 = score(ours, 'PER,LOC,ORG');
const speed = (fn: (t: string) => unknown) => {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (const text of texts) fn(text);
    runs.push(tokenCount / ((performance.now() - t) / 1000));
  }
  return { cold: Math.round(runs[0]!), best: Math.round(Math.max(...runs)) };
};
const oursSpeed = speed((t) => tagger.tagText(t));

// --- compromise: people, places, organisations, mapped back onto the CoNLL tokens ---
function compromiseTags(text: string, tokens: string[][]): string[][] {
  const starts: number[][] = [];
  let pos = 0;
  for (const sent of tokens) {
    starts.push(sent.map((tok) => {
      const s = pos;
      pos += tok.length + 1;
      return s;
    }));
  }
  const doc = nlp(text);
  const spans: Span[][] = tokens.map(() => []);
  const found: Array<[NerType, Array<{ offset: { start: number; length: number } }>]> = [
    ['PER', doc.people().json({ offset: true }) as Array<{ offset: { start: number; length: number } }>],
    ['LOC', doc.places().json({ offset: true }) as Array<{ offset: { start: number; length: number } }>],
    ['ORG', doc.organizations().json({ offset: true }) as Array<{ offset: { start: number; length: number } }>],
  ];
  for (const [type, list] of found) {
    for (const m of list) {
      const a = m.offset.start;
      const b = a + m.offset.length;
      starts.forEach((ss, si) => {
        const inside = ss.map((s, i) => [s, s + tokens[si]![i]!.length, i] as const).filter(([s, e]) => s < b && e > a && /\w/.test(text.slice(s, e)));
        if (inside.length) spans[si]!.push({ start: inside[0]![2], end: inside[inside.length - 1]![2] + 1, type });
      });
    }
  }
  return spans.map((list, si) => {
    const clean = list.sort((x, y) => x.start - y.start).filter((s, i, arr) => i === 0 || s.start >= arr[i - 1]!.end);
    return iob1Of(clean, tokens[si]!.length);
  });
}
const theirs = docs.map((d, di) => compromiseTags(texts[di]!, d.sentences.map((s) => s.tokens)));
const theirScore = score(theirs, 'PER,LOC,ORG');
const theirSpeed = speed((t) => {
  const doc = nlp(t);
  doc.people().json({ offset: true });
  doc.places().json({ offset: true });
  doc.organizations().json({ offset: true });
});
rmSync(tmp, { recursive: true, force: true });

const pct = (x: number) => +x.toFixed(2);
const fmt = (s: Scored) => ({
  f1: pct(s.overall.f1),
  precision: pct(s.overall.precision),
  recall: pct(s.overall.recall),
  byType: Object.fromEntries(Object.entries(s.types).map(([k, v]) => [k, { p: pct(v.precision), r: pct(v.recall), f1: pct(v.f1) }])),
});
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString().slice(0, 10),
      data: 'CoNLL-2003 dev (eng.testa)',
      tokens: tokenCount,
      machine: machine(),
      newslens: {
        allTypes: fmt(oursScore),
        perLocOrg: fmt(oursScore3),
        tokensPerSecond: oursSpeed,
        modelBytes: statSync(DEFAULT_MODEL).size,
        clusterBytes: statSync(DEFAULT_CLUSTERS).size,
        loadMs: Math.round(loadMs),
      },
      compromise: { version: (nlp as unknown as { version: string }).version, perLocOrg: fmt(theirScore), tokensPerSecond: theirSpeed },
    },
    null,
    2,
  ),
);
