/** Compressed bytes undone within a limit: what a gzip bomb unzips to is cut at `max` bytes, never inflated whole. */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export type Coding = 'gzip' | 'deflate' | 'br';

/** Why bytes could not be undone: more than the limit, or not valid data of their coding. */
export class UnzipError extends Error {
  constructor(
    readonly tooLarge: boolean,
    message: string,
  ) {
    super(message);
  }
}

const UNDO: Record<Coding, typeof gunzipSync> = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

export function unzipWithin(coding: Coding, bytes: Buffer, max: number): Buffer {
  try {
    return UNDO[coding](bytes, { maxOutputLength: max });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UnzipError(e.code === 'ERR_BUFFER_TOO_LARGE', e.message);
  }
}
