/** `newslens quotes`, `newslens events`, `newslens frames` */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Event } from '../model.js';
import { CAMEO_ROOTS, codeName } from '../nlp/cameo.js';
import { countFrames, FrameDictionaryError, parseFrameDictionary } from '../nlp/frames.js';
import { discoverPhrases, frameReport, listEvents, listQuotes, PHRASE_SAMPLE } from '../query/knowledge.js';
import { eventQuery, EventsParams, PhrasesParams, quoteQuery, QuotesParams } from '../query/params.js';
import { oneLine, paramsFrom, printJson, table, UsageError, withDbOption, withParams, withStore, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

/** An actor's name and its CAMEO code: "Kazakh authorities KAZGOV". */
const actorCell = (a: Event['source']) => (a ? `${oneLine(a.name, 28)}${a.code ? ` ${a.code}` : ''}` : '?');

/** One event as table cells: code and root, who → whom, trigger, mood, date, place. */
export function eventCells(e: Event, text?: string): string[] {
  return [
    `${e.code} ${oneLine(codeName(e.code), 34)}`,
    `${actorCell(e.source)} → ${actorCell(e.target)}`,
    text ? text.slice(e.triggerStart, e.triggerEnd) : '',
    e.mood === 'asserted' ? '' : e.mood,
    e.date ?? '',
    e.place?.name ?? '',
  ];
}

export function registerKnowledge(program: Command): void {
  withParams(withDbOption(commandFor(program, 'quotes')), QuotesParams)
    .argument('[query]', 'only quotes in the articles matching this search query')
    .action((query: string | undefined, f: GlobalOptions) => {
      const rows = withStore(f, (s) => listQuotes(s, quoteQuery(paramsFrom(QuotesParams, f, query))));
      if (f.json) return printJson({ quotes: rows });
      if (!rows.length) return void process.stdout.write('No quotes found.\n');
      process.stdout.write(
        table([
          ['ARTICLE', 'DATE', 'KIND', 'CONF', 'SPEAKER', 'CUE', 'WHAT WAS SAID'],
          ...rows.map((q) => [`#${q.article}`, q.published?.slice(0, 10) ?? '-', q.kind, q.confidence?.toFixed(2) ?? '-', oneLine(q.speaker ?? '-', 28), q.cue ?? '', oneLine(q.text, 90)]),
        ]) + '\n',
      );
    });

  withParams(withDbOption(commandFor(program, 'events')), EventsParams)
    .argument('[query]', 'only events in the articles matching this search query')
    .addHelpText('after', `\nCAMEO roots:\n${Object.entries(CAMEO_ROOTS).map(([c, r]) => `  ${c}  ${r.name} (Goldstein ${r.goldstein})`).join('\n')}`)
    .action((query: string | undefined, f: GlobalOptions) => {
      const rows = withStore(f, (s) => listEvents(s, eventQuery(paramsFrom(EventsParams, f, query))));
      if (f.json) return printJson({ events: rows });
      if (!rows.length) return void process.stdout.write('No events found.\n');
      process.stdout.write(
        table([
          ['ARTICLE', 'CODE', 'WHO → WHOM', 'TRIGGER', 'MOOD', 'DATE', 'PLACE', 'GOLDSTEIN', 'CONF'],
          ...rows.map((e) => [`#${e.article}`, ...eventCells(e).map((c, i) => (i === 2 ? e.trigger : c)), String(e.goldstein), e.confidence.toFixed(2)]),
        ]) + '\n',
      );
    });

  withDbOption(commandFor(program, 'frames'))
    .argument('[query]', 'only the articles matching this search query')
    .option('--set <file>', 'store this JSON or YAML dictionary (frame → phrases) and count it in every article')
    .option('--clear', 'remove the dictionary and its counts')
    .option('--discover', 'recurring distinctive phrases shared across articles and outlets, with first appearance')
    .option('--min-articles <n>', `with --discover: ${PhrasesParams.properties.minArticles.description}`)
    .option('--min-outlets <n>', `with --discover: ${PhrasesParams.properties.minOutlets.description}`)
    .option('--limit <n>', `with --discover: ${PhrasesParams.properties.limit.description}`)
    .addHelpText('after', '\nDictionary format (YAML or JSON):\n  security:\n    - terrorist*\n    - color revolution\n    - /foreign[- ]backed/\nNew articles are counted at ingest and reprocess.')
    .action((query: string | undefined, f: GlobalOptions & { set?: string; clear?: boolean; discover?: boolean }) => {
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
        const { q, ...opts } = paramsFrom(PhrasesParams, f, query);
        const phrases = withStore(f, (s) => discoverPhrases(s, { ...opts, query: q }));
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
