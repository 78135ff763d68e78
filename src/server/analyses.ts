/**
 * The work the server runs on worker threads (analysis-pool.ts), so that its
 * event loop only routes, caches and sends. Two tables, read by the routes
 * (what to ask for) and the workers (what to run); each entry calls the
 * src/query function the CLI calls.
 *
 * - ANALYSES, the heavy ones: each reads much of a subcorpus's text, seconds
 *   on a large corpus; run at a lower thread priority, one per client at most
 *   HEAVY_PER_CLIENT, stopped past a time budget or when the client goes.
 * - QUERIES, the quick ones whose cost grows with the corpus (milliseconds):
 *   run on as many threads as there are cores, so a two-core machine answers
 *   two searches at once.
 */
import type { Static } from '@sinclair/typebox';
import { compare } from '../query/compare.js';
import { collocates, keyness, keynessBy } from '../query/keyness.js';
import { discoverPhrases } from '../query/knowledge.js';
import { network, toGraphML } from '../query/network.js';
import {
  CollocatesParams,
  CompareParams,
  compareOptions,
  KeynessParams,
  KwicParams,
  NetworkParams,
  PhrasesParams,
  RelationsParams,
  SearchParams,
  StoriesParams,
  storiesOptions,
  TrendsParams,
} from '../query/params.js';
import { relations, relationsGraphML } from '../query/relations.js';
import { countingNote } from '../query/stopwords.js';
import { search } from '../query/search.js';
import { stories } from '../query/stories.js';
import { trends } from '../query/trends.js';
import { kwic } from '../query/kwic.js';
import type { Store } from '../store/store.js';

export const ANALYSES = {
  keyness: (s: Store, { q, by, reference, ...o }: Static<typeof KeynessParams>) => {
    const counting = countingNote({ stopwords: !o.keepStopwords });
    if (by) return { ...keynessBy(s, q, by, o), counting };
    return { ...keyness(s, q, { ...o, ...(reference !== undefined ? { reference } : {}) }), counting };
  },
  collocates: (s: Store, { q, ...o }: Static<typeof CollocatesParams>) => ({ ...collocates(s, q, o), counting: countingNote({ stopwords: !o.keepStopwords }) }),
  network: (s: Store, { q, ...o }: Static<typeof NetworkParams>) => network(s, q, o),
  networkGraphML: (s: Store, { q, ...o }: Static<typeof NetworkParams>) => toGraphML(network(s, q, o)),
  relations: (s: Store, { q, ...o }: Static<typeof RelationsParams>) => relations(s, q, o),
  relationsGraphML: (s: Store, { q, ...o }: Static<typeof RelationsParams>) => relationsGraphML(relations(s, q, o)),
  stories: (s: Store, { q, ...o }: Static<typeof StoriesParams>) => stories(s, q, storiesOptions(o)),
  compare: (s: Store, { q, ...o }: Static<typeof CompareParams>) => compare(s, q, compareOptions(o)),
  phrases: (s: Store, { q, ...o }: Static<typeof PhrasesParams>) => ({ phrases: discoverPhrases(s, { ...o, query: q }) }),
};

export type AnalysisName = keyof typeof ANALYSES;

export const QUERIES = {
  search: (s: Store, { q, ...o }: Static<typeof SearchParams>) => search(s, q, o),
  trends: (s: Store, { q, ...o }: Static<typeof TrendsParams>) => trends(s, q, o),
  kwic: (s: Store, { q, ...o }: Static<typeof KwicParams>) => kwic(s, q, o),
};

export type QueryName = keyof typeof QUERIES;

/** Everything a worker can be asked to run. */
export const WORK: Record<AnalysisName | QueryName, (s: Store, params: never) => unknown> = { ...ANALYSES, ...QUERIES };
export type WorkName = keyof typeof WORK;
