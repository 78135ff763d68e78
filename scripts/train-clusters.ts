/**
 * npm run train:clusters — learns word clusters from unlabeled news text
 * (by default the scale corpus under ../shared/data/corpora), for the NER
 * tagger's features. Our own code, deterministic:
 *
 * 1. tokenise the corpus (our tokenizer) and count words;
 * 2. for the most frequent words, count their left and right neighbours
 *    among the most frequent context words;
 * 3. weight the counts by positive pointwise mutual information, project the
 *    rows to a dense space with a seeded random Gaussian matrix;
 * 4. cluster the vectors by spherical k-means, hierarchically (16, then 8
 *    within each, then 8 within each: 16 / 128 / 1,024 clusters), so each
 *    word gets a coarse-to-fine path much like a Brown-cluster prefix.
 *
 * Output: models/clusters.tsv.gz, "word<TAB>c0<TAB>c1<TAB>c2" per line.
 *
 *   node dist/scripts/train-clusters.js [--corpus FILE.jsonl[.gz]]… [--vocab N] [--contexts N]
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { gzipSync } from 'node:zlib';
import { rng } from '../src/random.js';
import { tokenize } from '../src/structure/tokens.js';
import { ROOT } from './paths.js';

const args = process.argv.slice(2);
const many = (name: string) => args.flatMap((a, i) => (args[i - 1] === name ? [a] : []));
const opt = (name: string) => many(name)[0];
const corpora = many('--corpus').length ? many('--corpus').map((p) => resolve(p)) : [join(ROOT, '../shared/data/corpora/scale/corpus.jsonl.gz')];
const VOCAB = Number(opt('--vocab') ?? 60000);
const CONTEXTS = Number(opt('--contexts') ?? 1500);
const DIM = 200;
const LEVELS = [16, 8, 8];
const out = resolve(opt('--out') ?? join(ROOT, 'models/clusters.tsv.gz'));
const t0 = performance.now();
const log = (s: string) => console.log(`${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s  ${s}`);

// 1. Tokens to ids (a growing int stream; -1 separates documents and paragraphs).
const ids = new Map<string, number>();
const words: string[] = [];
let counts = new Uint32Array(1 << 20);
let stream = new Int32Array(1 << 24);
let len = 0;
const push = (v: number) => {
  if (len === stream.length) {
    const s = new Int32Array(stream.length * 2);
    s.set(stream);
    stream = s;
  }
  stream[len++] = v;
};
for (const file of corpora) {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { title?: string; text?: string };
    for (const part of [doc.title ?? '', ...(doc.text ?? '').split(/\n+/)]) {
      for (const t of tokenize(part)) {
        const w = part.slice(t.start, t.end);
        let id = ids.get(w);
        if (id === undefined) {
          id = words.length;
          ids.set(w, id);
          words.push(w);
          if (id >= counts.length) {
            const c = new Uint32Array(counts.length * 2);
            c.set(counts);
            counts = c;
          }
        }
        counts[id]!++;
        push(id);
      }
      push(-1);
    }
  }
}
log(`${len.toLocaleString()} tokens, ${words.length.toLocaleString()} distinct words`);

// 2. Vocabulary and context words by frequency; co-occurrence counts.
const byFreq = words.map((_, i) => i).sort((a, b) => counts[b]! - counts[a]! || (words[a]! < words[b]! ? -1 : 1));
const vocab = byFreq.slice(0, VOCAB);
const row = new Int32Array(words.length).fill(-1);
vocab.forEach((id, r) => (row[id] = r));
const col = new Int32Array(words.length).fill(-1);
byFreq.slice(0, CONTEXTS).forEach((id, c) => (col[id] = c));
const W = 2 * CONTEXTS;
const co = new Float32Array(vocab.length * W);
for (let i = 0; i < len; i++) {
  const r = row[stream[i]!] ?? -1;
  if (stream[i]! < 0 || r < 0) continue;
  const left = i > 0 ? stream[i - 1]! : -1;
  const right = i + 1 < len ? stream[i + 1]! : -1;
  if (left >= 0 && col[left]! >= 0) co[r * W + col[left]!]!++;
  if (right >= 0 && col[right]! >= 0) co[r * W + CONTEXTS + col[right]!]!++;
}
log(`co-occurrences of ${vocab.length} words with ${CONTEXTS} context words on each side (min word count ${counts[vocab[vocab.length - 1]!]})`);

// 3. PPMI (context distribution smoothed with exponent 0.75) and random projection.
const rowSum = new Float64Array(vocab.length);
const colSum = new Float64Array(W);
for (let r = 0; r < vocab.length; r++) for (let c = 0; c < W; c++) {
  const v = co[r * W + c]!;
  rowSum[r]! += v;
  colSum[c]! += v;
}
const colPow = colSum.map((v) => Math.pow(v, 0.75));
const colPowSum = colPow.reduce((a, b) => a + b, 0);
const total = rowSum.reduce((a, b) => a + b, 0);
const random = rng(7);
const gauss = () => {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
const R = new Float32Array(W * DIM).map(() => gauss());
const X = new Float32Array(vocab.length * DIM);
for (let r = 0; r < vocab.length; r++) {
  if (rowSum[r] === 0) continue;
  const y = X.subarray(r * DIM, (r + 1) * DIM);
  for (let c = 0; c < W; c++) {
    const v = co[r * W + c]!;
    if (v === 0) continue;
    const pmi = Math.log((v / total) / ((rowSum[r]! / total) * (colPow[c]! / colPowSum)));
    if (pmi <= 0) continue;
    const base = c * DIM;
    for (let d = 0; d < DIM; d++) y[d]! += pmi * R[base + d]!;
  }
  let norm = 0;
  for (let d = 0; d < DIM; d++) norm += y[d]! * y[d]!;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIM; d++) y[d]! /= norm;
}
log(`PPMI vectors projected to ${DIM} dimensions`);

// 4. Hierarchical spherical k-means.
function kmeans(members: number[], k: number, seed: number): number[] {
  const assign = new Array<number>(members.length).fill(0);
  if (members.length <= k) return members.map((_, i) => i);
  const rand = rng(seed);
  // k-means++ seeding.
  const C = new Float32Array(k * DIM);
  const dist = new Float64Array(members.length).fill(Infinity);
  let pick = Math.floor(rand() * members.length);
  for (let c = 0; c < k; c++) {
    C.set(X.subarray(members[pick]! * DIM, (members[pick]! + 1) * DIM), c * DIM);
    let sum = 0;
    for (let i = 0; i < members.length; i++) {
      let dot = 0;
      const o = members[i]! * DIM;
      for (let d = 0; d < DIM; d++) dot += X[o + d]! * C[c * DIM + d]!;
      dist[i] = Math.min(dist[i]!, Math.max(0, 1 - dot));
      sum += dist[i]!;
    }
    let target = rand() * sum;
    pick = 0;
    for (let i = 0; i < members.length; i++) {
      target -= dist[i]!;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
  }
  for (let iter = 0; iter < 15; iter++) {
    let moved = 0;
    for (let i = 0; i < members.length; i++) {
      const o = members[i]! * DIM;
      let best = -Infinity;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const co2 = c * DIM;
        for (let d = 0; d < DIM; d++) dot += X[o + d]! * C[co2 + d]!;
        if (dot > best) {
          best = dot;
          arg = c;
        }
      }
      if (assign[i] !== arg) moved++;
      assign[i] = arg;
    }
    C.fill(0);
    for (let i = 0; i < members.length; i++) {
      const o = members[i]! * DIM;
      const co2 = assign[i]! * DIM;
      for (let d = 0; d < DIM; d++) C[co2 + d]! += X[o + d]!;
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < DIM; d++) norm += C[c * DIM + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < DIM; d++) C[c * DIM + d]! /= norm;
    }
    if (moved < members.length / 1000) break;
  }
  return assign;
}

const paths: string[][] = vocab.map(() => []);
let groups: number[][] = [vocab.map((_, r) => r)];
LEVELS.forEach((k, level) => {
  const next: number[][] = [];
  groups.forEach((members, g) => {
    const assign = kmeans(members, k, 1000 * level + g);
    const parts: number[][] = Array.from({ length: k }, () => []);
    assign.forEach((a, i) => parts[a]!.push(members[i]!));
    parts.forEach((p, a) => {
      for (const r of p) paths[r]!.push(level === 0 ? String(a) : `${paths[r]![level - 1]}.${a}`);
      if (p.length) next.push(p);
    });
  });
  groups = next;
  log(`level ${level + 1}: ${groups.length} clusters`);
});

const lines = vocab.map((id, r) => `${words[id]}\t${paths[r]!.join('\t')}`);
writeFileSync(out, gzipSync(lines.join('\n') + '\n', { level: 9 }));
log(`wrote ${out}`);
for (const probe of ['Russia', 'Moscow', 'Tokayev', 'Reuters', 'said', 'Monday', 'Clinton', 'Inc', 'percent']) {
  const r = row[ids.get(probe) ?? -1];
  if (r !== undefined && r >= 0) {
    const same = vocab.filter((_, q) => paths[q]![2] === paths[r]![2]).slice(0, 12).map((id) => words[id]);
    console.log(`  ${probe} → ${paths[r]!.join(' / ')}: ${same.join(' ')}`);
  }
}
