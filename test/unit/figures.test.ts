import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Figure } from '../../src/model.js';
import { findFigures } from '../../src/nlp/figures.js';
import { splitSentences } from '../../src/structure/sentences.js';
import { tokenize } from '../../src/structure/tokens.js';

function figures(text: string, published?: string): Array<Partial<Figure> & { text: string }> {
  return findFigures(text, splitSentences(text, tokenize(text)), { published }).map(({ start, end, ...f }) => ({ text: text.slice(start, end), ...f }));
}

test('money with its currency, by symbol, word or code', () => {
  assert.deepEqual(figures('Gas rose from 60 Kazakh tenge ($0.14) to 120 Kazakh tenge.'), [
    { text: '60 Kazakh tenge', kind: 'money', value: 60, unit: 'KZT' },
    { text: '$0.14', kind: 'money', value: 0.14, unit: 'USD' },
    { text: '120 Kazakh tenge', kind: 'money', value: 120, unit: 'KZT' },
  ]);
  const f = figures('A deal worth $2.5 billion, EUR 30m, 300 million yuan, 15 Canadian dollars and about £4 bn.');
  assert.deepEqual(f.map((x) => [x.value, x.unit, x.qualifier]), [
    [2.5e9, 'USD', undefined],
    [3e7, 'EUR', undefined],
    [3e8, 'CNY', undefined],
    [15, 'CAD', undefined],
    [4e9, 'GBP', 'about'],
  ]);
});

test('percentages and counts with what they count and their qualifier', () => {
  assert.deepEqual(figures('Turnout was 5% and then 3.5 percent.').map((x) => [x.kind, x.value, x.unit]), [
    ['percent', 5, '%'],
    ['percent', 3.5, '%'],
  ]);
  assert.deepEqual(figures('More than a dozen law enforcement officers were killed and more than 100 fatalities are reported.'), [
    { text: 'More than a dozen law enforcement officers', kind: 'count', value: 12, item: 'law enforcement officers', qualifier: 'more than' },
    { text: 'more than 100 fatalities', kind: 'count', value: 100, item: 'fatalities', qualifier: 'more than' },
  ]);
  assert.deepEqual(figures('The reported number of forces is limited to 2,500 with the core from Russia.'), [{ text: '2,500', kind: 'count', value: 2500, item: 'forces' }]);
});

test('dates: absolute, years and ranges, weekdays resolved against a nearby date or the article date', () => {
  assert.deepEqual(figures('Troops arrived on January 6, 2022. The president on Wednesday declared an emergency.').map((x) => [x.text, x.value]), [
    ['January 6, 2022', '2022-01-06'],
    ['Wednesday', '2022-01-05'],
  ]);
  assert.deepEqual(figures('On Thursday, he spoke before talks scheduled for January 10.', '2022-01-10').map((x) => [x.text, x.value]), [
    ['Thursday', '2022-01-06'],
    ['January 10', '2022-01-10'],
  ]);
  assert.deepEqual(figures('Protests in 2011 and the 2011-13 protests.').map((x) => [x.text, x.value, x.max]), [
    ['2011', '2011', undefined],
    ['2011-13', '2011', '2013'],
  ]);
  assert.deepEqual(figures('Yesterday he left.').map((x) => [x.text, x.value]), [['Yesterday', null]], 'nothing to resolve against');
  assert.deepEqual(figures('Yesterday he left.', '2022-01-10').map((x) => x.value), ['2022-01-09']);
  // In an undated article (found in the scale corpus, where it stopped annotation): a day and month
  // whose year the text gives further on, and a weekday with no date near it.
  assert.deepEqual(figures('The poll was conducted online July 25 through July 31, 2016 among 12,742 adults.').map((x) => [x.text, x.value]).filter(([t]) => /July/.test(String(t))).slice(0, 1), [['July 25 through July 31, 2016', '2016-07-25']]);
  assert.deepEqual(figures('He spoke on Thursday.').map((x) => [x.text, x.value]), [['Thursday', null]]);
});

test('durations', () => {
  assert.deepEqual(figures('a two-day trip; it will be resolved within a week or two; for 10 years').map((x) => [x.text, x.value, x.max, x.unit]), [
    ['two-day', 2, undefined, 'day'],
    ['a week or two', 1, 2, 'week'],
    ['10 years', 10, undefined, 'year'],
  ]);
});
