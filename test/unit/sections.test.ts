import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeText } from '../../src/clean/normalize.js';
import { structureText } from '../../src/structure/sections.js';
import type { Section } from '../../src/model.js';

const slice = (text: string, s: Section) => text.slice(s.start, s.end);

const INTERVIEW = `A harbour photo with ships waiting offshore. (Photo: Harbour Press)

Editor's Note:

A week into the strike, we asked two people who follow the port closely.

Mara Lindqvist, economist at the Institute for Maritime Trade in Valdora

The strike is about more than pay.

Every day the port stays closed costs the region money.

Tomas Ferreira, spokesman for the Valdora Dock Workers' Union

We did not want this strike.

About Author

Comments are closed.`;

test('interview layout: caption, editor’s note, speakers with their words, boilerplate', () => {
  const text = normalizeText(INTERVIEW);
  const { sections } = structureText(text);
  assert.deepEqual(
    sections.map((s) => [s.kind, s.name ?? null]),
    [
      ['caption', null],
      ['editors-note', null],
      ['speaker-label', 'Mara Lindqvist'],
      ['speaker', 'Mara Lindqvist'],
      ['speaker-label', 'Tomas Ferreira'],
      ['speaker', 'Tomas Ferreira'],
      ['boilerplate', null],
    ],
  );
  const [caption, note, , mara, , tomas, boiler] = sections as [Section, Section, Section, Section, Section, Section, Section];
  assert.match(slice(text, caption), /^A harbour photo.*\(Photo: Harbour Press\)$/);
  assert.equal(slice(text, note), "Editor's Note:\n\nA week into the strike, we asked two people who follow the port closely.");
  assert.equal(mara.role, 'economist at the Institute for Maritime Trade in Valdora');
  assert.equal(slice(text, mara), 'The strike is about more than pay.\n\nEvery day the port stays closed costs the region money.');
  assert.equal(tomas.role, "spokesman for the Valdora Dock Workers' Union");
  assert.equal(slice(text, tomas), 'We did not want this strike.');
  assert.equal(slice(text, boiler), 'About Author\n\nComments are closed.');
});

test('sections cover the text in order without overlap', () => {
  const text = normalizeText(INTERVIEW);
  const { sections } = structureText(text);
  for (let i = 1; i < sections.length; i++) assert.ok(sections[i]!.start > sections[i - 1]!.end);
  assert.equal(sections[0]!.start, 0);
  assert.equal(sections[sections.length - 1]!.end, text.length);
});

test('closing author line and contact e-mail are not body', () => {
  const text = 'First paragraph of the column.\n\nSecond paragraph.\n\nThe author is a columnist covering trade.\n\nopinion@herald.example';
  const r = structureText(text);
  assert.deepEqual(r.sections.map((s) => s.kind), ['body', 'author-note', 'contact']);
  assert.equal(r.authorNote, 'a columnist covering trade');
  assert.equal(r.contactEmail, 'opinion@herald.example');
});

test('subheads, bylines and single name lines are not interviews', () => {
  const text = [
    'By Jane Doe and John Roe',
    'Free Speech In Hong Kong, Then And Now',
    'The first paragraph of the story is here.',
    'On Friday, officials in the capital said talks would resume',
    'Janelle Dumalaon, Jennifer Collins and Angela Waters',
    'Another paragraph of the story.',
    'Nicholas Kristof, a columnist at a newspaper',
    'A final paragraph.',
  ].join('\n\n');
  const kinds = structureText(text).sections.map((s) => s.kind);
  assert.equal(kinds[0], 'byline');
  assert.ok(!kinds.includes('speaker') && !kinds.includes('speaker-label'), kinds.join());
});

test('photo credits in several styles make captions', () => {
  for (const p of [
    'Ships wait outside the port. (Photo: Xinhua)',
    'A protester in the square. Photograph: Jane Doe/Agency',
    'Hawraa Aziz, 23, treats wounded protesters [Arwa Ibrahim/Al Jazeera]',
  ]) {
    const kinds = structureText(`${p}\n\nBody text of the article.`).sections.map((s) => s.kind);
    assert.deepEqual(kinds, ['caption', 'body'], p);
  }
});
