/**
 * An averaged structured perceptron over BILOU tags with first-order Viterbi
 * decoding (Collins 2002). Ours rather than a library: the tagger is core to
 * the product, must run at >150k tokens/s on one core in plain JavaScript, and
 * no maintained JavaScript sequence-labelling library reaches its accuracy
 * target. Weights are one Float32Array, N_TAGS floats per feature, so scoring
 * a token is a few hundred additions over contiguous memory.
 */
import type { Csr } from './features.js';
import { allowed, N_TAGS } from './tags.js';

const K = N_TAGS;
const NEG = -1e30;

/** Transition masks: -inf where BILOU forbids the pair (start row first, then one row per tag; last column = end). */
function transitionMask(): Float32Array {
  const m = new Float32Array((K + 1) * (K + 1));
  for (let a = -1; a < K; a++) for (let b = 0; b <= K; b++) m[(a + 1) * (K + 1) + b] = allowed(a, b) ? 0 : NEG;
  return m;
}
const MASK = transitionMask();

/** em[at..at+K) += the weight rows of ids[from..to). */
function addRows(em: Float64Array, at: number, W: Float32Array, ids: Int32Array, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    const o = ids[j]! * K;
    for (let k = 0; k < K; k++) em[at + k]! += W[o + k]!;
  }
}

export class Perceptron {
  /** Emission weights: feature f, tag k at f*K + k. */
  weights: Float32Array;
  /** Transitions: row a+1 (a = -1 is the start), column b (b = K is the end). */
  trans: Float32Array;
  private acc?: { weights: Float32Array; trans: Float32Array; steps: number };

  constructor(nFeatures: number, weights?: Float32Array, trans?: Float32Array) {
    this.weights = weights ?? new Float32Array(nFeatures * K);
    this.trans = trans ?? new Float32Array((K + 1) * (K + 1));
  }

  get nFeatures(): number {
    return this.weights.length / K;
  }

  /** For each tag b, the tags a that may precede it (BILOU allows 97 of the 289 pairs). */
  private static readonly PRED: Int32Array[] = Array.from({ length: K }, (_, b) => Int32Array.from({ length: K }, (_, a) => a).filter((a) => MASK[(a + 1) * (K + 1) + b] === 0));

  private em = new Float64Array(256 * K);
  private back = new Int32Array(256 * K);

  /** Emission scores of every token for every tag (n × K, in a reused buffer), from its features and any `extra` ones. */
  emissions(feats: Csr, extra?: Csr): Float64Array {
    const n = feats.offs.length - 1;
    if (this.em.length < n * K) this.em = new Float64Array(n * K * 2);
    const em = this.em;
    em.fill(0, 0, n * K);
    const W = this.weights;
    for (let i = 0; i < n; i++) {
      addRows(em, i * K, W, feats.ids, feats.offs[i]!, feats.offs[i + 1]!);
      if (extra) addRows(em, i * K, W, extra.ids, extra.offs[i]!, extra.offs[i + 1]!);
    }
    return em;
  }

  /** The best tag sequence for a sentence's feature ids (plus `extra` ids per token). */
  decode(feats: Csr, extra?: Csr): Int32Array {
    return this.viterbi(this.emissions(feats, extra), feats.offs.length - 1);
  }

  viterbi(em: Float64Array, n: number): Int32Array {
    const out = new Int32Array(n);
    if (n === 0) return out;
    const T = this.trans;
    if (this.back.length < n * K) this.back = new Int32Array(n * K * 2);
    const back = this.back;
    let prev = new Float64Array(K);
    let cur = new Float64Array(K);
    for (let k = 0; k < K; k++) prev[k] = T[k]! + MASK[k]! + em[k]!;
    const PRED = Perceptron.PRED;
    for (let i = 1; i < n; i++) {
      for (let b = 0; b < K; b++) {
        const preds = PRED[b]!;
        let best = -Infinity;
        let arg = 0;
        for (let j = 0; j < preds.length; j++) {
          const a = preds[j]!;
          const s = prev[a]! + T[(a + 1) * (K + 1) + b]!;
          if (s > best) {
            best = s;
            arg = a;
          }
        }
        cur[b] = best + em[i * K + b]!;
        back[i * K + b] = arg;
      }
      const swap = prev;
      prev = cur;
      cur = swap;
    }
    let best = -Infinity;
    let arg = 0;
    for (let a = 0; a < K; a++) {
      const idx = (a + 1) * (K + 1) + K;
      const s = prev[a]! + T[idx]! + MASK[idx]!;
      if (s > best) {
        best = s;
        arg = a;
      }
    }
    out[n - 1] = arg;
    for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * K + out[i]!]!;
    return out;
  }

  /** One perceptron step: reward the gold path, penalise the predicted one (base scores stay). */
  update(feats: Csr, gold: Int32Array, pred: Int32Array, extra?: Csr): void {
    const acc = (this.acc ??= { weights: new Float32Array(this.weights.length), trans: new Float32Array(this.trans.length), steps: 1 });
    const c = acc.steps;
    const bump = (arr: Float32Array, accArr: Float32Array, idx: number, v: number) => {
      arr[idx]! += v;
      accArr[idx]! += c * v;
    };
    const n = feats.offs.length - 1;
    for (let i = 0; i < n; i++) {
      const g = gold[i]!;
      const p = pred[i]!;
      if (g !== p) {
        for (const c of extra ? [feats, extra] : [feats]) {
          for (let j = c.offs[i]!; j < c.offs[i + 1]!; j++) {
            const f = c.ids[j]!;
            bump(this.weights, acc.weights, f * K + g, 1);
            bump(this.weights, acc.weights, f * K + p, -1);
          }
        }
      }
      const ga = i === 0 ? -1 : gold[i - 1]!;
      const pa = i === 0 ? -1 : pred[i - 1]!;
      if (ga !== pa || g !== p) {
        bump(this.trans, acc.trans, (ga + 1) * (K + 1) + g, 1);
        bump(this.trans, acc.trans, (pa + 1) * (K + 1) + p, -1);
      }
    }
    const gl = gold[n - 1]!;
    const pl = pred[n - 1]!;
    if (gl !== pl) {
      bump(this.trans, acc.trans, (gl + 1) * (K + 1) + K, 1);
      bump(this.trans, acc.trans, (pl + 1) * (K + 1) + K, -1);
    }
  }

  /** Counts one training example (for averaging). */
  tick(): void {
    if (this.acc) this.acc.steps++;
  }

  /** The averaged weights, as a new model (training state left as it is). */
  averaged(): Perceptron {
    if (!this.acc) return new Perceptron(0, this.weights.slice(), this.trans.slice());
    const c = this.acc.steps;
    const w = this.weights.map((v, i) => v - this.acc!.weights[i]! / c);
    const t = this.trans.map((v, i) => v - this.acc!.trans[i]! / c);
    return new Perceptron(0, w, t);
  }
}
