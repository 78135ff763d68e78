/**
 * The version of the processing stages. Bump it whenever a stage changes what
 * it produces; `newslens reprocess` then rebuilds articles made by older ones.
 */
export const PIPELINE_VERSION = 1;
