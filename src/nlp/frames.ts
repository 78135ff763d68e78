/**
 * Frames from a user's dictionary: a JSON or YAML file mapping each frame to
 * phrases and patterns, e.g.
 *
 *   security:
 *     - terrorist*            # a word, or a prefix with *
 *     - color revolution      # a phrase: these words in a row
 *     - /foreign[- ]backed/   # a regular expression (case-insensitive)
 *
 * Phrases match the words search matches (folded case and accents, see
 * src/query/words.ts); each article gets a count per frame.
 */
import { parse as parseYaml } from 'yaml';
import type { FrameCount } from '../model.js';
import { occurrences, patternOf, scanWords, type TermPattern } from '../query/words.js';

export interface FrameDictionary {
  frames: Array<{ name: string; patterns: TermPattern[]; regexes: RegExp[] }>;
}

export class FrameDictionaryError extends Error {}

/** Parses a dictionary (YAML, of which JSON is a part). `source` names the file in errors. */
export function parseFrameDictionary(text: string, source: string): FrameDictionary {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new FrameDictionaryError(`${source}: not valid JSON or YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const root = data && typeof data === 'object' && 'frames' in data ? (data as { frames: unknown }).frames : data;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new FrameDictionaryError(`${source}: expected a map of frame names to lists of phrases`);
  const frames: FrameDictionary['frames'] = [];
  for (const [name, list] of Object.entries(root as Record<string, unknown>)) {
    if (!Array.isArray(list) || !list.length || list.some((x) => typeof x !== 'string' || !x.trim())) {
      throw new FrameDictionaryError(`${source}: frame "${name}": expected a non-empty list of phrases (strings)`);
    }
    const patterns: TermPattern[] = [];
    const regexes: RegExp[] = [];
    for (const entry of list as string[]) {
      const re = /^\/(.+)\/([a-z]*)$/.exec(entry.trim());
      if (re) {
        try {
          regexes.push(new RegExp(re[1]!, 'giu'));
        } catch (err) {
          throw new FrameDictionaryError(`${source}: frame "${name}": bad pattern ${entry}: ${(err as Error).message}`);
        }
      } else {
        const p = patternOf(entry);
        if (!p.words.length) throw new FrameDictionaryError(`${source}: frame "${name}": "${entry}" has no words`);
        patterns.push(p);
      }
    }
    frames.push({ name, patterns, regexes });
  }
  if (!frames.length) throw new FrameDictionaryError(`${source}: no frames`);
  return { frames };
}

/** How often each frame's phrases occur in a text (frames that do not occur are left out). */
export function countFrames(text: string, dict: FrameDictionary): FrameCount[] {
  const words = scanWords(text);
  const out: FrameCount[] = [];
  for (const f of dict.frames) {
    let count = occurrences(words, f.patterns).length;
    for (const re of f.regexes) count += [...text.matchAll(re)].length;
    if (count) out.push({ frame: f.name, count });
  }
  return out;
}
