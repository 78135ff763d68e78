import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { trimmed } from '../../src/nlp/annotate.js';
import { tokenize } from '../../src/structure/tokens.js';
import { CAMEO_ROOTS, codeName, NOUN_CODES, PHRASE_CODES, VERB_CODES } from '../../src/nlp/cameo.js';
import { CAMEO_CODES } from '../../src/nlp/cameo-codes.js';
import { findEvents } from '../../src/nlp/events.js';
import { countFrames, FrameDictionaryError, parseFrameDictionary } from '../../src/nlp/frames.js';
import { findQuotes } from '../../src/nlp/quotes.js';
import { findTone } from '../../src/nlp/tone.js';
import { docOf, runCli, runJson, tempDir } from '../helpers.js';


const quotesOf = (s: string) => {
  const d = docOf(s);
  return findQuotes(d).map((q) => `${q.kind} | ${q.speaker ?? '-'} | ${q.cue ?? '-'} | ${d.text.slice(q.start, q.end)}`);
};

test('quotes: direct with the speaker after or before, pronouns, titles, continuation paragraphs', () => {
  assert.deepEqual(
    quotesOf(
      '“We will not leave,” said [[Sergei Lavrov|PER]]. Foreign minister [[Ann Linde|PER]] spoke later. “The talks failed,” the minister said.\n\n“We tried everything we could think of to keep them going.”\n\n[[Lavrov|PER]] said: “The West is to blame for all of this.”',
    ),
    [
      'direct | Sergei Lavrov | said | We will not leave,',
      'direct | Ann Linde | said | The talks failed,',
      'direct | Ann Linde | said | We tried everything we could think of to keep them going.',
      'direct | Sergei Lavrov | said | The West is to blame for all of this.',
    ],
  );
  // Quotation marks typed as two apostrophes, or TeX's `` … '': the same quotes.
  assert.deepEqual(quotesOf("''We will not leave,'' said [[Sergei Lavrov|PER]]. [[Ann Linde|PER]] said: ``The talks failed.''"), [
    'direct | Sergei Lavrov | said | We will not leave,',
    'direct | Ann Linde | said | The talks failed.',
  ]);
  assert.deepEqual(quotesOf("The protesters' demands grew, [[Ann Linde|PER]] said."), ['indirect | Ann Linde | said | The protesters\' demands grew'], 'one apostrophe is no quotation mark');
});

test('quotes: partial quotes through the sentence, indirect speech, according to, scare quotes', () => {
  assert.deepEqual(
    quotesOf(
      'Officials spoke of a "special operation" in the east. [[Joe Biden|PER]] earlier warned [[Russia|LOC]] of "severe" costs. He stressed that sanctions would follow within days. According to [[Reuters|ORG]], the convoy stopped near the border.',
    ),
    [
      'phrase | - | - | special operation',
      // The quoted "severe" is part of the reported statement: one quote, not two (issue 15).
      'indirect | Joe Biden | warned | Russia of "severe" costs',
      'indirect | Joe Biden | stressed | sanctions would follow within days',
      'indirect | Reuters | according to | the convoy stopped near the border',
    ],
  );
});

test('quotes: a verb that also names other acts reports a clause without "that" when the clause has its own verb', () => {
  assert.deepEqual(quotesOf('[[Angela Merkel|PER]] notes the economy is weak.'), ['indirect | Angela Merkel | notes | the economy is weak']);
  assert.deepEqual(quotesOf('[[Joe Biden|PER]] added the tariffs would stay.'), ['indirect | Joe Biden | added | the tariffs would stay']);
  assert.deepEqual(quotesOf('[[Angela Merkel|PER]] spoke on Monday. She stated the talks had failed.'), ['indirect | Angela Merkel | stated | the talks had failed']);
  // Acts, not speech: no clause of its own, or a noun ("member states").
  for (const s of ['[[Joe Biden|PER]] added the amendment to the bill.', '[[Angela Merkel|PER]] stated her position clearly.', 'The [[EU|ORG]] states are divided over the plan.', '[[Tokayev|PER]] declared a state of emergency in the city.'])
    assert.deepEqual(quotesOf(s), [], s);
});

