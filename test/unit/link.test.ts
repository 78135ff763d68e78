import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { capitalOf, countryNamed, demonymOf } from '../../src/link/countries.js';
import { linkMentions } from '../../src/link/resolve.js';
import { select } from '../../src/query/select.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { marked, markedArticle, runCli, runJson, tempDir } from '../helpers.js';

const keys = (s: string) => {
  const { text, mentions } = marked(s);
  linkMentions(text, mentions);
  return mentions.map((m) => `${text.slice(m.start, m.end)} → ${m.entityId}${m.parentId ? ` (part of ${m.parentId})` : ''}`);
};

test('in an article: surnames, acronyms, country variants and parent bodies', () => {
  assert.deepEqual(
    keys(
      '[[Kassym-Jomart Tokayev|PER]] asked the [[Collective Security Treaty Organization|ORG]] ([[CSTO|ORG]]) for help. [[Tokayev|PER]] said [[CSTO|ORG]] troops would leave. [[Biden|PER]] spoke. The [[US|LOC]] and the [[United States of America|LOC]] are one. The [[SCO|ORG]]\'s [[Regional Anti-Terrorist Structure|ORG]] met.',
    ),
    [
      'Kassym-Jomart Tokayev → PER|Kassym-Jomart Tokayev',
      'Collective Security Treaty Organization → ORG|Collective Security Treaty Organization',
      'CSTO → ORG|Collective Security Treaty Organization',
      'Tokayev → PER|Kassym-Jomart Tokayev',
      'CSTO → ORG|Collective Security Treaty Organization',
      'Biden → PER|Biden',
      'US → LOC|United States',
      'United States of America → LOC|United States',
      'SCO → ORG|SCO',
      'Regional Anti-Terrorist Structure → ORG|Regional Anti-Terrorist Structure (part of ORG|SCO)',
    ],
  );
  // Two people sharing a surname: the short form is the one the article names first (its principal).
  assert.deepEqual(keys('[[Justin Trudeau|PER]] won. His father [[Pierre Trudeau|PER]] held the office. Later [[Trudeau|PER]] spoke.').slice(2), ['Trudeau → PER|Justin Trudeau']);
  // A span cut across punctuation is no full name to link to.
  assert.deepEqual(keys('([[Prime Minister Stephen) Harper|PER]] lost. [[Stephen Harper|PER]] spoke. [[Harper|PER]] left.').slice(2), ['Harper → PER|Stephen Harper']);
});

test('countries, capitals and demonyms from the data package', () => {
  assert.equal(countryNamed('US')?.name, 'United States');
  assert.equal(countryNamed('Kyrgyz Republic')?.code, 'KG');
  assert.equal(capitalOf('Washington')?.code, 'US');
  assert.equal(capitalOf('Moscow')?.code, 'RU');
  assert.equal(capitalOf('Beijing')?.code, 'CN');
  assert.equal(demonymOf('American')?.code, 'US', 'the member state, not a territory');
  assert.equal(demonymOf('Russian')?.code, 'RU');
  assert.equal(demonymOf('Kazakh')?.code, 'KZ', 'a name cut short');
  assert.equal(demonymOf('Kyrgyzstani')?.code, 'KG', 'a name with a suffix');
  assert.equal(demonymOf('European'), undefined);
  assert.equal(demonymOf('Soviet'), undefined);
});

function add(store: ReturnType<typeof openSqliteStore>, n: number, s: string): void {
  const { article, raw } = markedArticle(n, s, { outlet: `Outlet ${n}`, published: `2022-01-0${n}` });
  linkMentions(article.text, article.mentions);
  assert.equal(store.addArticle({ article, raw }).status, 'added');
}

test('across the corpus: a surname shared by several people goes to the one named far more often, else stays apart', () => {
  const store = openSqliteStore(join(tempDir(), 's.db'));
  for (let i = 1; i <= 5; i++) add(store, i, `[[Donald Trump|PER]] spoke. [[Bill Clinton|PER]] met [[Hillary Clinton|PER]] and [[Hillary Clinton|PER]] left.`);
  add(store, 6, '[[Melania Trump|PER]] waved.');
  add(store, 7, '[[Trump|PER]] and [[Clinton|PER]] debated.');
  store.rebuildEntities();
  assert.equal(store.entitiesNamed('Trump')[0]!.name, 'Donald Trump');
  // Hillary Clinton is named twice as often as Bill Clinton: not enough to decide.
  assert.equal(store.entitiesNamed('Clinton')[0]!.name, 'Clinton');
  store.close();
});

