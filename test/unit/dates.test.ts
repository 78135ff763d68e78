import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeDate } from '../../src/clean/dates.js';

test('days stay days, zoned times become UTC, unzoned times stay as written', () => {
  assert.equal(normalizeDate('2022-01-10'), '2022-01-10');
  assert.equal(normalizeDate('2022-01-10T08:30:00Z'), '2022-01-10T08:30:00Z');
  assert.equal(normalizeDate('2022-01-10T10:30:00+02:00'), '2022-01-10T08:30:00Z');
  assert.equal(normalizeDate('2022-01-10 10:30:00+0200'), '2022-01-10T08:30:00Z');
  assert.equal(normalizeDate('1987-02-26T15:01:01'), '1987-02-26T15:01:01');
  assert.equal(normalizeDate('2022-01-10T08:30'), '2022-01-10T08:30:00');
});

test('free-form and numeric dates', () => {
  assert.equal(normalizeDate('January 10, 2022'), '2022-01-10');
  assert.equal(normalizeDate('10 Jan 2022'), '2022-01-10');
  assert.equal(normalizeDate('Mon, 10 Jan 2022 08:00:00 GMT'), '2022-01-10T08:00:00Z');
  assert.equal(normalizeDate('1641801600'), '2022-01-10T08:00:00Z');
  assert.equal(normalizeDate('1641801600000'), '2022-01-10T08:00:00Z');
});

test('what is not a date is refused', () => {
  for (const s of ['', 'yesterday', 'not a date', '2022-02-30', '2022-13-01', 'January 2022']) assert.equal(normalizeDate(s), undefined, s);
});