test('quotes: a pronoun that opens its sentence is the person the sentence before was about, not the last one named', () => {
  assert.deepEqual(quotesOf('[[Richard Nixon|PER]] flew to [[Ottawa|LOC]] in 1972 to meet [[Pierre Trudeau|PER]]. He said: “Tonight we will dispense with formalities.”'), [
    'direct | Richard Nixon | said | Tonight we will dispense with formalities.',
  ]);
  assert.deepEqual(quotesOf('[[Richard Nixon|PER]] toasted [[Pierre Trudeau|PER]] at the dinner. “Tonight we will dispense with formalities,” he said.'), [
    'direct | Richard Nixon | said | Tonight we will dispense with formalities,',
  ]);
  // No person as the subject before: the last person named, as before.
  assert.deepEqual(quotesOf('The talks were led by [[Angela Merkel|PER]] and [[Emmanuel Macron|PER]]. He said the talks had gone well.'), ['indirect | Emmanuel Macron | said | the talks had gone well']);
});

test("quotes: an embedded tweet is its author's words; reported speech does not run across its signature", () => {
  const text =
    'Officials spoke to reporters on Friday.\n\nCNN is so dishonest. We took reporters to the facility. pic.twitter.com/LQ1xy1AQe4 — Vice President [[Mike Pence|PER]] (@VP) July 13, 2019\n\n' +
    'The stories took place during the Obama years. — Donald J. Trump (@realDonaldTrump) July 14, 2018\n\n[[Ann Linde|PER]] said the talks had failed.';
  assert.deepEqual(quotesOf(text), [
    'direct | Mike Pence | tweeted | CNN is so dishonest. We took reporters to the facility.',
    'direct | Donald J. Trump | tweeted | The stories took place during the Obama years.',
    'indirect | Ann Linde | said | the talks had failed',
  ]);
});

test('quotes: groups and outlets as speakers: a word for people opening the sentence, a paper named by its kind', () => {
  assert.deepEqual(quotesOf('Voters said they were tired of the war.'), ['indirect | Voters | said | they were tired of the war']);
  assert.deepEqual(quotesOf('Analysts said the decision was a mistake.'), ['indirect | Analysts | said | the decision was a mistake']);
  assert.deepEqual(quotesOf('“The war is a disaster,” the influential [[US|LOC]] daily wrote on Monday.'), ['direct | influential US daily | wrote | The war is a disaster,']);
  assert.deepEqual(quotesOf('The newspaper reported that the talks had failed.'), ['indirect | newspaper | reported | the talks had failed']);
  // An adverb in -ly is still skipped on the way back to the subject.
  assert.deepEqual(quotesOf('[[Donald Trump|PER]] quickly said the talks had failed.'), ['indirect | Donald Trump | said | the talks had failed']);
  assert.deepEqual(quotesOf('Two people were reported killed in the attack.'), []);
});

test('quotes: "both countries" speak for the last two countries named', () => {
  const q = findQuotes(docOf('[[Russia|LOC]] and [[China|LOC]] met. Both countries condemned what they called "foreign meddling."'));
  assert.equal(q.length, 1);
  assert.equal(q[0]!.speaker, 'Russia and China');
  assert.deepEqual(q[0]!.speakerIds, ['LOC|Russia', 'LOC|China']);
});

const eventsOf = (s: string) => {
  const d = docOf(s);
  return findEvents(d, '2022-01-10').map((e) => `${e.code} ${d.text.slice(e.triggerStart, e.triggerEnd)} | ${e.source?.name ?? '-'} → ${e.target?.name ?? '-'} | ${e.mood} | ${e.date ?? '-'} | ${e.place?.name ?? '-'} | ${e.goldstein}`);
};

test('events: CAMEO code, source and target, place, date and Goldstein', () => {
  assert.deepEqual(eventsOf('Police in [[Almaty|LOC]] arrested [[Karim Massimov|PER]] on January 8. [[Tokayev|PER]] asked the [[CSTO|ORG]] for help.'), [
    '173 arrested | Police → Karim Massimov | asserted | 2022-01-08 | Almaty | -7',
    // The verb dictionary's ASK block: asking an actor is an appeal (020).
    '020 asked | Tokayev → CSTO | asserted | 2022-01-10 | - | 3',
  ]);
  assert.deepEqual(eventsOf("[[Kassym-Jomart Tokayev|PER]]'s request to the [[CSTO|ORG]] was granted."), ['020 request | Kassym-Jomart Tokayev → CSTO | asserted | 2022-01-10 | - | 3']);
});