test('across the corpus: one entity per actor; edits survive a rebuild; entity: follows aliases', () => {
  const dir = tempDir();
  const db = join(dir, 'e.db');
  const store = openSqliteStore(db);
  // The acronym is tied to its long form in article 1 (the evidence the corpus needs to join them).
  add(store, 1, '[[Kassym-Jomart Tokayev|PER]] called the [[Collective Security Treaty Organization|ORG]] ([[CSTO|ORG]]). [[Moscow|LOC]] agreed. [[Kazakh|MISC]] police watched.');
  add(store, 2, '[[Tokayev|PER]] thanked [[CSTO|ORG]] allies. [[Russian|MISC]] troops and [[Russia|LOC]] were praised; [[Washington|LOC]] was silent.');
  add(store, 3, 'The [[CSTO|ORG]] left. [[Moscow|LOC]] said so.');
  assert.deepEqual(store.rebuildEntities(), []);
  const byName = (n: string) => store.entitiesNamed(n)[0];
  const tokayev = byName('Tokayev')!;
  assert.equal(tokayev.name, 'Kassym-Jomart Tokayev');
  assert.equal(tokayev.articles, 2);
  assert.deepEqual(tokayev.aliases.map((a) => a.name).sort(), ['Kassym-Jomart Tokayev', 'Tokayev']);
  assert.equal(byName('CSTO')!.name, 'Collective Security Treaty Organization');
  assert.equal(byName('CSTO')!.articles, 3);
  assert.deepEqual([byName('Moscow')!.type, byName('Moscow')!.role, byName('Moscow')!.country], ['GPE', 'capital', 'RU']);
  assert.deepEqual([byName('Washington')!.role, byName('Washington')!.country], ['capital', 'US']);
  assert.deepEqual([byName('Kazakh')!.type, byName('Kazakh')!.role, byName('Kazakh')!.country], ['NORP', 'demonym', 'KZ']);
  assert.deepEqual(Array.from(select(store, 'entity:"Collective Security Treaty Organization"').ids), [1, 2, 3]);
  assert.deepEqual(Array.from(select(store, 'entity:csto').ids), [1, 2, 3]);
  assert.deepEqual(Array.from(select(store, 'entity:Tokayev').ids), [1, 2]);

  store.editEntity({ action: 'rename', target: 'Tokayev', value: 'President Tokayev' });
  store.editEntity({ action: 'merge', target: 'Russia', value: 'Russian' });
  store.editEntity({ action: 'split', target: 'Kassym-Jomart Tokayev', value: 'Tokayev' });
  // The rename was recorded against the whole entity; the split then took "Tokayev" (article 2) apart.
  assert.equal(byName('President Tokayev')!.articles, 1);
  assert.equal(byName('Tokayev')!.name, 'Tokayev');
  assert.deepEqual(byName('Russian')!.aliases.map((a) => a.name).sort(), ['Russia', 'Russian']);
  // A rebuild (what ingest and reprocess run) applies the edits again.
  store.rebuildEntities();
  assert.equal(byName('President Tokayev')!.articles, 1);
  assert.equal(byName('Russia')!.mentions, 2);
  assert.deepEqual(
    store.entityEdits().map((e) => e.action),
    ['rename', 'merge', 'split'],
  );
  store.close();

  const cli = runJson<{ entities: Array<{ name: string }> }>(['entities', '--db', db, '--type', 'gpe']);
  assert.deepEqual(cli.value.entities.map((e) => e.name).sort(), ['Moscow', 'Russia', 'Washington']);
  const profile = runJson<{ entity: { name: string }; alongside: Array<{ value: string }> }>(['entity', 'csto', '--db', db]).value;
  assert.equal(profile.entity.name, 'Collective Security Treaty Organization');
  assert.ok(profile.alongside.some((e) => e.value === 'Moscow'));
  const missing = runCli(['entity', 'Atlantis', '--db', db]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no entity named "Atlantis"/);
  const two = runCli(['entity', 'CSTO', '--rename', 'X', '--merge', 'Y', '--db', db]);
  assert.match(two.stderr, /one of --rename, --merge, --split/);
});
