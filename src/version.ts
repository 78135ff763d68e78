import { readFileSync } from 'node:fs';
/**
 * The version of the processing stages. Bump it whenever a stage changes what
 * it produces; `newslens reprocess` then rebuilds articles made by older ones.
 *
 * 1: clean and structure. 2: annotate (named entities, figures). 3: mentions
 * linked to canonical entities. 4: quotes, events, tone (and frame counts).
 * 5: names cleaned before linking, acronyms tied only where their letters fit,
 * title-case lines without entities of their own, outlets' site furniture
 * set apart as boilerplate.
 */
export const PIPELINE_VERSION = 5;

/** The package's own version (package.json), for --version and the fetcher's User-Agent. */
export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
