/** The CAMEO verb dictionary and actor dictionaries, compiled into our lexicons, as the events stage uses them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actorCode, roleOn } from '../../src/nlp/actor-codes.js';
import { CAMEO_CODES } from '../../src/nlp/cameo-codes.js';
import { VERB_BLOCKS } from '../../src/nlp/cameo-verbs.js';
import { findEvents, reportedActs } from '../../src/nlp/events.js';
import { findQuotes } from '../../src/nlp/quotes.js';
import { verbCode } from '../../src/nlp/verb-patterns.js';
import { verbLemma } from '../../src/nlp/lemma.js';
import { docOf } from '../helpers.js';

/** Each event as "code trigger | source (code) → target (code)". */
function coded(s: string, published = '2022-01-10'): string[] {
  const d = docOf(s, published);
  const events = findEvents(d, published);
  events.push(...reportedActs(d, findQuotes(d), events));
  const who = (a: { name: string; code?: string } | undefined) => (a ? `${a.name}${a.code ? ` (${a.code})` : ''}` : '-');
  return events.sort((a, b) => a.triggerStart - b.triggerStart).map((e) => `${e.code} ${d.text.slice(e.triggerStart, e.triggerEnd)} | ${who(e.source)} → ${who(e.target)}`);
}

/** The dictionary's verdict on one word of a plain sentence. */
function dictionary(sentence: string, word: string) {
  const words = sentence.toLowerCase().split(/\s+/);
  const t = words.indexOf(word);
  return verbCode(words, t, () => [0, words.length], verbLemma(word));
}

test('verb lexicon: every code it gives is a CAMEO code; forms are spelled out', () => {
  let patterns = 0;
  for (const [code, forms, ps] of VERB_BLOCKS) {
    for (const c of [code, ...forms.split(' ').map((f) => f.split('=')[1] ?? '---'), ...ps.map((p) => p.slice(p.lastIndexOf('|') + 1))]) {
      if (c === '---') continue;
      assert.ok(CAMEO_CODES[c.replace(/^~/, '')], `${c} is in the codebook`);
    }
    patterns += ps.length;
  }
  assert.ok(VERB_BLOCKS.length > 350 && patterns > 4000, `${VERB_BLOCKS.length} blocks, ${patterns} patterns`);
  // Irregular forms as the dictionary gives them, regular ones made by the compiler.
  assert.equal(dictionary('he said so', 'said')?.base, 'say');
  assert.equal(dictionary('they rushed aid', 'rushed')?.base, 'rush');
});

test('verb dictionary: a pattern refines the code, cancels it, or the verb keeps its own', () => {
  // "rush" codes nothing alone; with aid after it, 070; with troops to the border, force posture.
  assert.equal(dictionary('they rushed home', 'rushed')?.code, '---');
  assert.equal(dictionary('they rushed aid to the region', 'rushed')?.code, '070');
  assert.equal(dictionary('they rushed police to the border', 'rushed')?.code, '153');
  // Most specific first: "ask for extradition" is an appeal for judicial cooperation.
  assert.equal(dictionary('they will ask for his extradition', 'ask')?.code, '0213');
  assert.equal(dictionary('they will ask questions', 'ask')?.code, '020');
  // Killed in an accident: no event.
  const accident = dictionary('five were killed in an accident', 'killed');
  assert.equal(accident?.code, '---');
  assert.equal(accident?.byPattern, true);
  // A phrase verb beats its verb alone.
  assert.equal(dictionary('rebels shot down a helicopter', 'shot')?.base, 'shoot down');
});

test('events: verbs only the dictionary knows code acts between two actors; plain "said" is none', () => {
  // "airlift" is 073 alone in the dictionary, "* &weapon" 072 (military aid), beating "* (to)" 036: an object named beats a direction.
  assert.deepEqual(coded('[[Russia|LOC]] airlifted weapons to [[Kazakhstan|LOC]]. [[Tokayev|PER]] said the situation was calm.'), ['072 airlifted | Russia (RUS) → Kazakhstan (KAZ)']);
  // A verb the dictionary codes by default (consider: 040) needs both a source and a target; "forces" after "the" is a noun.
  assert.deepEqual(coded('Officials considered the weather. The forces of the regime grew.'), []);
  // A pattern codes with one actor: "considered the plan" is considering a policy option (014).
  assert.deepEqual(coded('Officials considered the plan.'), ['014 considered | Officials → -'], 'the agents dictionary lists no plain "officials"');
  assert.deepEqual(coded('[[Russia|LOC]] considered [[Kazakhstan|LOC]] a partner.'), ['040 considered | Russia (RUS) → Kazakhstan (KAZ)']);
});

