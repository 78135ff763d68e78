/**
 * The version of the processing stages. Bump it whenever a stage changes what
 * it produces; `newslens reprocess` then rebuilds articles made by older ones.
 *
 * 1: clean and structure. 2: annotate (named entities, figures).
 */
export const PIPELINE_VERSION = 2;
