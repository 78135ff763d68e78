/**
 * Properties that must hold for any input (fast-check): the tokenizer's
 * offsets, mojibake repair leaving real text alone and undoing garbling,
 * the query parser failing only with query errors, and every reader turning
 * any bytes into articles or located errors.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { repairMojibake } from '../../src/clean/mojibake.js';
import { FORMATS } from '../../src/model.js';
import { parseQuery, QueryError, toFts } from '../../src/query/language.js';
import { select } from '../../src/query/select.js';
import { readInputs } from '../../src/sources/read.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { splitSentences } from '../../src/structure/sentences.js';
import { tokenize } from '../../src/structure/tokens.js';
import { markedArticle, tempDir } from '../helpers.js';

const RUNS = Number(process.env.NEWSLENS_FUZZ_RUNS ?? 300);

/** Text as it comes: words, digits, every kind of space and punctuation, any code point (lone surrogates included). */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom('U.S.', 'Mr.', "Russia's", "don't", '2,500', '$0.14', '...', '--', 'e-mail@x.org', 'http://a.b/c', '\n\n', ' ', '“', '”', '’', '-', '.', 'Kassym-Jomart', '1996-08-22', '\u00a0', '\u200b', '\ud800'), { maxLength: 60 }).map((a) => a.join('')),
);

test('tokenizer: tokens are in order, inside the text, never empty, never on a space; sentences cover them in order', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const toks = tokenize(text);
      let at = 0;
      for (const t of toks) {
        assert.ok(t.start >= at && t.end > t.start && t.end <= text.length, JSON.stringify({ text, t }));
        assert.ok(!/^\s/.test(text.slice(t.start, t.end)), 'a token starts on a space');
        at = t.end;
      }
      let end = 0;
      for (const s of splitSentences(text, toks)) {
        assert.ok(s.start >= end && s.end >= s.start && s.end <= text.length, JSON.stringify({ text, s }));
        end = s.end;
      }
    }),
    { numRuns: RUNS },
  );
});

/**
 * Real words of languages whose letters come near the garbled forms
 * (Czech, Slovak, Polish, Turkish, Romanian, French, German, Spanish,
 * Azeri, Vietnamese, Greek, Russian, Kazakh, Chinese, Arabic), in any case.
 */
const WORDS = (
  'příliš žluťoučký kůň úpěl ďábelské ódy těžké píšu čížek šéf účet škoda můžeš nechť dĺžka ťava ľad mäso päť ' +
  'łódź źdźbło żółć gęślą jaźń ağaç İstanbul ığdır şişli çağrı ğ țară ștefan înșelăciune cœur œuvre ça garçon élève ' +
  'straße ärger übermäßig niño señor ¿qué? ¡sí! azərbaycan əliyev việt nguyễn ελλάδα αθήνα москва тоқаев қазақстан ' +
  '北京 哈萨克斯坦 القاهرة «quote» “quoted” it’s — – … € £ ¥ © ® ° ± µ naïve déjà-vu'
).split(' ');
const realText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom('lower', 'upper', 'title'), fc.constantFrom(' ', ', ', '. ', '\n\n', ' — ')), { minLength: 1, maxLength: 30 })
  .map((parts) =>
    parts
      .map(([w, c, sep]) => (c === 'upper' ? w.toLocaleUpperCase('und') : c === 'title' ? w[0]!.toLocaleUpperCase('und') + w.slice(1) : w) + sep)
      .join(''),
  );

/** What an exporter does wrong: UTF-8 bytes read as Windows-1252 (bytes it has no character for kept as C1 controls, as TextDecoder does). */
const cp1252 = new TextDecoder('windows-1252');
const garble = (s: string) => cp1252.decode(new TextEncoder().encode(s));

test('mojibake repair leaves real text alone, in any case, and undoes its garbling once or twice', () => {
  fc.assert(
    fc.property(realText, (text) => {
      assert.equal(repairMojibake(text), text, 'real text changed');
      assert.equal(repairMojibake(garble(text)), text, 'garbled once');
    }),
    { numRuns: RUNS },
  );
  // Twice-garbled text is repaired when the first garbling left only characters Windows-1252 has.
  fc.assert(
    fc.property(realText.filter((t) => /^[\p{Script=Latin}\s.,—–’“”«»¿¡!?…€£¥©®°±µ-]*$/u.test(t)), (text) => {
      assert.equal(repairMojibake(garble(garble(text))), text, 'garbled twice');
    }),
    { numRuns: RUNS },
  );
});

/** Query-shaped noise: operators, fields, quotes and parentheses in any order, and any text. */
const queryText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc
    .array(
      fc.constantFrom('oil', 'war*', '"north korea"', '"', '(', ')', 'AND', 'OR', 'NOT', '-', '-x', 'title:', 'entity:', 'event:', 'event:14', 'after:2022', 'before:2021-13', 'frame:', 'lang:en', '*', ':', 'outlet:(', '&', '""', 'é*', ' '),
      { maxLength: 40 },
    )
    .map((a) => a.join(' ')),
);

test('query parser: any text parses or fails with a located QueryError, and what parses becomes a valid FTS5 expression', () => {
  fc.assert(
    fc.property(queryText, (q) => {
      try {
        const parsed = parseQuery(q);
        if (parsed.text) toFts(parsed.text);
      } catch (err) {
        assert.ok(err instanceof QueryError, `${JSON.stringify(q)}: ${(err as Error).stack}`);
        assert.ok(err.position >= 0 && err.position <= q.length);
      }
    }),
    { numRuns: RUNS * 3 },
  );
});

test('search: any query against a real workspace answers or fails with a QueryError, never an SQLite error', () => {
  const dir = tempDir();
  const store = openSqliteStore(join(dir, 'q.db'));
  store.addArticles(
    ['[[Oil|MISC]] prices rose in [[North Korea|LOC]] after the war.', 'Talks on peace and oil; no war.', 'Élections en [[France|LOC]]: le pétrole.'].map((t, i) => markedArticle(i + 1, t)),
  );
  fc.assert(
    fc.property(queryText, (q) => {
      try {
        select(store, q);
      } catch (err) {
        assert.ok(err instanceof QueryError, `${JSON.stringify(q)}: ${(err as Error).message}`);
      }
    }),
    { numRuns: RUNS },
  );
  store.close();
});

test('readers: any bytes, read as any format or detected, give articles or located errors and never throw', async () => {
  const dir = tempDir();
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    anyText.map((s) => new TextEncoder().encode(s)),
    fc.constantFrom('{"text": "a"}\n{bad\n', '[{"text":', 'text,title\n"a,b\n', '<rss><channel><item>', 'WARC/1.0\r\n', 'Title: x\nText:', '\ufeff{"text":"y"}').map((s) => new TextEncoder().encode(s)),
  );
  let n = 0;
  await fc.assert(
    fc.asyncProperty(bytes, fc.constantFrom(undefined, ...FORMATS), async (data, format) => {
      const file = join(dir, `f${n++}.in`);
      writeFileSync(file, data);
      for await (const item of readInputs([file], format ? { format } : {}, { bytes: 0 })) {
        if (!item.ok) {
          assert.equal(item.error.source, file);
          assert.ok(item.error.message.length > 0);
        } else assert.equal(typeof item.raw.text, 'string');
      }
    }),
    { numRuns: RUNS },
  );
});
