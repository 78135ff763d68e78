/** Entity-level precision, recall and F1 (exact spans), as conlleval counts them. */
import { TYPES, type Span } from './tags.js';

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface Evaluation {
  overall: Scores;
  byType: Record<string, Scores>;
}

const scores = (tp: number, fp: number, fn: number): Scores => {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, fp, fn };
};

export function evaluate(pairs: Array<{ gold: Span[]; pred: Span[] }>): Evaluation {
  const c: Record<string, { tp: number; fp: number; fn: number }> = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const { gold, pred } of pairs) {
    const g = new Set(gold.map((s) => `${s.start}:${s.end}:${s.type}`));
    const p = new Set(pred.map((s) => `${s.start}:${s.end}:${s.type}`));
    for (const s of pred) (g.has(`${s.start}:${s.end}:${s.type}`) ? c[s.type]!.tp++ : c[s.type]!.fp++);
    for (const s of gold) if (!p.has(`${s.start}:${s.end}:${s.type}`)) c[s.type]!.fn++;
  }
  const byType = Object.fromEntries(Object.entries(c).map(([t, x]) => [t, scores(x.tp, x.fp, x.fn)]));
  const sum = Object.values(c).reduce((a, x) => ({ tp: a.tp + x.tp, fp: a.fp + x.fp, fn: a.fn + x.fn }), { tp: 0, fp: 0, fn: 0 });
  return { overall: scores(sum.tp, sum.fp, sum.fn), byType };
}
