/**
 * The CAMEO event scheme (Conflict and Mediation Event Observations, Gerner
 * and Schrodt): its 20 root categories with the Goldstein scale value of
 * each root code, and our trigger lexicon mapping English verbs and event
 * nouns to codes. The lexicon is ours (CAMEO's published verb dictionaries
 * are far larger); it covers the acts news reports most, and phrase rules
 * refine a verb by its object ("deploy peacekeepers" is aid, "deploy troops"
 * force posture).
 */

import { CAMEO_CODES } from './cameo-codes.js';

export const CAMEO_ROOTS: Record<string, { name: string; goldstein: number }> = {
  '01': { name: 'make public statement', goldstein: 0 },
  '02': { name: 'appeal', goldstein: 3 },
  '03': { name: 'express intent to cooperate', goldstein: 4 },
  '04': { name: 'consult', goldstein: 1 },
  '05': { name: 'engage in diplomatic cooperation', goldstein: 3.5 },
  '06': { name: 'engage in material cooperation', goldstein: 6 },
  '07': { name: 'provide aid', goldstein: 7 },
  '08': { name: 'yield', goldstein: 5 },
  '09': { name: 'investigate', goldstein: -2 },
  '10': { name: 'demand', goldstein: -5 },
  '11': { name: 'disapprove', goldstein: -2 },
  '12': { name: 'reject', goldstein: -4 },
  '13': { name: 'threaten', goldstein: -4.4 },
  '14': { name: 'protest', goldstein: -6.5 },
  '15': { name: 'exhibit force posture', goldstein: -7.2 },
  '16': { name: 'reduce relations', goldstein: -4 },
  '17': { name: 'coerce', goldstein: -7 },
  '18': { name: 'assault', goldstein: -9 },
  '19': { name: 'fight', goldstein: -10 },
  '20': { name: 'use unconventional mass violence', goldstein: -10 },
};

/** Verb lemma → CAMEO code. */
export const VERB_CODES: Record<string, string> = {
  // 01 statements (speech verbs that carry a position, not plain "say")
  // A warning is a pessimistic comment (012); with consequences or retaliation it is a threat (PHRASE_CODES).
  hint: '010', warn: '012', deny: '016', stress: '010', emphasize: '010', emphasise: '010', speculate: '010', predict: '010', comment: '010', reiterate: '010', acknowledge: '010',
  insist: '010', argue: '010', note: '010', lament: '012',
  // 02 appeals
  appeal: '020', urge: '020', plead: '020', request: '020', implore: '020', encourage: '020',
  // 03 intent to cooperate
  offer: '030', propose: '030', pledge: '030',
  // 04 consultations
  meet: '040', broker: '045', visit: '042', travel: '042', host: '043', discuss: '040', negotiate: '046', consult: '040', mediate: '045',
  // 05 diplomatic cooperation
  praise: '051', endorse: '051', welcome: '051', thank: '051', laud: '051', hail: '051', commend: '051', sign: '057', recognize: '054', recognise: '054', apologize: '055', apologise: '055', forgive: '056',
  // 06 material cooperation
  cooperate: '060', collaborate: '060',
  // 07 aid
  aid: '070', assist: '070', donate: '071',
  // 08 yield
  release: '081', withdraw: '087', retreat: '087', surrender: '080', resign: '080', concede: '080',
  // 09 investigate
  investigate: '090', probe: '090', inquire: '090',
  // 10 demand
  demand: '100', order: '100',
  // 11 disapprove
  criticize: '111', criticise: '111', condemn: '111', denounce: '111', deplore: '111', deprecate: '111', blame: '112', accuse: '112', sue: '115', doubt: '110', oppose: '110', slam: '111', decry: '111', complain: '114',
  // 12 reject
  // (dismiss and rebuff are the verb dictionary's: disapproval, 110)
  reject: '120', refuse: '120', veto: '120',
  // 14 protest
  protest: '140', demonstrate: '141', rally: '141', march: '141', strike: '143', boycott: '143', riot: '145',
  // 15 force posture
  mobilize: '154', mobilise: '154', deploy: '154',
  // 16 reduce relations
  sever: '160', expel: '166', suspend: '160', sanction: '163',
  // 17 coerce
  arrest: '173', detain: '173', seize: '171', confiscate: '171', deport: '174', impose: '172', ban: '172', jail: '173', imprison: '173', hack: '170',
  // 18 assault
  kill: '180', wound: '180', murder: '180', abduct: '181', kidnap: '181', beat: '182', torture: '182', assassinate: '186', loot: '180',
  // 19 fight
  attack: '190', fight: '190', clash: '190', battle: '190', shell: '194', bomb: '195', invade: '192', occupy: '192', annex: '192',
  // 20 mass violence
  displace: '201',
  massacre: '202',
};