test('events: a passive act is done by the agent after "by" to its subject', () => {
  assert.deepEqual(coded('Protesters were arrested by [[Kazakh|MISC]] police on Monday.'), ['173 arrested | Kazakh police (KAZCOP) → Protesters (OPP)']);
  assert.deepEqual(coded('Dozens of protesters were killed in [[Almaty|LOC]].'), ['180 killed | - → protesters (KAZOPP)']);
});

test('events: reported speech as the codebook codes it: an accusation, or a claim of responsibility', () => {
  assert.deepEqual(coded('[[Ukraine|LOC]] said [[Russia|LOC]] had attacked its ports.'), ['112 said | Ukraine (UKR) → Russia (RUS)', '190 attacked | Russia (RUS) → -']);
  assert.deepEqual(coded('The [[Islamic State|ORG]] said it had attacked the convoy.'), ['015 said | Islamic State (IMGMUSISI) → -', '190 attacked | Islamic State (IMGMUSISI) → -']);
});

test('actor codes: countries, capitals, peoples, phrases, people on the day, bodies', () => {
  const day = '2022-01-06';
  assert.equal(actorCode({ name: 'Kazakhstan', ids: ['LOC|Kazakhstan'] }, day), 'KAZ');
  assert.equal(actorCode({ name: 'Moscow', ids: ['LOC|Moscow'] }, day), 'RUSGOV');
  assert.equal(actorCode({ name: 'Washington', ids: ['LOC|Washington'] }, day), 'USAGOV');
  assert.equal(actorCode({ name: 'Beijing', ids: ['LOC|Beijing'] }, day), 'CHNGOV');
  assert.equal(actorCode({ name: 'Kazakh authorities', ids: ['MISC|Kazakh'] }, day), 'KAZGOV');
  assert.equal(actorCode({ name: 'Russian servicemen', ids: ['MISC|Russian'] }, day), 'RUSMIL');
  assert.equal(actorCode({ name: 'protesters' }, day, '', 'KAZ'), 'KAZOPP');
  assert.equal(actorCode({ name: 'the police' }, day), 'COP');
  assert.equal(actorCode({ name: 'NATO', ids: ['ORG|NATO'] }, day), 'IGOWSTNAT');
  // Not listed by the dictionaries: an international body by the make of its name.
  assert.equal(actorCode({ name: 'Collective Security Treaty Organization', ids: ['ORG|Collective Security Treaty Organization'] }, day), 'IGO');
  // The dictionary spells "Kasymzhomart Tokayev" and lists him as elite after 2007; the article calls him President.
  assert.equal(actorCode({ name: 'Kassym-Jomart Tokayev', ids: ['PER|Kassym-Jomart Tokayev'] }, day), 'KAZELI');
  assert.equal(actorCode({ name: 'Kassym-Jomart Tokayev', ids: ['PER|Kassym-Jomart Tokayev'] }, day, 'Kazakh President'), 'KAZGOV');
  assert.equal(actorCode({ name: 'Josep Borrell', ids: ['PER|Josep Borrell'] }, day, "the EU's foreign policy chief"), 'IGOEUREEC');
  assert.equal(actorCode({ name: 'Some Body' }, day), undefined);
  // Bare "forces" is uncoded in the dictionaries; after a country it is that country's military.
  assert.equal(actorCode({ name: 'Russian forces', ids: ['MISC|Russian'] }, day), 'RUSMIL');
  assert.equal(actorCode({ name: 'U.S. forces' }, day), 'USAMIL');
  assert.equal(actorCode({ name: 'market forces' }, day), undefined);
});

test('actor codes: a dated role holds between its dates, a default outside them', () => {
  const roles = 'KAZELI 19710101-19991001;KAZGOV 19991001-20020128;KAZELI';
  assert.equal(roleOn(roles, '2001-05-01'), 'KAZGOV');
  assert.equal(roleOn(roles, '1985-05-01'), 'KAZELI');
  assert.equal(roleOn(roles, '2022-01-06'), 'KAZELI');
  assert.equal(roleOn('USRKAZ <19911216;KAZ >19911221', '1990-01-01'), 'USRKAZ');
  assert.equal(roleOn('USRKAZ <19911216;KAZ >19911221', '2022-01-01'), 'KAZ');
  assert.equal(roleOn('KAZGOV 19991001-20020128', undefined), undefined);
});
