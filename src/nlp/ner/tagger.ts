/**
 * The NER tagger: a trained model plus its resources. Tags documents given
 * as sentences of token strings (CoNLL input) or plain text (tokenised and
 * split here), and makes the tags of a name consistent across a document.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadClusters } from '../clusters.js';
import { loadGazetteer } from '../gazetteer.js';
import { tokenize, type Token } from '../../structure/tokens.js';
import { splitSentences } from '../../structure/sentences.js';
import { CsrWriter, docStats, FeatureExtractor, FeatureSpace, type Resources } from './features.js';
import { loadModel, type ModelHeader } from './model-io.js';
import type { Perceptron } from './perceptron.js';
import { spansOf, TAGS, type NerType, type Span } from './tags.js';

export const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../models');
export const DEFAULT_MODEL = join(MODELS_DIR, 'ner.bin.gz');
export const DEFAULT_CLUSTERS = join(MODELS_DIR, 'clusters.tsv.gz');

export interface TextEntity {
  start: number;
  end: number;
  type: NerType;
  text: string;
}

export function loadResources(clusters: string | null, gazetteer: boolean): Resources {
  return {
    clusters: clusters ? loadClusters(join(MODELS_DIR, clusters)) : undefined,
    gazetteer: gazetteer ? loadGazetteer() : undefined,
  };
}

export class NerTagger {
  readonly extractor: FeatureExtractor;
  private readonly pass1 = new CsrWriter();
  private readonly pass2 = new CsrWriter();
  constructor(
    readonly passes: Perceptron[],
    readonly header: ModelHeader,
    resources: Resources,
    readonly space: FeatureSpace,
  ) {
    this.extractor = new FeatureExtractor(space, resources);
  }

  static load(path = DEFAULT_MODEL): NerTagger {
    if (!existsSync(path)) throw new Error(`no NER model at ${path}; train one with: npm run train:ner`);
    const { header, space, passes } = loadModel(path);
    return new NerTagger(passes, header, loadResources(header.clusters, header.gazetteer), space);
  }

  /** Tag ids for each sentence of one document: pass 1, then pass 2 with document-level features. */
  tagIds(sentences: string[][]): Int32Array[] {
    const stats = docStats(sentences);
    const w1 = this.pass1;
    w1.reset();
    const ranges = sentences.map((toks) => this.extractor.sentence(toks, stats, w1));
    const tags = ranges.map(([a, b]) => this.passes[0]!.decode(w1.view(a, b)));
    const second = this.passes[1];
    if (!second) return tags;
    const w2 = this.pass2;
    w2.reset();
    this.extractor.aggregate(sentences, tags, TAGS, w2);
    return ranges.map(([a, b]) => second.decode(w1.view(a, b), w2.view(a, b)));
  }

  /** Spans (token indices) for each sentence of one document. */
  tagDocument(sentences: string[][]): Span[][] {
    return this.tagIds(sentences).map((tags) => spansOf(Array.from(tags, (t) => TAGS[t]!)));
  }

  /** Entities in a text, with character offsets. */
  tagText(text: string, tokens: Token[] = tokenize(text)): TextEntity[] {
    const sentences = splitSentences(text, tokens);
    const words = sentences.map((s) => tokens.slice(s.first, s.last).map((t) => text.slice(t.start, t.end)));
    const spans = this.tagDocument(words);
    const out: TextEntity[] = [];
    spans.forEach((list, si) => {
      const base = sentences[si]!.first;
      for (const sp of list) {
        const start = tokens[base + sp.start]!.start;
        const end = tokens[base + sp.end - 1]!.end;
        out.push({ start, end, type: sp.type, text: text.slice(start, end) });
      }
    });
    return out;
  }
}