test('events: every code the lexicon gives is a CAMEO code with its codebook name', () => {
  const given = new Set([...Object.values(VERB_CODES), ...Object.values(NOUN_CODES), ...PHRASE_CODES.map(([, , code]) => code)].filter((c) => c !== ''));
  assert.ok(given.size > 40);
  for (const code of given) {
    assert.match(code, /^\d{3,4}$/);
    assert.ok(CAMEO_CODES[code], `${code} is in the codebook`);
    assert.ok(CAMEO_ROOTS[code.slice(0, 2)], `${code} has a root`);
  }
  assert.equal(codeName('173'), 'Arrest, detain, or charge with legal action');
  assert.equal(codeName('0213'), 'Appeal for judicial cooperation');
  assert.equal(codeName('14'), 'protest');
});

test('events: negated, hypothetical and future acts are marked, not asserted', () => {
  assert.deepEqual(
    eventsOf('[[Russia|LOC]] did not attack [[Ukraine|LOC]]. [[NATO|ORG]] may deploy troops to [[Poland|LOC]]. [[France|LOC]] will condemn [[Iran|LOC]]. The [[EU|ORG]] promised sanctions should it invade [[Georgia|LOC]].'),
    [
      '190 attack | Russia → Ukraine | negated | 2022-01-10 | - | -10',
      '154 deploy | NATO → Poland | hypothetical | 2022-01-10 | - | -7.2',
      '111 condemn | France → Iran | future | 2022-01-10 | - | -2',
      '192 invade | EU → Georgia | hypothetical | 2022-01-10 | - | -10',
    ],
  );
});

test('tone: lexicon scores per 100 words, negation turns the sign, entity tone from its sentences', () => {
  const good = findTone(docOf('[[Acme|ORG]] had a great and happy year.')).tone;
  const notGood = findTone(docOf('[[Acme|ORG]] did not have a great year.')).tone;
  assert.ok(good.tone > 0 && good.negative === 0, JSON.stringify(good));
  assert.ok(notGood.tone < 0, JSON.stringify(notGood));
  const { entities } = findTone(docOf('[[Acme|ORG]] won praise. [[Bolt|ORG]] was accused of fraud and corruption.'));
  const of = (k: string) => entities.find((e) => e.entity === k)!;
  assert.ok(of('ORG|Acme').tone > 0 && of('ORG|Bolt').tone < 0, JSON.stringify(entities));
  assert.equal(of('ORG|Bolt').sentences, 1);
  // Words that are also Object's own properties score nothing (one made a tone NaN, and the article unstorable).
  const odd = findTone(docOf('[[Acme|ORG]] hired a constructor to fix the valueOf and toString of its hasOwnProperty.'));
  assert.deepEqual([odd.tone.tone, odd.tone.positive, odd.tone.negative], [0, 0, 0]);
  assert.ok(odd.entities.every((e) => Number.isFinite(e.tone) && Number.isFinite(e.negative)));
});

test('frames: dictionary in YAML or JSON, phrases, prefixes and patterns; errors name the file', () => {
  const yaml = parseFrameDictionary('security:\n  - terror*\n  - color revolution\n  - /foreign[- ]backed/\neconomy: [gas prices]\n', 'f.yaml');
  assert.deepEqual(countFrames('Foreign-backed terrorists and a colour revolution; a Color Revolution, gas prices, terrorism.', yaml), [
    { frame: 'security', count: 4 },
    { frame: 'economy', count: 1 },
  ]);
  const json = parseFrameDictionary('{"frames": {"unrest": ["riot*"]}}', 'f.json');
  assert.deepEqual(countFrames('Riots and rioters.', json), [{ frame: 'unrest', count: 2 }]);
  assert.throws(() => parseFrameDictionary('security: terror', 'bad.yaml'), (e: Error) => e instanceof FrameDictionaryError && /bad\.yaml: frame "security"/.test(e.message));
  assert.throws(() => parseFrameDictionary('x: [/(/]', 'bad.yaml'), /bad pattern/);
  assert.throws(() => parseFrameDictionary('a: [b', 'broken.yaml'), /broken\.yaml: not valid JSON or YAML/);
});

