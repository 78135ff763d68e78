/** `newslens kwic | trends | keyness | collocates | network | stories | compare`: thin wiring over src/query. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { compare } from '../query/compare.js';
import { collocates, keyness, keynessBy } from '../query/keyness.js';
import { kwic } from '../query/kwic.js';
import { network, toGraphML } from '../query/network.js';
import { relations, relationsGraphML } from '../query/relations.js';
import { stories } from '../query/stories.js';
import { trends } from '../query/trends.js';
import { CollocatesParams, CompareParams, compareOptions, KeynessParams, KwicParams, NetworkParams, RelationsParams, StoriesParams, storiesOptions, TrendsParams } from '../query/params.js';
import { oneLine, paramsFrom, printJson, table, UsageError, withDbOption, withParams, withStore, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';
import { QUERY_HELP } from './search.js';
import { countingNote } from '../query/stopwords.js';
import { delimitedTable, TABLE_FORMATS, type TableFormat } from '../query/tabular.js';

type Flags = GlobalOptions & Record<string, string | boolean | undefined>;

function choice<T extends string>(name: string, v: string | undefined, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!allowed.includes(v as T)) throw new UsageError(`${name} expects ${allowed.join(', ')}; got "${v}"`);
  return v as T;
}

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
const FORMAT_HELP = 'csv or tsv: a table for a spreadsheet instead of text';
const formatOf = (f: Flags): TableFormat | undefined => (str(f.format) === undefined ? undefined : choice<TableFormat>('--format', str(f.format), TABLE_FORMATS, 'csv'));
const write = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');

export function registerAnalyse(program: Command): void {
  withParams(withDbOption(commandFor(program, 'kwic')), KwicParams)
    .argument('<query>', 'the articles to read; its words are the term unless --term is given')
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const { q, ...opts } = paramsFrom(KwicParams, f, query);
      const r = withStore(f, (s) => kwic(s, q, opts));
      if (f.json) return printJson(r);
      const w = Math.max(0, ...r.concordance.map((l) => l.left.length));
      const lines = r.concordance.map((l) => `${String(l.id).padStart(6)}  ${l.left.padStart(Math.min(w, 60)).slice(-60)}  [${l.match}]  ${l.right.slice(0, 60)}`);
      write(`${r.lines} lines in ${r.articles} articles${r.truncated ? ' (stopped early; narrow the query)' : ''}; term: ${r.term}\n${lines.join('\n')}`);
    });

  withParams(withDbOption(commandFor(program, 'trends')), TrendsParams)
    .argument('<query>', 'the articles to count ("" for all)')
    .option('--format <format>', FORMAT_HELP)
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const format = formatOf(f);
      const { q, ...opts } = paramsFrom(TrendsParams, f, query);
      const r = withStore(f, (s) => trends(s, q, opts));
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

  withParams(withDbOption(commandFor(program, 'keyness')), KeynessParams)
    .argument('<query>', 'the target subcorpus')
    .option('--format <format>', FORMAT_HELP)
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const format = formatOf(f);
      const { q, by, reference, ...common } = paramsFrom(KeynessParams, f, query);
      const { keepStopwords } = common;
      if (by) {
        const g = withStore(f, (s) => keynessBy(s, q, by, common));
        if (format) return write(delimitedTable(['group', 'side', 'term', 'target', 'reference', 'targetArticles', 'targetPerMillion', 'referencePerMillion', 'logLikelihood', 'logRatio'], g.groups.flatMap((x) => [...x.key.map((k) => ({ group: x.value, side: 'key', ...k })), ...x.negative.map((k) => ({ group: x.value, side: 'negative', ...k }))]), format));
        if (f.json) return printJson({ ...g, counting: countingNote({ stopwords: !keepStopwords }) });
        return write(
          [`${q || '(all)'} by ${by}; each group against the others. ${countingNote({ stopwords: !keepStopwords })}`, ...g.groups.map((x) => `\n${x.value} (${x.articles} articles): ${x.key.slice(0, common.limit).map((k) => `${k.term} (${k.logLikelihood.toFixed(0)})`).join(', ') || '-'}`)].join('\n'),
        );
      }
      const r = withStore(f, (s) => keyness(s, q, { ...common, ...(reference !== undefined ? { reference } : {}) }));
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

  withParams(withDbOption(commandFor(program, 'collocates')), CollocatesParams)
    .argument('<query>', 'the articles to read; its words are the term unless --term is given')
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const { q, ...opts } = paramsFrom(CollocatesParams, f, query);
      const { keepStopwords } = opts;
      const r = withStore(f, (s) => collocates(s, q, opts));
      if (f.json) return printJson({ ...r, counting: countingNote({ stopwords: !keepStopwords }) });
      write(
        `${r.term}: ${r.nodeFrequency} occurrences in ${r.counted} articles (${r.tokens} words); ${countingNote({ stopwords: !keepStopwords })}\n` +
          table([['COLLOCATE', 'TOGETHER', 'LEFT', 'RIGHT', 'FREQ', 'LOGDICE', 'MI', 'T'], ...r.collocates.map((c) => [c.term, String(c.together), String(c.left), String(c.right), String(c.frequency), c.logDice.toFixed(2), c.mi.toFixed(2), c.tScore.toFixed(2)])]),
      );
    });

  withParams(withDbOption(commandFor(program, 'network')), NetworkParams)
    .argument('<query>', 'the articles to read ("" for all)')
    .option('--relations', 'who acts on or speaks about whom (events by CAMEO root, quotes), directed; --min-weight then counts events and quotes (default 1)')
    .option('--no-quotes', 'with --relations: events only')
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
      if (f.relations) {
        const { q, ...opts } = paramsFrom(RelationsParams, { quotes: f.quotes, minCount: f.minWeight, maxNodes: f.maxNodes }, query);
        const r = withStore(f, (s) => relations(s, q, opts));
        const label = new Map(r.nodes.map((n) => [n.id, n.label]));
        return emit(relationsGraphML(r), r, () =>
          `${r.nodes.length} actors, ${r.edges.length} relations in ${r.counted} articles\n` +
          table([['SOURCE', 'RELATION', 'TARGET', 'COUNT', 'ARTICLES', 'GOLDSTEIN/TONE'], ...r.edges.slice(0, 40).map((e) => [label.get(e.source)!, e.root ? `${e.root} ${e.label}` : e.label, label.get(e.target)!, String(e.count), String(e.articles), String(e.goldstein ?? e.tone)])]),
          () => delimitedTable(['source', 'relation', 'root', 'target', 'count', 'articles', 'goldstein', 'tone'], r.edges.map((e) => ({ ...e, source: label.get(e.source), target: label.get(e.target), relation: e.label })), format!),
        );
      }
      const { q, ...opts } = paramsFrom(NetworkParams, { ...f, ...(str(f.types) ? { types: str(f.types)!.toUpperCase() } : {}) }, query);
      const r = withStore(f, (s) => network(s, q, opts));
      const label = new Map(r.nodes.map((n) => [n.id, n.label]));
      emit(toGraphML(r), r, () =>
        `${r.nodes.length} entities, ${r.edges.length} links (${r.level} level) in ${r.counted} articles\n` +
        table([['ENTITY', 'ENTITY', 'WEIGHT', 'ARTICLES'], ...r.edges.slice(0, 40).map((e) => [label.get(e.source)!, label.get(e.target)!, String(e.weight), String(e.articles)])]),
        () => delimitedTable(['source', 'target', 'weight', 'articles'], r.edges.map((e) => ({ ...e, source: label.get(e.source), target: label.get(e.target) })), format!),
      );
    });

  withParams(withDbOption(commandFor(program, 'stories')), StoriesParams)
    .argument('<query>', 'the articles to group ("" for all)')
    .option('--format <format>', `${FORMAT_HELP}: one row per article of each story shown`)
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const format = formatOf(f);
      const { q, ...opts } = paramsFrom(StoriesParams, f, query);
      const r = withStore(f, (s) => stories(s, q, storiesOptions(opts)));
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

  withParams(withDbOption(commandFor(program, 'compare')), CompareParams)
    .argument('<query>', 'the coverage to compare ("" for all)')
    .addHelpText('after', QUERY_HELP)
    .action((query: string, f: Flags) => {
      const { q, ...opts } = paramsFrom(CompareParams, f, query);
      const r = withStore(f, (s) => compare(s, q, compareOptions(opts)));
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
