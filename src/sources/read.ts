/**
 * The one entry point of the readers: paths in, raw articles or located
 * errors out, one at a time. A failure in one file or record never stops the
 * others.
 */
import type { Format, RawArticle, RawRef } from '../model.js';
import { readCsv } from './csv.js';
import { decodeBytes, looksBinary } from './decode.js';
import { detectFormat } from './detect.js';
import { FieldResolver, type FieldMap } from './fields.js';
import { describeReadError, expandPaths, formatBytes, openInput, readAll, type ByteCounter, type InputFile, type OpenedInput } from './input.js';
import { MAX_JSON_BYTES, readJson } from './json.js';
import { readJsonLines } from './jsonl.js';
import { parseKeyValue } from './keyvalue.js';
import { parsePlainText } from './plaintext.js';
import { readFeed, readHtml, readWarc } from './web.js';

export interface ReadError {
  source: string;
  locator?: string | undefined;
  message: string;
}

export type ReadItem = { ok: true; raw: RawArticle } | { ok: false; error: ReadError };

export interface ReadOptions {
  /** Skip detection and read every file as this format. */
  format?: Format;
  map?: FieldMap;
}

/** Single-article files (text, key-value) larger than this are refused. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export async function* readInputs(paths: string[], opts: ReadOptions, counter: ByteCounter): AsyncGenerator<ReadItem> {
  const resolver = new FieldResolver(opts.map);
  for await (const f of expandPaths(paths)) {
    if ('error' in f) {
      yield { ok: false, error: { source: f.path, message: f.error } };
      continue;
    }
    try {
      yield* readFile(f, opts, resolver, counter);
    } catch (err) {
      yield { ok: false, error: { source: f.path, message: describeReadError(err) } };
    }
  }
}

/** Every item of files already found (an upload's, saved under names of the server's choosing). */
export async function* readFiles(files: InputFile[], opts: ReadOptions, counter: ByteCounter): AsyncGenerator<ReadItem> {
  const resolver = new FieldResolver(opts.map);
  for (const f of files) {
    try {
      yield* readFile(f, opts, resolver, counter);
    } catch (err) {
      yield { ok: false, error: { source: f.label ?? f.path, message: describeReadError(err) } };
    }
  }
}

async function* readFile(file: InputFile, opts: ReadOptions, resolver: FieldResolver, counter: ByteCounter): AsyncGenerator<ReadItem> {
  const source = file.label ?? file.path;
  const input = await openInput(file, counter);
  try {
    yield* readOpened(input, source, opts, resolver);
  } finally {
    await input.close();
  }
}

/** Every item of a file; a file that yields nothing at all (a non-WARC read as WARC, blank lines read as JSON Lines) is one failure that says so. */
async function* readOpened(input: OpenedInput, source: string, opts: ReadOptions, resolver: FieldResolver): AsyncGenerator<ReadItem> {
  let any = false;
  for await (const item of readAs(input, source, opts, resolver)) {
    any = true;
    yield item;
  }
  if (!any) yield { ok: false, error: { source, message: `no articles in it${opts.format ? ` read as ${opts.format}` : ''}` } };
}

async function* readAs(input: OpenedInput, source: string, opts: ReadOptions, resolver: FieldResolver): AsyncGenerator<ReadItem> {
  if (input.head.length === 0) {
    yield { ok: false, error: { source, message: 'empty file' } };
    return;
  }
  // WARC archives hold images and other binary records beside their pages.
  if (looksBinary(input.head) && !input.head.subarray(0, 5).equals(Buffer.from('WARC/'))) {
    yield { ok: false, error: { source, message: 'binary file, not a text export (JSON, JSON Lines, CSV or text expected)' } };
    return;
  }
  let format = opts.format;
  if (!format) {
    const d = detectFormat(source, decodeBytes(input.head).text);
    if ('error' in d) {
      yield { ok: false, error: { source, message: d.error } };
      return;
    }
    format = d.format;
  }
  switch (format) {
    case 'jsonl':
      yield* readJsonLines(input.chunks, source, resolver);
      return;
    case 'csv':
      yield* readCsv(input.chunks, decodeBytes(input.head).text, source, resolver);
      return;
    case 'json': {
      const buf = await readAll(input, MAX_JSON_BYTES).catch((e: Error) => {
        throw new Error(`${e.message}; export as JSON Lines to stream files over ${formatBytes(MAX_JSON_BYTES)}`);
      });
      const { text, warning } = decodeBytes(buf);
      yield* readJson(text, source, resolver, warning);
      return;
    }
    case 'html':
      yield* readHtml(input, source);
      return;
    case 'feed':
      yield* readFeed(input, source);
      return;
    case 'warc':
      // Checked first: warcio would buffer a whole non-WARC stream looking for a record.
      if (!input.head.subarray(0, 5).equals(Buffer.from('WARC/'))) yield { ok: false, error: { source, message: 'not a WARC file (a web archive starts with "WARC/")' } };
      else yield* readWarc(input, source);
      return;
    case 'text':
    case 'keyvalue': {
      const buf = await readAll(input, MAX_DOCUMENT_BYTES);
      const { text, warning } = decodeBytes(buf);
      const ref: RawRef = { source, format };
      const r = format === 'text' ? parsePlainText(text, ref) : parseKeyValue(text, ref);
      if ('error' in r) yield { ok: false, error: { source, message: r.error } };
      else {
        if (warning) r.warnings = [warning];
        yield { ok: true, raw: r };
      }
      return;
    }
  }
}
