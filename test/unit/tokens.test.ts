import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitSentences } from '../../src/structure/sentences.js';
import { tokenize } from '../../src/structure/tokens.js';

const words = (s: string) => tokenize(s).map((t) => s.slice(t.start, t.end));

test('news English: abbreviations, initials, hyphenated names, numbers and money', () => {
  assert.deepEqual(words('Mr. J. Smith of the U.S. paid $0.14 on Jan. 10, 2022.'), ['Mr.', 'J.', 'Smith', 'of', 'the', 'U.S.', 'paid', '$', '0.14', 'on', 'Jan.', '10', ',', '2022', '.']);
  assert.deepEqual(words('Kassym-Jomart Tokayev sent 2,500 troops in 2011-13 (1996-08-22).'), ['Kassym-Jomart', 'Tokayev', 'sent', '2,500', 'troops', 'in', '2011-13', '(', '1996-08-22', ')', '.']);
  assert.deepEqual(words('AT&T rose 5% -- a record... at 10:30'), ['AT&T', 'rose', '5', '%', '--', 'a', 'record', '...', 'at', '10:30']);
});

test('clitics split as in the Penn Treebank; names with apostrophes stay whole', () => {
  assert.deepEqual(words('Kazakhstan’s allies don\'t know O\'Brien\'s plan'), ['Kazakhstan', '’s', 'allies', 'do', "n't", 'know', "O'Brien", "'s", 'plan']);
  assert.deepEqual(words('“No.” No. 5'), ['“', 'No', '.', '”', 'No.', '5']);
});

test('e-mails and URLs are one token; offsets point into the text', () => {
  const s = 'Write to opinion@globaltimes.com.cn or see https://example.com/a?b=1.';
  assert.deepEqual(words(s), ['Write', 'to', 'opinion@globaltimes.com.cn', 'or', 'see', 'https://example.com/a?b=1', '.']);
  for (const t of tokenize(s)) assert.ok(t.start < t.end && s.slice(t.start, t.end).trim() === s.slice(t.start, t.end));
  assert.deepEqual(words('Zürich — Ελληνικά 🙂 ok'), ['Zürich', '—', 'Ελληνικά', '🙂', 'ok']);
});

test('sentences: final punctuation, titles and acronyms, paragraph breaks', () => {
  const s = 'He met Mr. Smith in the U.S. The talks failed. "We will go," he said. Then J. R. Smith left! Why? because.\n\nNew paragraph';
  const got = splitSentences(s, tokenize(s)).map((x) => s.slice(x.start, x.end));
  assert.deepEqual(got, ['He met Mr. Smith in the U.S.', 'The talks failed.', '"We will go," he said.', 'Then J. R. Smith left!', 'Why? because.', 'New paragraph']);
});
