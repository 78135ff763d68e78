/**
 * Training the perceptron: epochs over shuffled sentences (a seeded order,
 * so runs are reproducible), the averaged model after each epoch scored on
 * dev, and the best epoch kept. Dev is used for choosing epochs only.
 */
import { rng } from '../../random.js';
import type { Csr } from './features.js';
import { Perceptron } from './perceptron.js';

export interface Example {
  feats: Csr;
  /** Pass-2 (document) features, token-aligned with feats. */
  extra?: Csr | undefined;
  gold: Int32Array;
}

export interface TrainOptions {
  nFeatures: number;
  /** Train exactly this many epochs… */
  epochs?: number;
  /** …or up to this many, keeping the best by `score` (stopping after `patience` epochs without gain). */
  maxEpochs?: number;
  score?: (model: Perceptron) => number;
  patience?: number;
  seed?: number;
  log?: (epoch: number, errors: number, score: number | undefined) => void;
}

export function trainPerceptron(examples: Example[], o: TrainOptions): { model: Perceptron; epoch: number; score: number } {
  const model = new Perceptron(o.nFeatures);
  const random = rng(o.seed ?? 20031);
  const order = examples.map((_, i) => i);
  const last = o.epochs ?? o.maxEpochs ?? 10;
  let best = { model: model.averaged(), epoch: 0, score: -Infinity };
  for (let epoch = 1; epoch <= last; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const idx of order) {
      const ex = examples[idx]!;
      const pred = model.decode(ex.feats, ex.extra);
      if (pred.some((t, i) => t !== ex.gold[i])) {
        errors++;
        model.update(ex.feats, ex.gold, pred, ex.extra);
      }
      model.tick();
    }
    if (o.epochs !== undefined || !o.score) {
      o.log?.(epoch, errors, undefined);
      if (epoch === last) best = { model: model.averaged(), epoch, score: NaN };
      continue;
    }
    const avg = model.averaged();
    const score = o.score(avg);
    o.log?.(epoch, errors, score);
    if (score > best.score) best = { model: avg, epoch, score };
    else if (epoch - best.epoch >= (o.patience ?? 4)) break;
  }
  return best;
}
