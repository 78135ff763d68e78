/**
 * Word clusters learned by newslens from unlabeled news text
 * (scripts/train-clusters.ts): each word maps to its cluster at several
 * granularities, coarse to fine. The tagger uses them so that words unseen
 * in its training data still share features with words that were seen.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** word → cluster ids, coarse to fine. */
export type WordClusters = Map<string, string[]>;

/** Reads "word<TAB>c1<TAB>c2…" lines (gzipped). */
export function parseClusters(text: string): WordClusters {
  const m: WordClusters = new Map();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const parts = line.split('\t');
    m.set(parts[0]!, parts.slice(1));
  }
  return m;
}

export function loadClusters(path: string): WordClusters {
  return parseClusters(gunzipSync(readFileSync(path)).toString('utf8'));
}
