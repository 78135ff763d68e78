/** `newslens quotes`, `newslens events`, `newslens frames` */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { QUOTE_KINDS, type Event, type EventMood, type QuoteKind } from '../model.js';
import { CAMEO_ROOTS } from '../nlp/cameo.js';
import { countFrames, FrameDictionaryError, parseFrameDictionary } from '../nlp/frames.js';
import { discoverPhrases, frameReport, listEvents, listQuotes, PHRASE_SAMPLE } from '../query/knowledge.js';
import { EVENT_SORTS, QUOTE_SORTS, type EventSort, type QuoteSort } from '../store/store.js';
import { oneLine, positiveInt, printJson, table, UsageError, withDbOption, withStore, type GlobalOptions } from './common.js';

const MOODS: readonly EventMood[] = ['asserted', 'negated', 'hypothetical', 'future'];

/** One event as table cells: code and root, who → whom, trigger, mood, date, place. */
export function eventCells(e: Event, text?: string): string[] {
  return [
    `${e.code} ${CAMEO_ROOTS[e.root]?.name ?? ''}`,
    `${oneLine(e.source?.name ?? '?', 28)} → ${oneLine(e.target?.name ?? '?', 28)}`,
    text ? text.slice(e.triggerStart, e.triggerEnd) : '',
    e.mood === 'asserted' ? '' : e.mood,
    e.date ?? '',
    e.place?.name ?? '',
  ];
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} expects ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

function share(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || x < 0 || x > 1) throw new UsageError(`${flag} expects a number from 0 to 1, got "${value}"`);
  return x;
}

function listOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((x) => x.trim()) as T[];
  const bad = items.filter((x) => !allowed.includes(x));
  if (bad.length) throw new UsageError(`${flag}: unknown ${bad.join(', ')} (one or more of ${allowed.join(', ')})`);
  return items;
}

