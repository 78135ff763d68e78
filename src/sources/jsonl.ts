/**
 * JSON Lines, streamed line by line so memory stays bounded whatever the file
 * size. Each line is decoded and parsed on its own: one bad line is one error
 * naming its line number, and the lines after it are still read.
 */
import type { RawRef } from '../model.js';
import { decodeBytes } from './decode.js';
import { FieldResolver, recordToRaw } from './fields.js';
import type { ReadItem } from './read.js';

const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Splits a byte stream on `\n`, yielding each line's bytes and its 1-based number. */
export async function* lines(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ line: Buffer; n: number; oversized: boolean }> {
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let oversized = false;
  let n = 0;
  for await (const chunk of chunks) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl < 0) break;
      n++;
      const piece = chunk.subarray(from, nl);
      if (oversized || pendingLen + piece.length > MAX_LINE_BYTES) {
        yield { line: Buffer.alloc(0), n, oversized: true };
      } else {
        yield { line: pendingLen ? Buffer.concat([...pending, piece]) : piece, n, oversized: false };
      }
      pending = [];
      pendingLen = 0;
      oversized = false;
      from = nl + 1;
    }
    if (from < chunk.length) {
      const rest = chunk.subarray(from);
      if (pendingLen + rest.length > MAX_LINE_BYTES) {
        oversized = true;
        pending = [];
        pendingLen = 0;
      } else {
        pending.push(rest);
        pendingLen += rest.length;
      }
    }
  }
  if (pendingLen || oversized) yield { line: Buffer.concat(pending), n: n + 1, oversized };
}

export async function* readJsonLines(chunks: AsyncIterable<Buffer>, source: string, resolver: FieldResolver): AsyncGenerator<ReadItem> {
  for await (const { line, n, oversized } of lines(chunks)) {
    const locator = `line ${n}`;
    if (oversized) {
      yield { ok: false, error: { source, locator, message: `oversized record (more than ${MAX_LINE_BYTES >> 20} MiB on one line)` } };
      continue;
    }
    const { text, warning } = decodeBytes(line);
    if (!text.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (err) {
      yield { ok: false, error: { source, locator, message: `malformed JSON: ${(err as Error).message}` } };
      continue;
    }
    const ref: RawRef = { source, locator, format: 'jsonl' };
    const r = recordToRaw(rec, ref, resolver);
    if ('error' in r) yield { ok: false, error: { source, locator, message: r.error } };
    else {
      if (warning) r.raw.warnings = [warning];
      yield { ok: true, raw: r.raw };
    }
  }
}
