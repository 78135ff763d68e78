/** The shipped NER model: loads, tags, and the CLI's tag command on text and CoNLL. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NerTagger } from '../../src/nlp/ner/tagger.js';
import { bilouOf, iob1Of, spansOf } from '../../src/nlp/ner/tags.js';
import { runCli, runJson } from '../helpers.js';

test('tag schemes convert both ways', () => {
  const iob1 = ['I-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC', 'O', 'I-ORG'];
  const spans = spansOf(iob1);
  assert.deepEqual(spans, [
    { start: 0, end: 2, type: 'PER' },
    { start: 3, end: 4, type: 'LOC' },
    { start: 4, end: 5, type: 'LOC' },
    { start: 6, end: 7, type: 'ORG' },
  ]);
  assert.deepEqual(iob1Of(spans, iob1.length), iob1);
  assert.deepEqual(bilouOf(spans, iob1.length), ['B-PER', 'L-PER', 'O', 'U-LOC', 'U-LOC', 'O', 'U-ORG']);
  assert.deepEqual(spansOf(bilouOf(spans, iob1.length)), spans);
});

test('the shipped model finds people, places and organisations', () => {
  const tagger = NerTagger.load();
  const text = 'Kazakh President Kassym-Jomart Tokayev asked the Collective Security Treaty Organization for help, and Russia sent troops to Almaty.';
  const found = tagger.tagText(text).filter((e) => e.type !== 'MISC').map((e) => [e.type, e.text]);
  assert.deepEqual(found, [
    ['PER', 'Kassym-Jomart Tokayev'],
    ['ORG', 'Collective Security Treaty Organization'],
    ['LOC', 'Russia'],
    ['LOC', 'Almaty'],
  ]);
});

test('newslens tag prints entities and figures; --json carries offsets', () => {
  const text = 'On Thursday, Josep Borrell of the EU visited Kyiv with 2,500 euros.';
  const r = runJson<{ entities: Array<{ type: string; text: string; start: number; end: number }>; figures: Array<{ kind: string; text: string; value: unknown }> }>(['tag', text, '--published', '2022-01-10']);
  assert.equal(r.status, 0);
  assert.deepEqual(r.value.entities.map((e) => [e.type, e.text]), [
    ['PER', 'Josep Borrell'],
    ['ORG', 'EU'],
    ['LOC', 'Kyiv'],
  ]);
  for (const e of r.value.entities) assert.equal(text.slice(e.start, e.end), e.text);
  assert.deepEqual(r.value.figures.map((f) => [f.kind, f.text, f.value]), [
    ['date', 'Thursday', '2022-01-06'],
    ['money', '2,500 euros', 2500],
  ]);
  assert.match(runCli(['tag', text]).stdout, /PER\s+Josep Borrell/);
  const bad = runCli(['tag', text, '--published', 'soon']);
  assert.equal(bad.status, 2);
});

test('newslens tag --conll keeps every line and appends a tag column', () => {
  const input = '-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n';
  const out = runCli(['tag', '--conll'], { input }).stdout.split('\n');
  assert.deepEqual(out.slice(0, 9), [
    '-DOCSTART- -X- -X- O',
    '',
    'EU NNP I-NP I-ORG I-ORG',
    'rejects VBZ I-VP O O',
    'German JJ I-NP I-MISC I-MISC',
    'call NN I-NP O O',
    '',
    'Peter NNP I-NP I-PER I-PER',
    'Blackburn NNP I-NP I-PER I-PER',
  ]);
});