test('CLI: quotes, events and frames from a workspace; show --json carries them', () => {
  const dir = tempDir();
  const db = join(dir, 'k.db');
  const input = join(dir, 'a.jsonl');
  const text =
    '“We will not back down,” said Sergei Lavrov, the Russian foreign minister. Joe Biden warned Russia of "devastating" consequences. ' +
    'Police in Almaty arrested Karim Massimov on January 8. Protesters condemned the foreign-backed terrorists.';
  writeFileSync(input, JSON.stringify({ title: 'Talks in Geneva', published: '2022-01-10', outlet: 'Example News', text }) + '\n');
  assert.equal(runCli(['ingest', '--db', db, input]).status, 0);
  const quotes = runJson<{ quotes: Array<{ speaker?: string; kind: string; text: string }> }>(['quotes', '--db', db, '--by', 'Sergei Lavrov']).value.quotes;
  assert.deepEqual(quotes.map((q) => [q.kind, q.speaker, q.text]), [['direct', 'Sergei Lavrov', 'We will not back down,']]);
  const events = runJson<{ events: Array<{ code: string; trigger: string }> }>(['events', '--db', db, '--code', '17']).value.events;
  assert.deepEqual(events.map((e) => [e.code, e.trigger]), [['173', 'arrested']]);
  const dict = join(dir, 'frames.yaml');
  writeFileSync(dict, 'security:\n  - /foreign[- ]backed/\n  - terrorist*\n');
  assert.equal(runCli(['frames', '--db', db, '--set', dict]).status, 0);
  const frames = runJson<{ frames: Array<{ frame: string; count: number; articles: number }> }>(['frames', '--db', db]).value.frames;
  assert.deepEqual(frames, [{ frame: 'security', articles: 1, count: 2 }]);
  const shown = runJson<{ quotes: unknown[]; events: unknown[]; tone: { tone: number }; frames: unknown[] }>(['show', '1', '--db', db]).value;
  assert.ok(shown.quotes.length >= 2 && shown.events.length >= 1 && typeof shown.tone.tone === 'number' && shown.frames.length === 1);
  const bad = runCli(['events', '--db', db, '--actor', 'Nobody Atall']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no entity named "Nobody Atall"/);
  assert.match(runCli(['frames', '--db', db, '--set', join(dir, 'missing.yaml')]).stderr, /cannot read .*missing\.yaml/);
});

test('quotes: a quote going on in its own sentence, "it added", inverted reported speech, appositions, quoted names', () => {
  assert.deepEqual(
    quotesOf(
      '“As a consumer, that was my first thought,” said [[Emily Blanchard|PER]], an economist. “Those are my avocados.”\n\n' +
        'Supply chains will not fray overnight, said [[Brian Dunch|PER]], a trade expert. A fighter launched airstrikes on the town, the [[Pentagon|ORG]] said.\n\n' +
        '“The coalition is there to stay,” said a [[Pentagon|ORG]] statement. “Hostile acts will not be tolerated,” it added.\n\n' +
        '[[Troy Kirkpatrick|PER]], a company spokesman, said Friday that the shift was under way.\n\n' +
        '“Pro-regime forces” had launched an attack on the town.',
    ),
    [
      'direct | Emily Blanchard | said | As a consumer, that was my first thought,',
      'direct | Emily Blanchard | said | Those are my avocados.',
      'indirect | Brian Dunch | said | Supply chains will not fray overnight',
      'indirect | Pentagon | said | A fighter launched airstrikes on the town',
      'direct | Pentagon | said | The coalition is there to stay,',
      'direct | Pentagon | added | Hostile acts will not be tolerated,',
      'indirect | Troy Kirkpatrick | said | Friday that the shift was under way',
      'phrase | - | - | Pro-regime forces',
    ],
  );
});

test('quotes: a text that opens with its speech verb', () => {
  assert.deepEqual(quotesOf('Says [[Sergei Lavrov|PER]]: the talks are over.'), ['indirect | Sergei Lavrov | says | the talks are over']);
});

test('mentions: the tagger\'s span without edge punctuation or, for a person, an honorific', () => {
  const text = '“Fine,” Mr. Dunch said. ” Band replied.';
  const tokens = tokenize(text, 0);
  const at = (w: string) => tokens.findIndex((t) => text.slice(t.start, t.end) === w);
  const span = (a: number, b: number, type: string) => {
    const r = trimmed(tokens, text, a, b, type);
    return r ? text.slice(tokens[r[0]]!.start, tokens[r[1] - 1]!.end) : undefined;
  };
  assert.equal(span(at('Mr.'), at('Dunch') + 1, 'PER'), 'Dunch');
  assert.equal(span(at('Mr.'), at('Dunch') + 1, 'ORG'), 'Mr. Dunch');
  assert.equal(span(at('Band') - 1, at('Band') + 1, 'PER'), 'Band');
  assert.equal(span(at('”'), at('”') + 1, 'PER'), undefined);
  const later = 'Trump first told reporters.';
  const lt = tokenize(later, 0);
  const r = trimmed(lt, later, 0, 2, 'PER');
  assert.equal(r && later.slice(lt[r[0]]!.start, lt[r[1] - 1]!.end), 'Trump', 'a word in lower case ends no name');
});

