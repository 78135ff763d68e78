/**
 * Near-duplicates: MinHash signatures over 5-word shingles, with LSH banding
 * to find candidate pairs without comparing every pair (Broder 1997; Leskovec
 * et al., Mining of Massive Datasets, ch. 3). Syndicated copies and
 * republished pieces share most shingles even when their headers, footers
 * and small edits differ.
 */
import { eachWord } from '../query/words.js';

const HASHES = 64;
const BANDS = 16; // 16 bands of 4 rows: pairs above about 0.5 Jaccard become candidates
const ROWS = HASHES / BANDS;
const SHINGLE = 5;

/** 32-bit FNV-1a of a string. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit mixer (murmur3's finaliser), seeded per hash function. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(i + 1, 0x9e3779b9));

/**
 * A shingle is hashed from its words' hashes (no string is built), and each
 * of the HASHES functions is one multiply-xorshift of it: the inner loop runs
 * once per shingle and function, millions of times on a corpus. The words are
 * the search index's (eachWord: lower-cased a piece of text at a time, accents
 * off), so "Café" and "cafe" are one word here as there.
 */
export function signature(text: string): Uint32Array {
  const words: number[] = [];
  eachWord(text, (w) => {
    words.push(fnv(w));
  });
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const n = Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    let sh = 0x811c9dc5;
    for (let j = i; j < Math.min(words.length, i + SHINGLE); j++) sh = Math.imul(sh ^ words[j]!, 0x01000193);
    for (let k = 0; k < HASHES; k++) {
      let v = Math.imul(sh ^ SEEDS[k]!, 0x9e3779b1);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two documents' shingle sets. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/**
 * Groups of near-duplicate documents (estimated Jaccard ≥ threshold, joined
 * transitively), as lists of positions into `sigs`; only groups of two or more.
 */
export function nearDuplicateGroups(sigs: Uint32Array[], threshold = 0.7): number[][] {
  const parent = sigs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let b = 0; b < BANDS; b++) {
    const buckets = new Map<string, number[]>();
    sigs.forEach((s, i) => {
      const key = Array.from(s.subarray(b * ROWS, (b + 1) * ROWS)).join(',');
      let list = buckets.get(key);
      if (!list) buckets.set(key, (list = []));
      list.push(i);
    });
    for (const list of buckets.values()) {
      if (list.length < 2 || list.length > 1000) continue; // a huge bucket is boilerplate, not copies
      // Small buckets: every pair; big ones: each against the first (bounded work).
      const firsts = list.length <= 50 ? list.length - 1 : 1;
      for (let x = 0; x < firsts; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const i = list[x]!;
          const j = list[y]!;
          if (find(i) !== find(j) && similarity(sigs[i]!, sigs[j]!) >= threshold) parent[find(j)] = find(i);
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  sigs.forEach((_, i) => {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}
