/**
 * Issue 15 on the real corpus: the 6,204 AllSides articles ingested as a
 * user would (annotated, furniture learnt), then the entity table checked
 * for the failures it showed before: United Nations "part of" Trump, the
 * Pentagon "part of" CNN, the United Kingdom "also called" CNN, North Korea
 * "AP", the United States "CFIUS", the White House a place, Putin split over
 * forty entities; and the corpus statistics checked for stop words and site
 * furniture.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { fitsAcronym, isAcronym, nameForm, withoutInitial } from '../../src/link/names.js';
import { ingest } from '../../src/pipeline.js';
import { keyness } from '../../src/query/keyness.js';
import { stopwords } from '../../src/query/stopwords.js';
import { select } from '../../src/query/select.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers.js';
import { CORPORA } from './shared.js';

const db = join(tempDir(), 'allsides.db');

test('allsides: the named entities hold (types, parents, aliases), and Putin is one entity', async () => {
  const store = openSqliteStore(db);
  const summary = await ingest([join(CORPORA, 'allsides-world-politics', 'corpus.jsonl')], store);
  assert.equal(summary.added, 6204);
  const one = (name: string) => store.entitiesNamed(name)[0]!;
  const aliases = (name: string) => one(name).aliases.map((a) => a.name);

  assert.equal(one('United Nations').type, 'ORG');
  assert.equal(one('United Nations').parent, undefined, 'the UN is part of nothing');
  assert.equal(one('Pentagon').type, 'ORG');
  assert.equal(one('Pentagon').parent, undefined, 'the Pentagon is part of no news outlet');
  assert.equal(one('United Kingdom').type, 'GPE');
  assert.ok(!aliases('United Kingdom').includes('CNN'), `United Kingdom: ${aliases('United Kingdom').join(', ')}`);
  assert.ok(!aliases('North Korea').includes('AP'), `North Korea: ${aliases('North Korea').join(', ')}`);
  for (const wrong of ['CFIUS', 'HTSUS']) assert.ok(!aliases('United States').includes(wrong), `United States: ${aliases('United States').join(', ')}`);
  assert.equal(one('America').name, 'United States', 'America is the United States');
  assert.equal(one('White House').type, 'ORG');
  assert.equal(one('Twitter').type, 'ORG');
  assert.equal(one('Putin').name, 'Vladimir Putin');
  for (const written of ['Mr. Putin', 'VLADIMIR PUTIN', 'Vladimir V. Putin']) assert.equal(one(written).id, one('Putin').id, written);
  assert.deepEqual(Array.from(select(store, 'entity:Putin after:2018-01-01').ids), Array.from(select(store, 'entity:"Vladimir Putin" after:2018-01-01').ids));
  assert.ok(!store.entitiesNamed('Replay More Videos').length, 'CNN\'s video rail names nobody');
  assert.ok(!store.entitiesNamed('Hide Caption').length, 'nor does its gallery');
  store.close();
});

test('allsides: no parent ties entities of incompatible types; acronyms fit their entity', () => {
  const raw = new Database(db, { readonly: true });
  const entities = raw.prepare('SELECT id, name, type, parent, mentions FROM entities').all() as Array<{ id: number; name: string; type: string; parent: string | null; mentions: number }>;
  const byName = new Map<string, typeof entities>();
  for (const e of entities) (byName.get(e.name) ?? byName.set(e.name, []).get(e.name)!).push(e);
  const person = (t: string) => t === 'PER';
  for (const e of entities) {
    if (!e.parent) continue;
    for (const p of byName.get(e.parent) ?? []) assert.ok(!person(p.type) && !person(e.type), `${e.name} (${e.type}) part of ${p.name} (${p.type})`);
  }
  const aliases = raw.prepare('SELECT entity_id AS id, alias, count FROM entity_aliases WHERE count >= 2').all() as Array<{ id: number; alias: string; count: number }>;
  const entity = new Map(entities.map((e) => [e.id, e]));
  const crossed: string[] = [];
  const unfit: string[] = [];
  for (const a of aliases) {
    const e = entity.get(a.id)!;
    if (a.alias === e.name) continue;
    // An alias that is the name of a bigger entity of the other kind (person / not) ties the two.
    for (const o of byName.get(a.alias) ?? []) if (o.id !== e.id && person(o.type) !== person(e.type) && o.mentions > e.mentions) crossed.push(`${e.name} (${e.type}) also called ${a.alias}, the ${o.type}`);
    // The entity's own name in capitals ("CHINA", "G.R.U.") is no acronym of it; a country's short
    // forms ("DPRK") come from the countries package, not from linking.
    const folded = (x: string) => x.replace(/\./g, '').toLowerCase();
    const own = folded(a.alias) === folded(e.name);
    const country = e.type === 'GPE';
    if (!own && !country && !person(e.type) && isAcronym(a.alias) && !fitsAcronym(a.alias, e.name) && a.alias.replace(/\./g, '').length > 2) {
      const longNames = (raw.prepare('SELECT alias FROM entity_aliases WHERE entity_id = ?').pluck().all(e.id) as string[]).filter((n) => n.split(' ').length > 1);
      if (!longNames.some((l) => fitsAcronym(a.alias, l))) unfit.push(`${e.name}: ${a.alias} ×${a.count}`);
    }
  }
  raw.close();
  // A name shared by a person and a non-person entity is no link between them (the same words
  // tagged two ways, one entity mistyped: "Agence France-Presse" typed PER keeps its "AFP"); reported, not failed.
  process.stdout.write(`# names shared across person and non-person entities: ${crossed.length} (first: ${crossed.slice(0, 5).join('; ')})\n`);
  // Country codes and short forms the countries package lists are the only acronyms that need not fit.
  assert.ok(unfit.length <= 10, `acronyms that fit none of their entity's names: ${unfit.slice(0, 20).join('; ')}`);
});

// People by their full names: a one-word name left apart because several people bear it ("Kim",
// "Bush") is no person but the review's business (entities --review).
test('allsides: each of the 20 most-mentioned people is one entity holding at least 95% of the mentions that refer to them', () => {
  const raw = new Database(db, { readonly: true });
  const people = raw.prepare("SELECT id, name, mentions FROM entities WHERE type = 'PER' AND name LIKE '% %' ORDER BY mentions DESC LIMIT 20").all() as Array<{ id: number; name: string; mentions: number }>;
  const fullPeople = raw.prepare("SELECT id, name, mentions FROM entities WHERE type = 'PER' AND name LIKE '% %'").all() as Array<{ id: number; name: string; mentions: number }>;
  // Every written form of every mention, with the entity it went to.
  const rows = raw
    .prepare('SELECT m.surface, m.type, k.entity_id AS entity, count(*) AS n FROM mentions m JOIN entity_keys k ON k.key = m.entity_id GROUP BY m.surface, m.type, k.entity_id')
    .all() as Array<{ surface: string; type: string; entity: number; n: number }>;
  raw.close();
  // Full names in any type the tagger gave them; a surname alone only where tagged a person
  // ("UN" is no mention of Kim Jong Un).
  const byForm = new Map<string, Array<{ entity: number; n: number }>>();
  const bySurname = new Map<string, Array<{ entity: number; n: number }>>();
  for (const r of rows) {
    const f = nameForm(r.surface, 'PER');
    for (const form of new Set([f, withoutInitial(f) ?? f])) (byForm.get(form) ?? byForm.set(form, []).get(form)!).push({ entity: r.entity, n: r.n });
    if (r.type === 'PER' && !f.includes(' ')) (bySurname.get(f) ?? bySurname.set(f, []).get(f)!).push({ entity: r.entity, n: r.n });
  }
  const report: string[] = [];
  let spread = 0;
  for (const p of people) {
    const full = nameForm(p.name, 'PER');
    const surname = full.split(' ').at(-1)!;
    // The surname alone refers to them when no other person of note bears it (else it is no one's for sure).
    const rivals = fullPeople.filter((o) => o.id !== p.id && nameForm(o.name, 'PER').endsWith(` ${surname}`) && o.mentions >= 0.05 * p.mentions);
    const forms = [full, ...(rivals.length || full === surname ? [] : [surname])];
    let theirs = 0;
    let all = 0;
    const elsewhere = new Set<number>();
    for (const f of forms)
      for (const x of (f === surname && f !== full ? bySurname : byForm).get(f) ?? []) {
        all += x.n;
        if (x.entity === p.id) theirs += x.n;
        else elsewhere.add(x.entity);
      }
    if (elsewhere.size) spread++;
    const share = all ? theirs / all : 1;
    report.push(`${p.name}: ${(share * 100).toFixed(1)}% of ${all} (${elsewhere.size} other entities)`);
    assert.ok(share >= 0.95, `${p.name} holds ${(share * 100).toFixed(1)}% of the ${all} mentions written ${forms.join(' / ')}`);
  }
  process.stdout.write(`# top people: ${report.join('; ')}\n# people with mentions in other entities: ${spread} of ${people.length}\n`);
});

test('allsides: keyness by default ranks no stop word, and no site furniture, in its top 50', () => {
  const store = openSqliteStore(db, { readonly: true });
  const stop = stopwords('en');
  for (const q of ['entity:Putin', 'outlet:cnn', 'sanctions']) {
    for (const ngram of [1, 2] as const) {
      const r = keyness(store, q, { limit: 50, ngram });
      const bad = r.key.filter((k) => k.term.split(' ').some((w) => stop.has(w)));
      assert.deepEqual(bad.map((k) => k.term), [], `${q} (${ngram})`);
      const furniture = r.key.filter((k) => /\b(replay|caption|videos)\b/.test(k.term));
      assert.deepEqual(furniture.map((k) => k.term), [], `${q} (${ngram}): furniture`);
    }
  }
  store.close();
});
