/**
 * JSON exports: an array of article objects, an object wrapping such an array
 * (`articles`, `data`, `items`, `results`, `records`, `documents`, `stories`),
 * or a single article object. Read whole, so capped in size; JSON Lines is
 * the streaming alternative for big exports.
 */
import type { RawRef } from '../model.js';
import { FieldResolver, recordToRaw } from './fields.js';
import type { ReadItem } from './read.js';

export const MAX_JSON_BYTES = 64 * 1024 * 1024;
const WRAPPERS = ['articles', 'data', 'items', 'results', 'records', 'documents', 'docs', 'stories', 'entries'];

function recordsOf(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (doc && typeof doc === 'object') {
    const o = doc as Record<string, unknown>;
    for (const w of WRAPPERS) if (Array.isArray(o[w])) return o[w] as unknown[];
  }
  return [doc];
}

export function* readJson(content: string, source: string, resolver: FieldResolver, warning?: string): Generator<ReadItem> {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (err) {
    yield { ok: false, error: { source, message: `malformed JSON: ${(err as Error).message}` } };
    return;
  }
  const recs = recordsOf(doc);
  for (let i = 0; i < recs.length; i++) {
    const ref: RawRef = { source, locator: `record ${i + 1}`, format: 'json' };
    const r = recordToRaw(recs[i], ref, resolver);
    if ('error' in r) yield { ok: false, error: { source, locator: ref.locator, message: r.error } };
    else {
      if (warning) r.raw.warnings = [warning];
      yield { ok: true, raw: r.raw };
    }
  }
}