/** Event nouns → code ("Tokayev's request", "a trip to Ukraine", "troops buildup"). */
export const NOUN_CODES: Record<string, string> = {
  request: '020', appeal: '020', plea: '020',
  offer: '030', proposal: '030', proposition: '030',
  visit: '042', trip: '042', talks: '040', discussions: '040', meeting: '040', summit: '040', negotiations: '046',
  protest: '140', protests: '140', demonstration: '141', demonstrations: '141', rally: '141', rallies: '141', riots: '145', strike: '143', strikes: '143',
  buildup: '154', 'build-up': '154', mobilization: '154', mobilisation: '154', deployment: '154',
  sanctions: '163',
  lawsuit: '115',
  aid: '070', resignation: '080', withdrawal: '087',
  arrest: '173', arrests: '173', detention: '173', crackdown: '175',
  investigation: '090', inquiry: '090', indictment: '173', denunciation: '111', denunciations: '111', condemnation: '111', accusations: '112', complaint: '114', refusal: '120', endorsement: '051',
  offensive: '190', onslaught: '190', bombardment: '194', shelling: '194', raid: '190', raids: '190',
  attack: '190', attacks: '190', assault: '180', clashes: '190', fighting: '190', invasion: '192', annexation: '192', airstrike: '195', airstrikes: '195',
  pogroms: '180', massacre: '202',
};

/**
 * Object words that turn a verb into another code: [verb lemma, object word
 * pattern, code]; an empty code means the phrase is no event ("pleaded
 * guilty" is no appeal).
 */
export const PHRASE_CODES: Array<[string, RegExp, string]> = [
  ['plead', /^guilty$|^innocent$|^not$/, ''],
  // "who requested anonymity to speak": a source's condition, no appeal.
  ['request', /^anonymity$/, ''],
  ['ask', /^anonymity$/, ''],
  ['deploy', /^peacekeep/, '074'],
  ['provide', /^peacekeep/, '074'],
  ['provide', /^aid$|^assistance$|^help$|^support$/, '070'],
  ['send', /^peacekeep/, '074'],
  ['declare', /^emergency$|^martial$/, '172'],
  ['impose', /^emergency$|^martial$|^curfew$/, '172'],
  ['introduce', /^emergency$|^martial$|^curfew$/, '172'],
  ['threaten', /^to$|^with$/, '130'],
  ['warn', /^consequences?$|^retaliation$|^response$|^sanctions$/, '130'],
  ['promise', /^consequences?$|^retaliation$|^response$/, '130'],
  ['seek', /^help$|^aid$|^assistance$|^support$/, '023'],
  ['send', /^troops$|^forces$|^soldiers$/, '154'],
  // Idioms whose object changes the act: "struck a deal", "imposed sanctions", "withdraw from the treaty", "used chemical weapons".
  ['strike', /^deal$|^agreement$|^accord$|^pact$/, '057'],
  ['impose', /^sanctions$|^embargo$|^tariffs$/, '163'],
  ['slap', /^sanctions$|^embargo$|^tariffs$/, '163'],
  ['withdraw', /^treaty$|^agreement$|^accord$|^pact$|^deal$/, '161'],
  ['use', /^chemical$|^sarin$|^chlorine$|^nerve$/, '2041'],
  ['decline', /^comment$/, '011'],
  ['refuse', /^comment$/, '011'],
  ['erect', /^barricades?$/, '144'],
  ['put', /^sanctions$|^embargo$|^tariffs$/, '163'],
  ['reach', /^deal$|^agreement$|^accord$|^pact$/, '057'],
  ['block', /^bills?$|^legislation$|^measures?$|^resolutions?$|^nominations?$/, '120'],
  ['turn', /^away$/, '174'],
  ['send', /^back$/, '174'],
  ['call', /^question$/, '111'],
  ['flex', /^muscles?$/, '150'],
  ['drive', /^homes?$/, '201'],
  ['drop', /^food$|^aid$|^supplies$|^water$/, '073'],
  ['deliver', /^aid$|^food$|^supplies$|^assistance$/, '073'],
  ['expedite', /^troops$|^forces$|^soldiers$/, '154'],
];

export const rootOf = (code: string) => code.slice(0, 2);
export const goldsteinOf = (code: string) => CAMEO_ROOTS[rootOf(code)]?.goldstein ?? 0;

/** A code's name in the CAMEO codebook ("173" → "Arrest, detain, or charge with legal action"); a root's for a root. */
export function codeName(code: string): string {
  return CAMEO_CODES[code] ?? CAMEO_ROOTS[code]?.name ?? code;
}
