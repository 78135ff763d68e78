/** Saved pages, feeds and sitemaps read from disk (`extract FILE`, `fetch FILE`), gzip undone within a limit. */
import { readFile, stat } from 'node:fs/promises';
import { formatBytes } from '../sources/input.js';
import { MAX_DOCUMENT_BYTES } from '../sources/read.js';
import { decodePage } from '../html/charset.js';
import { unzipWithin, UnzipError } from './unzip.js';

/** A saved document that cannot be read, with the reason worded for the user (the caller names the file). */
export class SavedFileError extends Error {}

/**
 * The text of a saved document. Neither the file nor what it unzips to may
 * pass `limit` bytes (the ingest limit for one document): a gzip bomb is
 * refused after `limit` bytes of output, never inflated whole.
 */
export async function readSaved(path: string, limit = MAX_DOCUMENT_BYTES): Promise<string> {
  let bytes: Buffer;
  try {
    if ((await stat(path)).size > limit) throw new SavedFileError(`oversized: more than ${formatBytes(limit)}`);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof SavedFileError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new SavedFileError(err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a folder, not a file' : err.message);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = unzipWithin('gzip', bytes, limit);
    } catch (err) {
      if (!(err instanceof UnzipError)) throw err;
      throw new SavedFileError(err.tooLarge ? `oversized: unzips to more than ${formatBytes(limit)}` : `broken gzip data (${err.message})`);
    }
  }
  return decodePage(bytes).text;
}
