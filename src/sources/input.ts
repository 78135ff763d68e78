/**
 * Opening inputs: files, directories (recursively) and stdin (`-`), with gzip
 * undone transparently. An input is a stream of bytes plus its first bytes
 * (`head`), already decompressed, so format detection can sniff them without
 * reading the whole file.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface InputFile {
  /** The path as the user should see it; `-` is stdin. */
  path: string;
  /** The name errors and articles give instead of the path (an upload's own file name; it is never opened). */
  label?: string;
  /** Size on disk (compressed size for .gz); unknown for stdin. */
  size?: number;
}

/** Counts the bytes read from disk across inputs, for progress and rate. */
export interface ByteCounter {
  bytes: number;
}

export interface OpenedInput {
  head: Buffer;
  /** All of the (decompressed) bytes, head included. */
  chunks: AsyncIterable<Buffer>;
  gzip: boolean;
  /** Releases the file when a reader stops early. */
  close(): Promise<void>;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Expands the user's paths into files: directories are walked recursively in
 * name order, hidden files and folders are skipped. A path that does not exist
 * comes back as an error so the batch can go on.
 */
export async function* expandPaths(paths: string[]): AsyncGenerator<InputFile | { path: string; error: string }> {
  for (const p of paths) {
    if (p === '-') {
      yield { path: '-' };
      continue;
    }
    let st;
    try {
      st = await fsp.stat(p);
    } catch (err) {
      yield { path: p, error: describeFsError(err) };
      continue;
    }
    if (st.isDirectory()) yield* walk(p);
    else if (st.isFile()) yield { path: p, size: st.size };
    else yield { path: p, error: 'not a regular file or directory' };
  }
}

async function* walk(dir: string): AsyncGenerator<InputFile | { path: string; error: string }> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { path: dir, error: describeFsError(err) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile()) {
      const st = await fsp.stat(full);
      yield { path: full, size: st.size };
    }
  }
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return err instanceof Error ? err.message : String(err);
}

async function* countBytes(src: AsyncIterable<Buffer>, counter: ByteCounter): AsyncGenerator<Buffer> {
  for await (const chunk of src) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

/** Yields `first` and then the rest of an iterator that has already been started. */
async function* prepend(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  for (const b of first) yield b;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}

/** Reads from `it` until at least `n` bytes, the end, or (with `line`) a chunk with a line break; returns what was read. */
async function take(it: AsyncIterator<Buffer>, n: number, line = false): Promise<Buffer[]> {
  const got: Buffer[] = [];
  let len = 0;
  while (len < n) {
    const r = await it.next();
    if (r.done) break;
    got.push(r.value);
    len += r.value.length;
    if (line && r.value.includes(0x0a)) break;
  }
  return got;
}

export async function openInput(file: InputFile, counter: ByteCounter): Promise<OpenedInput> {
  const raw: AsyncIterable<Buffer> =
    file.path === '-' ? process.stdin : createReadStream(file.path, { highWaterMark: 256 * 1024 });
  const rawIt = countBytes(raw, counter)[Symbol.asyncIterator]();
  const first = await take(rawIt, 2);
  const magic = Buffer.concat(first);
  const gzip = magic.length >= 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  let bytes: AsyncIterator<Buffer> = prepend(first, rawIt);
  if (gzip) {
    const gunzip = Readable.from(prepend(first, rawIt)).pipe(createGunzip());
    bytes = (gunzip as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }
  // A pipe may pause for good (a slow export, a live feed): its head is what came up to a line break, not a full 64 KiB.
  const headChunks = await take(bytes, HEAD_BYTES, file.path === '-');
  const close = async () => {
    await bytes.return?.(undefined);
    await rawIt.return?.(undefined);
  };
  return { head: Buffer.concat(headChunks), chunks: prepend(headChunks, bytes), gzip, close };
}

/** Reads a whole input into memory, refusing more than `limit` bytes. */
export async function readAll(input: OpenedInput, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let len = 0;
  for await (const c of input.chunks) {
    len += c.length;
    if (len > limit) throw new InputError(`oversized: more than ${formatBytes(limit)} for a single-document file`);
    parts.push(c);
  }
  return Buffer.concat(parts);
}

/** An error about the input itself, worded for the user. */
export class InputError extends Error {}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

/** Turns stream errors (gzip, I/O) into a message a user can act on. */
export function describeReadError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'Z_BUF_ERROR') return 'truncated gzip data (unexpected end of file)';
  if (e && (e.code === 'Z_DATA_ERROR' || e.code === 'Z_NEED_DICT')) return `corrupt gzip data (${e.message})`;
  if (err instanceof InputError) return err.message;
  return describeFsError(err);
}