test('events: who can act, nouns that look like verbs, objects that change the code', () => {
  const codes = (s: string) => eventsOf(s).map((e) => e.split(' | ').slice(0, 2).join(' | '));
  // A city names where an attack happened, not who made it; a thing does not act.
  assert.deepEqual(codes('The [[Benghazi|LOC]] attack on the [[US|LOC]] consulate shocked many. A blast killed [[Naef al-Asaad|PER]].'), [
    '190 attack | - → United States',
    '180 killed | - → Naef al-Asaad',
  ]);
  // "aides" and "carrying out orders" are nouns; "pleaded guilty" is no appeal.
  assert.deepEqual(codes('[[Clinton|PER]] aides met. Workers carried out orders from the [[Islamic State|ORG]]. [[Michael Flynn|PER]] pleaded guilty to lying to the [[FBI|ORG]].'), [
    '040 met | Clinton aides → -',
  ]);
  // A strike at a named target is force; a denial is a statement (016); a name before the comma is the subject.
  assert.deepEqual(codes('They could strike [[Iran|LOC]]. [[Saudi Arabia|LOC]] denies it. Trump\'s lawyer, [[John Dowd|PER]], resigned in March.'), [
    '190 strike | - → Iran',
    '016 denies | Saudi Arabia → -',
    '080 resigned | John Dowd → -',
  ]);
});

test('events: an act the story refers back to, the actor after "of", participles that describe', () => {
  const codes = (s: string) => eventsOf(s).map((e) => e.split(' | ').slice(0, 2).join(' | '));
  assert.deepEqual(codes('The crackdown followed weeks of talks. It prompted the resignation of [[Mohamed ElBaradei|PER]]. Newly released images show the damage.'), [
    '175 crackdown | - → -',
    '080 resignation | Mohamed ElBaradei → -',
  ]);
  // A bare event noun with nothing named and no article before it is no reported act.
  assert.deepEqual(codes('Crackdowns and attacks are common in wars.'), []);
});

test('quotes: a title attached to its name, a speaker named after the quote with his role, "of" an organisation, "he added" after a quote', () => {
  // "the President" refers back to the President named before, not to the place between.
  assert.deepEqual(quotesOf('President [[Obama|PER]] spoke at [[San Juan Hill|LOC]] on Monday. “We are proud of our troops,” the President said.'), [
    'direct | Obama | said | We are proud of our troops,',
  ]);
  // The person whose role is given, not the one the role is of.
  assert.deepEqual(quotesOf('“Why would he lie?” [[Weinstein|PER]]\'s attorney [[Timothy Parlatore|PER]] said.'), [
    'direct | Timothy Parlatore | said | Why would he lie?',
  ]);
  // A person "of" an organisation is the speaker, not the organisation.
  assert.deepEqual(quotesOf('[[Mark Krikorian|PER]] of the [[Center for Immigration Studies|ORG]] told reporters that the plan would fail.'), [
    'indirect | Mark Krikorian | told | reporters that the plan would fail',
  ]);
  // "the official" who spoke, then "he" who added: one speaker.
  assert.deepEqual(quotesOf('The talks stalled. “We are not there yet,” the official said. “But we are close,” he added.').map((q) => q.split(' | ').slice(0, 2).join(' | ')), [
    'direct | official',
    'direct | official',
  ]);
});

