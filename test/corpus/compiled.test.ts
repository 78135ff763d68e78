/** What our scripts compile from ../shared/data is what the repository holds, byte for byte. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers.js';
import { DATA } from './shared.js';

test('the CAMEO code names (src/nlp/cameo-codes.ts) are rebuilt byte for byte from the codebook table', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/scripts/compile-cameo-codes.js'), '--cameo', join(DATA, 'cameo'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /up to date/);
});

test('the CAMEO verb lexicon (src/nlp/cameo-verbs.ts) and actor lexicon (src/nlp/cameo-actors.ts) are rebuilt byte for byte from the dictionaries', () => {
  for (const script of ['compile-cameo-verbs.js', 'compile-cameo-actors.js']) {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/scripts', script), '--cameo', join(DATA, 'cameo'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${script}: ${r.stderr}`);
    assert.match(r.stdout, /up to date/);
  }
});
