/** `newslens kwic | trends | keyness | collocates | network | stories | compare`: thin wiring over src/query. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import type { EntityType } from '../model.js';
import { compare } from '../query/compare.js';
import { collocates, keyness, keynessBy, MEASURES, type Measure } from '../query/keyness.js';
import { kwic, KWIC_SORTS, type KwicSort } from '../query/kwic.js';
import { network, toGraphML, type CoLevel } from '../query/network.js';
import { relations, relationsGraphML } from '../query/relations.js';
import { stories } from '../query/stories.js';
import { INTERVALS, trends, type Interval } from '../query/trends.js';
import { oneLine, positiveInt, printJson, table, UsageError, withDbOption, withStore, type GlobalOptions } from './common.js';
import { QUERY_HELP } from './search.js';
import { countingNote } from '../query/stopwords.js';
import { delimitedTable, TABLE_FORMATS, type TableFormat } from '../query/tabular.js';

type Flags = GlobalOptions & Record<string, string | boolean | undefined>;

function choice<T extends string>(name: string, v: string | undefined, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!allowed.includes(v as T)) throw new UsageError(`${name} expects ${allowed.join(', ')}; got "${v}"`);
  return v as T;
}

function number(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} expects a number, got "${v}"`);
  return n;
}

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
const FORMAT_HELP = 'csv or tsv: a table for a spreadsheet instead of text';
const formatOf = (f: Flags): TableFormat | undefined => (str(f.format) === undefined ? undefined : choice<TableFormat>('--format', str(f.format), TABLE_FORMATS, 'csv'));
const write = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');

export function registerAnalyse(program: Command): void {
  withDbOption(program.command('kwic'))
    .description('keyword in context: a concordance of a term in the articles a query matches')
    .argument('<query>', 'the articles to read; its words are the term unless --term is given')
    .option('--term <term>', 'the word, "phrase" or prefix* to centre on')
    .option('--window <n>', 'words of context each side (default 7)')
    .option('--sort <order>', `${KWIC_SORTS.join(', ')} (default position)`)
    .option('--limit <n>', 'lines to show (default 100)')
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const r = withStore(f, (s) =>
        kwic(s, query, {
          ...(str(f.term) !== undefined ? { term: str(f.term)! } : {}),
          window: positiveInt('--window', str(f.window), 7),
          sort: choice<KwicSort>('--sort', str(f.sort), KWIC_SORTS, 'position'),
          limit: positiveInt('--limit', str(f.limit), 100),
        }),
      );
      if (f.json) return printJson(r);
      const w = Math.max(0, ...r.concordance.map((l) => l.left.length));
      const lines = r.concordance.map((l) => `${String(l.id).padStart(6)}  ${l.left.padStart(Math.min(w, 60)).slice(-60)}  [${l.match}]  ${l.right.slice(0, 60)}`);
      write(`${r.lines} lines in ${r.articles} articles${r.truncated ? ' (stopped early; narrow the query)' : ''}; term: ${r.term}\n${lines.join('\n')}`);
    });

  withDbOption(program.command('trends'))
    .description('articles matching a query per day, week or month: counts and share of all articles')
    .argument('<query>', 'the articles to count ("" for all)')
    .option('--interval <interval>', `${INTERVALS.join(', ')} (default month)`)
    .option('--by-outlet', 'one series per outlet')
    .option('--outlets <n>', 'with --by-outlet: how many outlets (default 10)')
    .option('--by <attribute>', 'one series per value of an outlet attribute (newslens outlets --set), e.g. bias')
    .option('--format <format>', FORMAT_HELP)
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const format = formatOf(f);
      const r = withStore(f, (s) =>
        trends(s, query, { interval: choice<Interval>('--interval', str(f.interval), INTERVALS, 'month'), byOutlet: Boolean(f.byOutlet), outlets: positiveInt('--outlets', str(f.outlets), 10), ...(str(f.by) ? { by: str(f.by)! } : {}) }),
      );
      if (format) return write(delimitedTable(['outlet', 'period', 'count', 'total', 'share'], r.series.flatMap((x) => x.points.map((p) => ({ outlet: x.outlet ?? '', ...p }))), format));
      if (f.json) return printJson(r);
      const out = [`${r.matches} articles${r.undated ? ` (${r.undated} undated, not counted)` : ''}`];
      for (const s of r.series) {
        if (s.outlet) out.push('', `${s.outlet} (${s.matches})`);
        const max = Math.max(1, ...s.points.map((p) => p.count));
        out.push(table([['PERIOD', 'COUNT', 'SHARE', ''], ...s.points.map((p) => [p.period, String(p.count), `${(p.share * 100).toFixed(1)}%`, '█'.repeat(Math.round((p.count / max) * 40))])]));
      }
      write(out.join('\n'));
    });

  withDbOption(program.command('keyness'))
    .description('words distinctive of one subcorpus against another (log-likelihood, Log Ratio)')
    .argument('<query>', 'the target subcorpus')
    .option('--reference <query>', 'the reference subcorpus (default: every article the target does not match)')
    .option('--ngram <n>', '1 for words, 2 for two-word phrases (default 1)')
    .option('--limit <n>', 'terms each way (default 30)')
    .option('--min-freq <n>', 'minimum occurrences in the target (default 5)')
    .option('--keep-stopwords', 'count function words ("the", "in") as terms too')
    .option('--by <attribute>', 'each value of an outlet attribute against the others (e.g. bias: left, center, right)')
    .option('--format <format>', FORMAT_HELP)
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const ngram = positiveInt('--ngram', str(f.ngram), 1);
      if (ngram !== 1 && ngram !== 2) throw new UsageError('--ngram expects 1 or 2');
      const format = formatOf(f);
      const keepStopwords = Boolean(f.keepStopwords);
      const common = { ngram, keepStopwords, limit: positiveInt('--limit', str(f.limit), 30), minFreq: positiveInt('--min-freq', str(f.minFreq), 5) } as const;
      const by = str(f.by);
      if (by) {
        if (str(f.reference) !== undefined) throw new UsageError('give --by or --reference, not both');
        const g = withStore(f, (s) => keynessBy(s, query, by, common));
        if (format) return write(delimitedTable(['group', 'side', 'term', 'target', 'reference', 'targetArticles', 'targetPerMillion', 'referencePerMillion', 'logLikelihood', 'logRatio'], g.groups.flatMap((x) => [...x.key.map((k) => ({ group: x.value, side: 'key', ...k })), ...x.negative.map((k) => ({ group: x.value, side: 'negative', ...k }))]), format));
        if (f.json) return printJson({ ...g, counting: countingNote({ stopwords: !keepStopwords }) });
        return write(
          [`${query || '(all)'} by ${by}; each group against the others. ${countingNote({ stopwords: !keepStopwords })}`, ...g.groups.map((x) => `\n${x.value} (${x.articles} articles): ${x.key.slice(0, common.limit).map((k) => `${k.term} (${k.logLikelihood.toFixed(0)})`).join(', ') || '-'}`)].join('\n'),
        );
      }
      const r = withStore(f, (s) => keyness(s, query, { ...common, ...(str(f.reference) !== undefined ? { reference: str(f.reference)! } : {}) }));
      if (format) {
        const rows = [...r.key.map((k) => ({ side: 'key', ...k })), ...r.negative.map((k) => ({ side: 'negative', ...k }))];
        return write(delimitedTable(['side', 'term', 'target', 'reference', 'targetArticles', 'targetPerMillion', 'referencePerMillion', 'logLikelihood', 'logRatio'], rows, format));
      }
      if (f.json) return printJson({ ...r, counting: countingNote({ stopwords: !keepStopwords }) });
      const rows = (list: typeof r.key) => table([['TERM', 'TARGET', 'REF', 'LL', 'LOG RATIO'], ...list.map((k) => [k.term, String(k.target), String(k.reference), k.logLikelihood.toFixed(1), k.logRatio.toFixed(2)])]);
      write(
        `target: ${r.target.query} — ${r.target.articles} articles (${r.target.counted} read, ${r.target.tokens} words)\nreference: ${r.reference.query} — ${r.reference.articles} articles (${r.reference.counted} read, ${r.reference.tokens} words)\n${countingNote({ stopwords: !keepStopwords })}\n\nKey (over-represented in the target):\n${rows(r.key)}\n\nNegative (under-represented):\n${rows(r.negative)}`,
      );
    });

  withDbOption(program.command('collocates'))
    .description('words that keep company with a term (log-Dice, MI, t-score)')
    .argument('<query>', 'the articles to read; its words are the term unless --term is given')
    .option('--term <term>', 'the node word, "phrase" or prefix*')
    .option('--window <n>', 'words each side (default 5)')
    .option('--min-freq <n>', 'minimum co-occurrences (default 3)')
    .option('--measure <m>', `${MEASURES.join(', ')} (default logdice)`)
    .option('--limit <n>', 'collocates to show (default 30)')
    .option('--keep-stopwords', 'let function words be collocates too')
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const keepStopwords = Boolean(f.keepStopwords);
      const r = withStore(f, (s) =>
        collocates(s, query, {
          keepStopwords,
          ...(str(f.term) !== undefined ? { term: str(f.term)! } : {}),
          window: positiveInt('--window', str(f.window), 5),
          minFreq: positiveInt('--min-freq', str(f.minFreq), 3),
          measure: choice<Measure>('--measure', str(f.measure), MEASURES, 'logdice'),
          limit: positiveInt('--limit', str(f.limit), 30),
        }),
      );
      if (f.json) return printJson({ ...r, counting: countingNote({ stopwords: !keepStopwords }) });
      write(
        `${r.term}: ${r.nodeFrequency} occurrences in ${r.counted} articles (${r.tokens} words); ${countingNote({ stopwords: !keepStopwords })}\n` +
          table([['COLLOCATE', 'TOGETHER', 'LEFT', 'RIGHT', 'FREQ', 'LOGDICE', 'MI', 'T'], ...r.collocates.map((c) => [c.term, String(c.together), String(c.left), String(c.right), String(c.frequency), c.logDice.toFixed(2), c.mi.toFixed(2), c.tScore.toFixed(2)])]),
      );
    });

  withDbOption(program.command('network'))
    .description('entity network of the articles a query matches: co-occurrence, or actor–actor relations from events and quotes (JSON or GraphML)')
    .argument('<query>', 'the articles to read ("" for all)')
    .option('--relations', 'who acts on or speaks about whom (events by CAMEO root, quotes), directed')
    .option('--no-quotes', 'with --relations: events only')
    .option('--level <level>', 'co-occurrence in the same sentence or article (default sentence)')
    .option('--types <list>', 'co-occurrence: entity types to include, e.g. PER,ORG')
    .option('--min-weight <n>', 'minimum shared sentences/articles for an edge (default 2), or events/quotes with --relations (default 1)')
    .option('--max-nodes <n>', 'most connected entities kept (default 100)')
    .option('--graphml <file>', 'also write the network as GraphML to this file (- for stdout)')
    .option('--format <format>', `${FORMAT_HELP}: the edges, one a row`)
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const graphml = str(f.graphml);
      const format = formatOf(f);
      const emit = (xml: string, json: unknown, text: () => string, edges: () => string) => {
        if (graphml === '-') return write(xml);
        if (format) {
          if (graphml) writeFileSync(graphml, xml);
          return write(edges());
        }
        if (graphml) writeFileSync(graphml, xml);
        if (f.json) return printJson(json);
        write(text() + (graphml ? `\nGraphML written to ${graphml}` : ''));
      };
      const maxNodes = positiveInt('--max-nodes', str(f.maxNodes), 100);
      if (f.relations) {
        const r = withStore(f, (s) => relations(s, query, { quotes: f.quotes !== false, minCount: positiveInt('--min-weight', str(f.minWeight), 1), maxNodes }));
        const label = new Map(r.nodes.map((n) => [n.id, n.label]));
        return emit(relationsGraphML(r), r, () =>
          `${r.nodes.length} actors, ${r.edges.length} relations in ${r.counted} articles\n` +
          table([['SOURCE', 'RELATION', 'TARGET', 'COUNT', 'ARTICLES', 'GOLDSTEIN/TONE'], ...r.edges.slice(0, 40).map((e) => [label.get(e.source)!, e.root ? `${e.root} ${e.label}` : e.label, label.get(e.target)!, String(e.count), String(e.articles), String(e.goldstein ?? e.tone)])]),
          () => delimitedTable(['source', 'relation', 'root', 'target', 'count', 'articles', 'goldstein', 'tone'], r.edges.map((e) => ({ ...e, source: label.get(e.source), target: label.get(e.target), relation: e.label })), format!),
        );
      }
      const types = str(f.types)?.split(',').map((t) => t.trim().toUpperCase()) as EntityType[] | undefined;
      const r = withStore(f, (s) =>
        network(s, query, {
          level: choice<CoLevel>('--level', str(f.level), ['sentence', 'article'], 'sentence'),
          minWeight: positiveInt('--min-weight', str(f.minWeight), 2),
          maxNodes,
          ...(types ? { types } : {}),
        }),
      );
      const label = new Map(r.nodes.map((n) => [n.id, n.label]));
      emit(toGraphML(r), r, () =>
        `${r.nodes.length} entities, ${r.edges.length} links (${r.level} level) in ${r.counted} articles\n` +
        table([['ENTITY', 'ENTITY', 'WEIGHT', 'ARTICLES'], ...r.edges.slice(0, 40).map((e) => [label.get(e.source)!, label.get(e.target)!, String(e.weight), String(e.articles)])]),
        () => delimitedTable(['source', 'target', 'weight', 'articles'], r.edges.map((e) => ({ ...e, source: label.get(e.source), target: label.get(e.target) })), format!),
      );
    });

  withDbOption(program.command('stories'))
    .description('group the articles a query matches into stories, with near-duplicates marked')
    .argument('<query>', 'the articles to group ("" for all)')
    .option('--threshold <x>', 'similarity to join a story, 0–1 (default 0.1)')
    .option('--window <days>', 'days a story stays open after its latest article (default 7)')
    .option('--limit <n>', 'stories to show (default 20)')
    .option('--min-size <n>', 'hide smaller stories (default 1)')
    .option('--format <format>', `${FORMAT_HELP}: one row per article of each story shown`)
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const format = formatOf(f);
      const r = withStore(f, (s) =>
        stories(s, query, {
          ...(str(f.threshold) !== undefined ? { threshold: number('--threshold', str(f.threshold), 0.1) } : {}),
          ...(str(f.window) !== undefined ? { windowDays: number('--window', str(f.window), 7) } : {}),
          limit: positiveInt('--limit', str(f.limit), 20),
          minSize: positiveInt('--min-size', str(f.minSize), 1),
        }),
      );
      if (format) {
        const rows = r.shown.flatMap((st) => {
          const dupOf = new Map(st.duplicates.flatMap((d) => d.slice(1).map((x) => [x, d[0]!] as const)));
          return st.articles.map((a) => ({ story: st.id, storyTitle: st.title, article: a.id, published: a.published ?? '', outlet: a.outlet ?? '', title: a.title, duplicateOf: dupOf.get(a.id) ?? '' }));
        });
        return write(delimitedTable(['story', 'storyTitle', 'article', 'published', 'outlet', 'title', 'duplicateOf'], rows, format));
      }
      if (f.json) return printJson(r);
      const out = [`${r.stories} stories, ${r.duplicateSets} near-duplicate sets, in ${r.counted} articles`];
      for (const s of r.shown) {
        out.push('', `Story ${s.id}: ${oneLine(s.title || '(untitled)', 90)}`, `  ${s.size} articles, ${s.outlets} outlets${s.first ? `, ${s.first} – ${s.last}` : ''}; keywords: ${s.keywords.join(', ')}`);
        if (s.entities.length) out.push(`  entities: ${s.entities.map((e) => e.name).join(', ')}`);
        for (const a of s.articles.slice(0, 10)) out.push(`  #${a.id}  ${a.published ?? 'undated'}  ${a.outlet ?? ''}  ${oneLine(a.title, 70)}`);
        if (s.articles.length > 10) out.push(`  … and ${s.articles.length - 10} more`);
        for (const d of s.duplicates) out.push(`  near-duplicates: ${d.map((x) => `#${x}`).join(' ')}`);
      }
      write(out.join('\n'));
    });

  withDbOption(program.command('compare'))
    .description('outlets side by side for a query: volume, share, tone, tone toward entities, entities, quoted speakers, frames, distinctive terms')
    .argument('<query>', 'the coverage to compare ("" for all)')
    .option('--outlets <list>', 'comma-separated outlet names (default: the 5 with most matches)')
    .option('--tone-toward <names>', 'comma-separated entities (names or aliases) to measure each outlet\'s tone toward')
    .option('--terms <n>', 'distinctive terms per outlet (default 10)')
    .option('--keep-stopwords', 'let function words be distinctive terms too')
    .option('--by <attribute>', 'compare the values of an outlet attribute (e.g. bias) instead of outlets; --outlets then names values')
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const only = str(f.outlets)?.split(',').map((x) => x.trim()).filter(Boolean);
      const toneToward = str(f.toneToward)?.split(',').map((x) => x.trim()).filter(Boolean);
      const r = withStore(f, (s) =>
        compare(s, query, { terms: positiveInt('--terms', str(f.terms), 10), keepStopwords: Boolean(f.keepStopwords), ...(only ? { only } : {}), ...(toneToward ? { toneToward } : {}), ...(str(f.by) ? { by: str(f.by)! } : {}) }),
      );
      if (f.json) return printJson(r);
      const out = [`${r.matches} articles`];
      for (const o of r.outlets) {
        out.push(
          '',
          `${o.outlet}: ${o.matches} of ${o.total} articles (${(o.share * 100).toFixed(1)}%)${o.first ? `, ${o.first} – ${o.last}` : ''}${o.tone !== undefined ? `; tone ${o.tone}` : ''}`,
          `  distinctive: ${o.distinctive.map((k) => k.term).join(', ') || '-'}`,
        );
        if (o.toneToward.length) out.push(`  tone toward: ${o.toneToward.map((t) => `${t.entity} ${t.tone ?? 'not named'}${t.articles ? ` (${t.articles})` : ''}`).join(', ')}`);
        if (o.entities.length) out.push(`  entities: ${o.entities.map((e) => `${e.name} (${e.articles})`).join(', ')}`);
        if (o.speakers.length) out.push(`  quoted: ${o.speakers.map((x) => `${x.speaker} (${x.quotes})`).join(', ')}`);
        if (o.frames.length) out.push(`  frames: ${o.frames.map((x) => `${x.frame} (${x.articles})`).join(', ')}`);
      }
      write(out.join('\n'));
    });
}
