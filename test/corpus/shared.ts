/** Where the shared data sits beside the repository (../shared). */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../helpers.js';

export const SHARED = resolve(process.env.NEWSLENS_SHARED ?? join(ROOT, '..', 'shared'));
export const SEEDS = join(SHARED, 'seeds');
export const DATA = join(SHARED, 'data');
export const CORPORA = join(DATA, 'corpora');

if (!existsSync(SEEDS)) {
  throw new Error(`the corpus suite needs the shared data at ${SHARED} (set NEWSLENS_SHARED to point elsewhere)`);
}