test('events: an act told of again is coded once; nouns and adjectives that look like verbs are none', () => {
  const codes = (s: string) => eventsOf(s).map((e) => e.split(' | ').slice(0, 2).join(' | '));
  // The second "attack" is the first one again; an attack by other actors is another act.
  assert.deepEqual(codes('The [[Benghazi|LOC]] attack killed four Americans. Emails about the attack were released.').filter((c) => c.includes('attack |')), ['190 attack | - → -']);
  assert.equal(codes('[[Russia|LOC]] launched an attack on [[Ukraine|LOC]]. A [[Hamas|ORG]] attack on [[Israel|LOC]] followed.').filter((c) => c.includes('attack')).length, 2);
  // "Obama's comments came …": a plural noun after a possessive, and a thing of Obama's, not Obama, as a subject.
  assert.deepEqual(codes("[[Obama|PER]]'s comments came during a visit."), []);
  // "a wounded militant": an adjective; "who requested anonymity": a source's condition, no appeal.
  assert.deepEqual(codes('[[Gallagher|PER]] was acquitted of murdering a wounded militant.').filter((c) => c.includes('wounded')), []);
  assert.deepEqual(codes('A senior official, who requested anonymity, described the talks.').filter((c) => c.includes('requested')), []);
});

test('events: idioms coded as one act, a verb that carries out an act named by its noun', () => {
  const codes = (s: string) => eventsOf(s).map((e) => e.split(' | ').slice(0, 2).join(' | '));
  assert.deepEqual(codes('The [[United States|LOC]] imposed sanctions on [[Iran|LOC]].'), ['163 imposed | United States → Iran']);
  assert.deepEqual(codes('[[Iran|LOC]] struck a nuclear deal with the [[United States|LOC]].'), ['057 struck | Iran → United States']);
  // "launched" carries out the attack: the attack is the event, the launcher its source.
  assert.deepEqual(codes('[[Islamic State|ORG]] launched a terror attack on [[Paris|LOC]].').map((c) => c.split(' | ')[0]!.split(' ')[1]), ['attack']);
});

test('quotes: sources that are not named — "according to" a phrase, a group of people, "they", a time before the subject', () => {
  assert.deepEqual(quotesOf('[[Bolton|PER]] will meet his counterpart in [[Moscow|LOC]], according to a senior administration official.'), [
    'indirect | senior administration official | according to | Bolton will meet his counterpart in Moscow',
  ]);
  assert.deepEqual(quotesOf('The agency is planning raids on hundreds of families, according to a published report.').map((q) => q.split(' | ').slice(0, 3).join(' | ')), [
    'indirect | report | according to',
  ]);
  // A plan or a rule says nothing: no statement.
  assert.deepEqual(quotesOf('The troops will leave next month, according to the plan agreed in May.'), []);
  assert.deepEqual(quotesOf('This past summer, a group of [[Centcom|ORG]] analysts went to the inspector general, saying they had evidence of changed assessments.'), [
    'indirect | a group of Centcom analysts | saying | they had evidence of changed assessments',
  ]);
  assert.deepEqual(quotesOf("[[Gallagher|PER]]'s lawyers say the Navy is wrong. They said the admiral is defying the president."), [
    "indirect | Gallagher's lawyers | say | the Navy is wrong",
    "indirect | Gallagher's lawyers | said | the admiral is defying the president",
  ]);
  // "They" after a single person: no plural antecedent, no speaker made up.
  assert.deepEqual(quotesOf('[[Tokayev|PER]] spoke on Monday. They said the protests were over.').filter((q) => !q.startsWith('indirect | -')), []);
});

test('quotes: a second speech verb of the same speaker opens its own statement; "said he could" is no inverted attribution', () => {
  assert.deepEqual(quotesOf('[[Vladimir Putin|PER]] said the West has nothing to fear, insisting its actions are simply defensive.'), [
    'indirect | Vladimir Putin | said | the West has nothing to fear',
    'indirect | Vladimir Putin | insisting | its actions are simply defensive',
  ]);
  assert.deepEqual(quotesOf('[[Obama|PER]] acknowledged that reform will take time, but pledged the U.S. will remain a partner.'), [
    'indirect | Obama | acknowledged | reform will take time',
    'indirect | Obama | pledged | the U.S. will remain a partner',
  ]);
  // A second verb with no clause of its own stays inside the first statement.
  assert.deepEqual(quotesOf('The [[BBC|ORG]] was predicting that [[Russia|LOC]] would stay there and speculated about annexation.'), [
    'indirect | BBC | predicting | Russia would stay there and speculated about annexation',
  ]);
  // The pronoun after "said" is the reported clause's subject; the speaker is the sentence's.
  assert.deepEqual(quotesOf('Florida Sen. [[Marco Rubio|PER]], another 2016 contender, said he could not fault [[George W. Bush|PER]] for the decision.'), [
    'indirect | Marco Rubio | said | he could not fault George W. Bush for the decision',
  ]);
});
