import { NerTagger } from './dist/src/nlp/ner/tagger.js';
import { readConll } from './dist/src/nlp/ner/conll.js';
import { tokenize } from './dist/src/structure/tokens.js';
let t0 = performance.now();
const tagger = NerTagger.load();
console.log('load ms', (performance.now()-t0).toFixed(0));
const docs = readConll('/work/shared/data/conll2003/dev.txt');
const texts = docs.map(d => d.sentences.map(s => s.tokens.join(' ')).join('\n'));
let ntok = 0; for (const t of texts) ntok += tokenize(t).length;
for (let r = 0; r < 3; r++) {
  t0 = performance.now(); let n = 0;
  for (const t of texts) n += tagger.tagText(t).length;
  const s = (performance.now()-t0)/1000;
  console.log('entities', n, 'tokens/s', Math.round(ntok/s));
}
