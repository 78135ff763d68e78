import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repairMojibake } from '../../src/clean/mojibake.js';

/** Encodes text to UTF-8 and decodes it as Windows-1252: how mojibake is made. */
const garble = (s: string) => new TextDecoder('windows-1252').decode(new TextEncoder().encode(s));

test('repairs UTF-8 read as Windows-1252', () => {
  assert.equal(repairMojibake('Kazakhstanâ€™s crisis'), 'Kazakhstan’s crisis');
  assert.equal(repairMojibake('â€œquotedâ€\u009d and a dash â€” here'), '“quoted” and a dash — here');
  assert.equal(repairMojibake('cafÃ© in SÃ£o Paulo'), 'café in São Paulo');
});

test('repairs any text garbled once or twice', () => {
  for (const s of ['Zürich – “Grüße” für alle', 'Kassym-Jomart Tokayev’s “request”', 'naïve façade, 10 €', 'Ελληνικά and Русский текст']) {
    assert.equal(repairMojibake(garble(s)), s);
    assert.equal(repairMojibake(garble(garble(s))), s);
  }
});

test('leaves correct text alone, English or not', () => {
  const correct = [
    'Kazakhstan’s crisis highlights US angst toward Russia',
    'Müller, Ñandú, São Paulo, naïve café, Ça va à l’école',
    'Президент Казахстана объявил чрезвычайное положение',
    'Tiếng Việt có dấu, Ελληνικά, 日本語のテキスト',
    'Prices rose 5°C… “quoted” – dash — em dash © 2022 ½ ¼',
    'Â is a letter; Ã too; ÂÃ together; É. Ô, Ê!',
  ];
  for (const s of correct) assert.equal(repairMojibake(s), s);
});
