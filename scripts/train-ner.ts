/**
 * npm run train:ner — trains the two-pass NER tagger on CoNLL-2003 train and
 * writes models/ner.bin.gz. Dev is used only to choose the number of epochs.
 *
 * Pass 1 tags from sentence-level features. Pass 2 adds what pass 1 said
 * about the same words elsewhere in the document; its training data gets
 * pass-1 tags from models that did not see that document (5-fold
 * jackknifing), so pass 2 learns how far to trust pass 1 on unseen text.
 *
 *   node dist/scripts/train-ner.js [--data DIR] [--epochs N] [--min-count N] [--no-clusters] [--no-gazetteer] [--out FILE]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readConll, type ConllDoc } from '../src/nlp/ner/conll.js';
import { evaluate } from '../src/nlp/ner/evaluate.js';
import { CsrWriter, docStats, FeatureExtractor, FeatureSpace, registerAggregateFeatures, type Csr } from '../src/nlp/ner/features.js';
import { saveModel } from '../src/nlp/ner/model-io.js';
import type { Perceptron } from '../src/nlp/ner/perceptron.js';
import { bilouOf, spansOf, TAG_INDEX, TAGS, type Span } from '../src/nlp/ner/tags.js';
import { DEFAULT_CLUSTERS, DEFAULT_MODEL, loadResources } from '../src/nlp/ner/tagger.js';
import { trainPerceptron, type Example } from '../src/nlp/ner/train.js';
import { ROOT } from './paths.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = resolve(opt('--data') ?? join(ROOT, '../shared/data/conll2003'));
const maxEpochs = Number(opt('--epochs') ?? 20);
const minCount = Number(opt('--min-count') ?? 2);
const FOLDS = 5;
const out = resolve(opt('--out') ?? DEFAULT_MODEL);
const clusters = args.includes('--no-clusters') || !existsSync(DEFAULT_CLUSTERS) ? null : 'clusters.tsv.gz';
const gazetteer = !args.includes('--no-gazetteer');
const t0 = performance.now();
const log = (s: string) => console.log(`${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s  ${s}`);

const train = readConll(join(dataDir, 'train.txt'));
const dev = readConll(join(dataDir, 'dev.txt'));
const resources = loadResources(clusters, gazetteer);
log(`train: ${train.length} documents; dev: ${dev.length}; clusters: ${clusters ?? 'none'}; gazetteer: ${gazetteer}`);

/** Sentence features of every document (pass 1), as owned copies. */
function featuresOf(docs: ConllDoc[], extractor: FeatureExtractor): Csr[][] {
  const w = new CsrWriter();
  return docs.map((doc) => {
    const stats = docStats(doc.sentences.map((s) => s.tokens));
    return doc.sentences.map((s) => {
      w.reset();
      const [a, b] = extractor.sentence(s.tokens, stats, w);
      return w.copy(a, b);
    });
  });
}
const goldOf = (docs: ConllDoc[]) => docs.map((d) => d.sentences.map((s) => Int32Array.from(bilouOf(s.spans, s.tokens.length), (t) => TAG_INDEX.get(t)!)));

// Features seen at least minCount times in train, plus the closed set of pass-2 features.
const counting = new FeatureSpace();
const counted = featuresOf(train, new FeatureExtractor(counting, resources));
const counts = new Uint32Array(counting.size);
for (const d of counted) for (const s of d) for (const id of s.ids) counts[id]!++;
const kept = new Map<string, number>();
for (const [name, id] of counting.ids) if (counts[id]! >= minCount) kept.set(name, kept.size);
const space = new FeatureSpace(kept, true);
registerAggregateFeatures(space, TAGS);
const extractor = new FeatureExtractor(space, resources);
const trainFeats = featuresOf(train, extractor);
const devFeats = featuresOf(dev, extractor);
const trainGold = goldOf(train);
log(`features: ${counting.size} seen, ${space.size} kept (count >= ${minCount})`);

