// The CAMEO roots' and codes' names, from the tables the server codes events with.
import { codeName } from '../../src/nlp/cameo';

export { CAMEO_ROOTS, codeName } from '../../src/nlp/cameo';

/** A code's name to show beside its number: the codebook's ", not specified below" (a root's generic code) left off. */
export const codeLabel = (code: string) => codeName(code).replace(/, not specified below$/, '');
