// The CAMEO roots' names, from the one table the server codes events with.
export { CAMEO_ROOTS } from '../../src/nlp/cameo';