const flat = (feats: Csr[][], gold: Int32Array[][], docs: number[], extra?: Csr[][]): Example[] =>
  docs.flatMap((d) => feats[d]!.map((f, s) => ({ feats: f, extra: extra?.[d]![s], gold: gold[d]![s]! })));
const allTrain = train.map((_, i) => i);

function tagAll(model: Perceptron, feats: Csr[][], extra?: Csr[][]): Int32Array[][] {
  return feats.map((d, di) => d.map((s, si) => model.decode(s, extra?.[di]![si])));
}
/** Pass-2 (document) features of every sentence, from pass-1 tags. */
function pass2Feats(docs: ConllDoc[], pass1: Int32Array[][]): Csr[][] {
  const w = new CsrWriter();
  return docs.map((doc, d) => {
    w.reset();
    extractor.aggregate(doc.sentences.map((s) => s.tokens), pass1[d]!, TAGS, w);
    let at = 0;
    return doc.sentences.map((s) => w.copy(at, (at += s.tokens.length)));
  });
}
function devF1(pred: Int32Array[][]): { f1: number; byType: string } {
  const pairs: Array<{ gold: Span[]; pred: Span[] }> = [];
  dev.forEach((doc, d) => doc.sentences.forEach((s, i) => pairs.push({ gold: s.spans, pred: spansOf(Array.from(pred[d]![i]!, (t) => TAGS[t]!)) })));
  const ev = evaluate(pairs);
  return { f1: ev.overall.f1, byType: Object.entries(ev.byType).map(([t, s]) => `${t} ${(s.f1 * 100).toFixed(2)}`).join(', ') };
}
const report = (pass: number) => (epoch: number, errors: number, score: number | undefined) =>
  log(`pass ${pass} epoch ${epoch}: ${errors} sentences wrong${score === undefined ? '' : `; dev F1 ${(score * 100).toFixed(2)}`}`);

// Pass 1 on all of train, epochs chosen on dev.
const p1 = trainPerceptron(flat(trainFeats, trainGold, allTrain), {
  nFeatures: space.size,
  maxEpochs,
  score: (m) => devF1(tagAll(m, devFeats)).f1,
  log: report(1),
});
log(`pass 1: best dev F1 ${(p1.score * 100).toFixed(2)} at epoch ${p1.epoch} (${devF1(tagAll(p1.model, devFeats)).byType})`);

// Jackknifed pass-1 tags for train.
const trainPass1: Int32Array[][] = [];
for (let fold = 0; fold < FOLDS; fold++) {
  const inFold = allTrain.filter((d) => d % FOLDS === fold);
  const rest = allTrain.filter((d) => d % FOLDS !== fold);
  const m = trainPerceptron(flat(trainFeats, trainGold, rest), { nFeatures: space.size, epochs: p1.epoch, seed: 100 + fold });
  for (const d of inFold) trainPass1[d] = trainFeats[d]!.map((s) => m.model.decode(s));
  log(`fold ${fold + 1}/${FOLDS} tagged`);
}
const devPass1 = tagAll(p1.model, devFeats);

// Pass 2.
const train2 = pass2Feats(train, trainPass1);
const dev2 = pass2Feats(dev, devPass1);
const p2 = trainPerceptron(flat(trainFeats, trainGold, allTrain, train2), {
  nFeatures: space.size,
  maxEpochs,
  score: (m) => devF1(tagAll(m, devFeats, dev2)).f1,
  log: report(2),
});
const final = devF1(tagAll(p2.model, devFeats, dev2));
log(`pass 2: best dev F1 ${(p2.score * 100).toFixed(2)} at epoch ${p2.epoch} (${final.byType})`);

const header = saveModel(out, space, [p1.model, p2.model], {
  clusters,
  gazetteer,
  trainedOn: 'CoNLL-2003 train (eng.train); epochs chosen on dev (eng.testa)',
  epochs: [p1.epoch, p2.epoch],
});
log(`wrote ${out} (${header.features} features)`);