export function registerKnowledge(program: Command): void {
  withDbOption(program.command('quotes'))
    .description('who said what: direct, partial and indirect quotes with their speakers')
    .argument('[query]', 'only quotes in the articles matching this search query')
    .option('--by <name>', 'only quotes by this entity (any alias)')
    .option('--about <name>', 'only quotes whose words name this entity')
    .option('--kind <kinds>', `comma-separated: ${QUOTE_KINDS.join(', ')}`)
    .option('--sort <order>', `${QUOTE_SORTS.join(', ')} (default newest, by article date; prominence: most-named speakers first; repetition: words more outlets carry first)`)
    .option('--min-confidence <x>', 'only quotes at least this sure, 0–1')
    .option('--limit <n>', 'how many (default 50)')
    .option('--offset <n>', 'skip this many first')
    .action((query: string | undefined, f: GlobalOptions & { by?: string; about?: string; kind?: string; sort?: string; minConfidence?: string; limit?: string; offset?: string }) => {
      const kinds = listOf<QuoteKind>('--kind', f.kind, QUOTE_KINDS);
      const sort = oneOf<QuoteSort>('--sort', f.sort, QUOTE_SORTS);
      const minConfidence = share('--min-confidence', f.minConfidence);
      const rows = withStore(f, (s) =>
        listQuotes(s, {
          ...(f.by ? { by: f.by } : {}),
          ...(f.about ? { about: f.about } : {}),
          ...(kinds ? { kinds } : {}),
          ...(query ? { query } : {}),
          ...(sort ? { sort } : {}),
          ...(minConfidence !== undefined ? { minConfidence } : {}),
          limit: positiveInt('--limit', f.limit, 50),
          offset: positiveInt('--offset', f.offset, 0),
        }),
      );
      if (f.json) return printJson({ quotes: rows });
      if (!rows.length) return void process.stdout.write('No quotes found.\n');
      process.stdout.write(
        table([
          ['ARTICLE', 'DATE', 'KIND', 'CONF', 'SPEAKER', 'CUE', 'WHAT WAS SAID'],
          ...rows.map((q) => [`#${q.article}`, q.published?.slice(0, 10) ?? '-', q.kind, q.confidence?.toFixed(2) ?? '-', oneLine(q.speaker ?? '-', 28), q.cue ?? '', oneLine(q.text, 90)]),
        ]) + '\n',
      );
    });

  withDbOption(program.command('events'))
    .description('who did what to whom: sentence-level events in CAMEO root categories, with Goldstein intensity')
    .argument('[query]', 'only events in the articles matching this search query')
    .option('--actor <name>', 'only events with this entity as source or target')
    .option('--role <role>', 'with --actor: source or target')
    .option('--code <code>', 'a CAMEO code or root, e.g. 17 (coerce) or 173 (arrest)')
    .option('--mood <moods>', `comma-separated: ${MOODS.join(', ')} (default: all)`)
    .option('--sort <order>', `${EVENT_SORTS.join(', ')} (default newest, by article date; date: by when the sentence says it happened)`)
    .option('--min-confidence <x>', 'only events at least this sure, 0–1')
    .option('--limit <n>', 'how many (default 50)')
    .option('--offset <n>', 'skip this many first')
    .addHelpText('after', `\nCAMEO roots:\n${Object.entries(CAMEO_ROOTS).map(([c, r]) => `  ${c}  ${r.name} (Goldstein ${r.goldstein})`).join('\n')}`)
    .action((query: string | undefined, f: GlobalOptions & { actor?: string; role?: string; code?: string; mood?: string; sort?: string; minConfidence?: string; limit?: string; offset?: string }) => {
      const sort = oneOf<EventSort>('--sort', f.sort, EVENT_SORTS);
      const minConfidence = share('--min-confidence', f.minConfidence);
      if (f.role && !['source', 'target'].includes(f.role)) throw new UsageError(`--role expects source or target, got "${f.role}"`);
      if (f.role && !f.actor) throw new UsageError('--role needs --actor');
      if (f.code && !/^\d{2,4}$/.test(f.code)) throw new UsageError(`--code expects a CAMEO code such as 17 or 173, got "${f.code}"`);
      if (f.code && !CAMEO_ROOTS[f.code.slice(0, 2)]) throw new UsageError(`--code: no CAMEO root ${f.code.slice(0, 2)} (01–20)`);
      const moods = listOf<EventMood>('--mood', f.mood, MOODS);
      const rows = withStore(f, (s) =>
        listEvents(s, {
          ...(f.actor ? { actor: f.actor } : {}),
          ...(f.role ? { role: f.role as 'source' | 'target' } : {}),
          ...(f.code ? { code: f.code } : {}),
          ...(moods ? { moods } : {}),
          ...(query ? { query } : {}),
          ...(sort ? { sort } : {}),
          ...(minConfidence !== undefined ? { minConfidence } : {}),
          limit: positiveInt('--limit', f.limit, 50),
          offset: positiveInt('--offset', f.offset, 0),
        }),
      );
      if (f.json) return printJson({ events: rows });
      if (!rows.length) return void process.stdout.write('No events found.\n');
      process.stdout.write(
        table([
          ['ARTICLE', 'CODE', 'WHO → WHOM', 'TRIGGER', 'MOOD', 'DATE', 'PLACE', 'GOLDSTEIN', 'CONF'],
          ...rows.map((e) => [`#${e.article}`, ...eventCells(e).map((c, i) => (i === 2 ? e.trigger : c)), String(e.goldstein), e.confidence.toFixed(2)]),
        ]) + '\n',
      );
    });

  withDbOption(program.command('frames'))
    .description('frame counts from the workspace dictionary, per outlet and month; or discover recurring phrases')
    .argument('[query]', 'only the articles matching this search query')
    .option('--set <file>', 'store this JSON or YAML dictionary (frame → phrases) and count it in every article')
    .option('--clear', 'remove the dictionary and its counts')
    .option('--discover', 'recurring distinctive phrases shared across articles and outlets, with first appearance')
    .option('--min-articles <n>', 'with --discover: in at least this many articles (default 3)')
    .option('--min-outlets <n>', 'with --discover: from at least this many outlets (default 2)')
    .option('--limit <n>', 'with --discover: how many (default 30)')
    .addHelpText('after', '\nDictionary format (YAML or JSON):\n  security:\n    - terrorist*\n    - color revolution\n    - /foreign[- ]backed/\nNew articles are counted at ingest and reprocess.')
    .action((query: string | undefined, f: GlobalOptions & { set?: string; clear?: boolean; discover?: boolean; minArticles?: string; minOutlets?: string; limit?: string }) => {
      if (f.set !== undefined) {
        let text: string;
        try {
          text = readFileSync(f.set, 'utf8');
        } catch (err) {
          throw new UsageError(`cannot read ${f.set}: ${(err as Error).message}`);
        }
        let dict;
        try {
          dict = parseFrameDictionary(text, f.set);
        } catch (err) {
          if (err instanceof FrameDictionaryError) throw new UsageError(err.message);
          throw err;
        }
        const n = withStore(f, (s) => s.setFrameDictionary(text, (t) => countFrames(t, dict)), { write: true });
        if (f.json) return printJson({ frames: dict.frames.map((x) => x.name), articles: n });
        return void process.stdout.write(`${dict.frames.length} frames stored; ${n} articles counted\n`);
      }
      if (f.clear) {
        withStore(f, (s) => s.setFrameDictionary(undefined, () => []), { write: true });
        return void process.stdout.write('frame dictionary removed\n');
      }
      if (f.discover) {
        const phrases = withStore(f, (s) =>
          discoverPhrases(s, { ...(query ? { query } : {}), minArticles: positiveInt('--min-articles', f.minArticles, 3), minOutlets: positiveInt('--min-outlets', f.minOutlets, 2), limit: positiveInt('--limit', f.limit, 30) }),
        );
        if (f.json) return printJson({ phrases });
        if (!phrases.length) return void process.stdout.write('No recurring phrases found (try lower --min-articles or --min-outlets).\n');
        return void process.stdout.write(
          table([
            ['PHRASE', 'ARTICLES', 'OUTLETS', 'MOST DISTINCTIVE OF', 'LL', 'COHESION', 'FIRST SEEN'],
            ...phrases.map((p) => [
              oneLine(p.phrase, 40),
              String(p.articles),
              String(p.outlets),
              `${oneLine(p.distinctive.of || '-', 28)} (${p.distinctive.articles})`,
              String(p.distinctive.logLikelihood),
              String(p.cohesion),
              `#${p.first.article} ${p.first.published ?? 'undated'} ${oneLine(p.first.outlet ?? '', 24)}`,
            ]),
          ]) + `\nPhrases in lower case (names left out), not starting or ending with a stop word; read from at most ${PHRASE_SAMPLE} articles a side.\n`,
        );
      }
      const r = withStore(f, (s) => frameReport(s, query));
      if (f.json) return printJson(r);
      if (!r.dictionary) return void process.stdout.write('No frame dictionary in this workspace. Add one with: newslens frames --set FILE (see --help); or try --discover.\n');
      if (!r.frames.length) return void process.stdout.write('No frame occurs in these articles.\n');
      const out = [table([['FRAME', 'ARTICLES', 'COUNT'], ...r.frames.map((x) => [x.frame, String(x.articles), String(x.count)])]), '', 'By outlet:'];
      out.push(table(r.byOutlet.map((x) => [`  ${x.frame}`, oneLine(x.outlet, 30), String(x.articles), String(x.count)])), '', 'By month:');
      out.push(table(r.byMonth.map((x) => [`  ${x.frame}`, x.month, String(x.articles), String(x.count)])));
      process.stdout.write(out.join('\n') + '\n');
    });
}
