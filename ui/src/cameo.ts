// The CAMEO roots' and codes' names, from the tables the server codes events with.
export { CAMEO_ROOTS, codeName } from '../../src/nlp/cameo';
