/**
 * The tagger's model file: gzip of a small JSON header, the feature strings
 * (one per line, in id order), then for each pass its emission weights
 * quantised to 16-bit integers and its transition weights as 32-bit floats.
 * Features whose weights quantise to zero in every pass are dropped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FeatureSpace } from './features.js';
import { Perceptron } from './perceptron.js';
import { N_TAGS, TAGS } from './tags.js';

export interface ModelHeader {
  format: 'newslens-ner';
  version: 1;
  tags: string[];
  features: number;
  scale: number;
  passes: number;
  /** Which resources the features expect, so loading can check them. */
  clusters: string | null;
  gazetteer: boolean;
  trainedOn: string;
  /** Epochs of each pass. */
  epochs: number[];
}

export interface LoadedModel {
  header: ModelHeader;
  space: FeatureSpace;
  /** One model per pass. */
  passes: Perceptron[];
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

export function saveModel(path: string, space: FeatureSpace, passes: Perceptron[], meta: Omit<ModelHeader, 'format' | 'version' | 'tags' | 'features' | 'scale' | 'passes'>): ModelHeader {
  const K = N_TAGS;
  let max = 0;
  for (const m of passes) for (const v of m.weights) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? 32767 / max : 1;
  const names: string[] = new Array(space.size);
  for (const [f, id] of space.ids) names[id] = f;
  const nonzero = (m: Perceptron, f: number) => {
    for (let k = 0; k < K; k++) if (Math.round((m.weights[f * K + k] ?? 0) * scale) !== 0) return true;
    return false;
  };
  const keep: number[] = [];
  for (let f = 0; f < names.length; f++) if (passes.some((m) => nonzero(m, f))) keep.push(f);
  const parts: Buffer[] = [];
  for (const m of passes) {
    const q = new Int16Array(keep.length * K);
    keep.forEach((f, i) => {
      for (let k = 0; k < K; k++) q[i * K + k] = Math.round((m.weights[f * K + k] ?? 0) * scale);
    });
    parts.push(Buffer.from(q.buffer), Buffer.from(m.trans.buffer, m.trans.byteOffset, m.trans.byteLength));
  }
  const header: ModelHeader = { format: 'newslens-ner', version: 1, tags: TAGS, features: keep.length, scale, passes: passes.length, ...meta };
  const h = Buffer.from(JSON.stringify(header));
  const s = Buffer.from(keep.map((f) => names[f]).join('\n'));
  writeFileSync(path, gzipSync(Buffer.concat([u32(h.length), h, u32(s.length), s, ...parts]), { level: 9 }));
  return header;
}

export function loadModel(path: string): LoadedModel {
  const buf = gunzipSync(readFileSync(path));
  let o = 0;
  const hl = buf.readUInt32LE(o);
  o += 4;
  const header = JSON.parse(buf.subarray(o, o + hl).toString('utf8')) as ModelHeader;
  o += hl;
  if (header.format !== 'newslens-ner' || header.version !== 1) throw new Error(`${path} is not a newslens NER model (version 1)`);
  if (header.tags.join() !== TAGS.join()) throw new Error(`${path} was trained with other tags`);
  const sl = buf.readUInt32LE(o);
  o += 4;
  const names = buf.subarray(o, o + sl).toString('utf8').split('\n');
  o += sl;
  const K = N_TAGS;
  const passes: Perceptron[] = [];
  for (let p = 0; p < header.passes; p++) {
    const q = new Int16Array(buf.buffer.slice(buf.byteOffset + o, buf.byteOffset + o + header.features * K * 2));
    o += header.features * K * 2;
    const trans = new Float32Array(buf.buffer.slice(buf.byteOffset + o, buf.byteOffset + o + (K + 1) * (K + 1) * 4));
    o += (K + 1) * (K + 1) * 4;
    const weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) weights[i] = q[i]! / header.scale;
    passes.push(new Perceptron(0, weights, trans));
  }
  const ids = new Map<string, number>();
  names.forEach((n, i) => ids.set(n, i));
  return { header, space: new FeatureSpace(ids, true), passes };
}
