import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixPunctuation, normalizeLine, normalizeText, splitParagraphs } from '../../src/clean/normalize.js';

test('paragraphs are separated by one blank line', () => {
  assert.equal(normalizeText('First para.\r\n\r\n\r\n\r\nSecond para.\n'), 'First para.\n\nSecond para.');
  assert.equal(normalizeText('  One.  \nTwo.\nThree.'), 'One.\n\nTwo.\n\nThree.', 'lines without blank lines are paragraphs');
});

test('hard-wrapped lines inside a paragraph are joined', () => {
  assert.deepEqual(splitParagraphs('The port was closed on\nMonday after talks failed.\n\nA second paragraph.'), [
    'The port was closed on Monday after talks failed.',
    'A second paragraph.',
  ]);
  assert.deepEqual(splitParagraphs('A heading line\n\nOne sentence.\nAnother sentence.'), ['A heading line', 'One sentence.', 'Another sentence.']);
});

test('invisible characters and odd spaces go', () => {
  assert.equal(normalizeText('soft\u00adhyphen zero\u200bwidth non\u00a0breaking\ttab  two'), 'softhyphen zerowidth non breaking tab two');
  assert.equal(normalizeLine('  Title \u00a0with\n spaces  '), 'Title with spaces');
});

test('stray punctuation is repaired', () => {
  assert.equal(fixPunctuation('sovereignty by Moscow. , but a help'), 'sovereignty by Moscow, but a help');
  assert.equal(fixPunctuation('the nearest neighbors. .'), 'the nearest neighbors.');
  assert.equal(fixPunctuation('on Crimea’s template.The escalation'), 'on Crimea’s template. The escalation');
  assert.equal(fixPunctuation('Obamacare , his predecessor'), 'Obamacare, his predecessor');
});

test('legitimate punctuation is kept', () => {
  for (const s of ['the U.S. , and', 'Wait . . . what', 'Visit example.com today.', 'It cost $2.50. Then more.', 'e.g. this; i.e. that']) {
    const out = fixPunctuation(s);
    assert.ok(!/\.\s*\.\s*$/.test(out) || s.includes('. . .'), out);
  }
  assert.equal(fixPunctuation('the U.S. , and'), 'the U.S., and');
  assert.equal(fixPunctuation('Wait . . . what'), 'Wait . . . what');
  assert.equal(fixPunctuation('Visit example.com today.'), 'Visit example.com today.');
});
