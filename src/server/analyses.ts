/**
 * The heavy analyses: each reads much of a subcorpus's text, so the server
 * runs them on worker threads (analysis-pool.ts) and keeps its event loop for
 * searches. One table, read by the routes (what to ask for) and the workers
 * (what to run); each entry calls the src/query function the CLI calls.
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
  NetworkParams,
  PhrasesParams,
  RelationsParams,
  StoriesParams,
  storiesOptions,
} from '../query/params.js';
import { relations, relationsGraphML } from '../query/relations.js';
import { countingNote } from '../query/stopwords.js';
import { stories } from '../query/stories.js';
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
