import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectLanguage, normalizeLanguage } from '../../src/clean/language.js';

test('detects English and other languages', () => {
  assert.equal(detectLanguage('Dock workers in the port of Valdora walked off the job on Monday after wage talks with the port authority broke down, and the union said it was ready to talk.'), 'en');
  assert.equal(detectLanguage('Die Bundesregierung hat am Mittwoch beschlossen, die Hilfen für die Ukraine deutlich aufzustocken und weitere Mittel bereitzustellen.'), 'de');
  assert.equal(detectLanguage('Le gouvernement français a annoncé mercredi de nouvelles mesures contre la hausse des prix de l’énergie.'), 'fr');
  assert.equal(detectLanguage('Президент Казахстана объявил чрезвычайное положение в Алматы и Мангистауской области.'), 'ru');
  assert.equal(detectLanguage('O governo brasileiro anunciou ontem novas medidas econômicas para conter a inflação no país.'), 'pt');
  assert.equal(detectLanguage('too short'), undefined);
});

test('stated languages are normalised', () => {
  assert.equal(normalizeLanguage('en-GB'), 'en');
  assert.equal(normalizeLanguage('IT-it'), 'it');
  assert.equal(normalizeLanguage('en_US'), 'en');
  assert.equal(normalizeLanguage('English'), 'en');
  assert.equal(normalizeLanguage('klingon'), undefined);
});
