/**
 * bench/knowledge: what the knowledge stages (quotes, events with their
 * CAMEO verb and actor coding, tone) add to the annotate stage, measured in
 * one run so the machine's drift between runs cancels: every article is
 * annotated twice in turn, with and without the knowledge stages, on one
 * core, after one warm-up pass; the share is the knowledge time over the
 * entity stage's (tokens, tagger, linking, figures).
 *
 *   node dist/bench/knowledge.js [--corpus FILE] [--articles N] [--rounds R]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { annotate, defaultTagger } from '../src/nlp/annotate.js';
import { ingest } from '../src/pipeline.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { arg, commit, largestJsonl, machine } from './corpus.js';
import { pinToOneCore } from './one-core.js';

pinToOneCore();
const corpus = arg('--corpus') ?? largestJsonl(resolve(process.cwd(), '../shared/data/corpora'));
const limit = Number(arg('--articles') ?? 1500);
const rounds = Number(arg('--rounds') ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'newslens-knowledge-'));
const store = openSqliteStore(join(dir, 'k.db'));
await ingest([corpus], store, { annotate: false });
const articles = [];
for (let id = 1; articles.length < limit; id++) {
  const a = store.getArticle(String(id));
  if (!a) break;
  articles.push(a);
}
store.close();
rmSync(dir, { recursive: true, force: true });

const tagger = defaultTagger();
for (const a of articles) annotate(a, tagger, true); // warm-up: lexicons loaded, code optimised
let entities = 0;
let whole = 0;
let events = 0;
for (let r = 0; r < rounds; r++) {
  for (const a of articles) {
    // Alternate which goes first, so neither always runs on a warm cache.
    const order = (r + a.text.length) % 2 === 0;
    for (const knowledge of order ? [false, true] : [true, false]) {
      const t = performance.now();
      const out = annotate(a, tagger, knowledge);
      const ms = performance.now() - t;
      if (knowledge) {
        whole += ms;
        events += 'events' in out ? out.events.length : 0;
      } else entities += ms;
    }
  }
}
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString().slice(0, 10),
      corpus,
      articles: articles.length,
      rounds,
      entityStageSeconds: +(entities / 1000).toFixed(2),
      withKnowledgeSeconds: +(whole / 1000).toFixed(2),
      knowledgeShare: `+${((100 * (whole - entities)) / entities).toFixed(1)}%`,
      eventsPerArticle: +(events / rounds / articles.length).toFixed(2),
      machine: machine(),
      commit: commit(),
    },
    null,
    2,
  ),
);
