import { readFileSync } from 'node:fs';
/**
 * The version of the processing stages. Bump it whenever a stage changes what
 * it produces; `newslens reprocess` then rebuilds articles made by older ones.
 *
 * 1: clean and structure. 2: annotate (named entities, figures). 3: mentions
 * linked to canonical entities. 4: quotes, events, tone (and frame counts).
 */
export const PIPELINE_VERSION = 4;

/** The package's own version (package.json), for --version and the fetcher's User-Agent. */
export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
