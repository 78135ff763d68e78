/**
 * The commands, each with the module that defines it. The CLI loads only the
 * module of the command it runs (a module imports its query code, and some
 * of that, such as the pipeline's language and date models, takes half a
 * second to load); `newslens --help` loads none and lists them from here.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

const MODULES = {
  analyse: async () => (await import('./analyse.js')).registerAnalyse,
  articles: async () => (await import('./articles.js')).registerArticles,
  crawl: async () => (await import('./crawl.js')).registerCrawl,
  entities: async () => (await import('./entities.js')).registerEntities,
  export: async () => (await import('./export.js')).registerExport,
  ingest: async () => (await import('./ingest.js')).registerIngest,
  knowledge: async () => (await import('./knowledge.js')).registerKnowledge,
  optimize: async () => (await import('./optimize.js')).registerOptimize,
  outlets: async () => (await import('./outlets.js')).registerOutlets,
  reprocess: async () => (await import('./reprocess.js')).registerReprocess,
  search: async () => (await import('./search.js')).registerSearch,
  serve: async () => (await import('./serve.js')).registerServe,
  stats: async () => (await import('./stats.js')).registerStats,
  tag: async () => (await import('./tag.js')).registerTag,
} satisfies Record<string, () => Promise<Register>>;

interface CommandEntry {
  name: string;
  module: keyof typeof MODULES;
  summary: string;
}

/** In the order `newslens --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'ingest', module: 'ingest', summary: 'read articles from files, folders or stdin (-) into the workspace' },
  { name: 'articles', module: 'articles', summary: 'list stored articles' },
  { name: 'show', module: 'articles', summary: 'show one article whole: metadata, sections and text' },
  { name: 'stats', module: 'stats', summary: 'what the workspace holds' },
  { name: 'export', module: 'export', summary: 'write articles, or their mentions, figures, quotes or events, as JSON Lines, CSV or TSV (columns: see README)' },
  { name: 'reprocess', module: 'reprocess', summary: 'rerun the stages on stored articles (after an upgrade); keeps ids' },
  { name: 'search', module: 'search', summary: 'ranked full-text search with snippets and facet counts' },
  { name: 'optimize', module: 'optimize', summary: 'merge the search indexes (FTS5 and the postings) into one segment each, for faster queries once a workspace is done growing' },
  { name: 'kwic', module: 'analyse', summary: 'keyword in context: a concordance of a term in the articles a query matches' },
  { name: 'trends', module: 'analyse', summary: 'articles matching a query per day, week or month: counts and share of all articles' },
  { name: 'keyness', module: 'analyse', summary: 'words distinctive of one subcorpus against another (log-likelihood, Log Ratio)' },
  { name: 'collocates', module: 'analyse', summary: 'words that keep company with a term (log-Dice, MI, t-score)' },
  { name: 'network', module: 'analyse', summary: 'entity network of the articles a query matches: co-occurrence, or actor–actor relations from events and quotes (JSON or GraphML)' },
  { name: 'stories', module: 'analyse', summary: 'group the articles a query matches into stories, with near-duplicates marked' },
  { name: 'compare', module: 'analyse', summary: 'outlets side by side for a query: volume, share, tone, tone toward entities, entities, quoted speakers, frames, distinctive terms' },
  { name: 'entities', module: 'entities', summary: 'the corpus entities: one per actor, with aliases and counts; the corrections made; what to review' },
  { name: 'entity', module: 'entities', summary: 'one entity: aliases, coverage over time and by outlet, entities beside it, latest articles; or correct it' },
  { name: 'outlets', module: 'outlets', summary: 'the outlets with their article counts and attributes; or set the attributes from a CSV/TSV file' },
  { name: 'sample', module: 'outlets', summary: 'a reproducible random sample of articles, quotes or events for manual coding, with an empty verdict column' },
  { name: 'quotes', module: 'knowledge', summary: 'who said what: direct, partial and indirect quotes with their speakers' },
  { name: 'events', module: 'knowledge', summary: 'who did what to whom: sentence-level events in CAMEO root categories, with Goldstein intensity' },
  { name: 'frames', module: 'knowledge', summary: 'frame counts from the workspace dictionary, per outlet and month; or discover recurring phrases' },
  { name: 'tag', module: 'tag', summary: 'find named entities and figures in a text, a file or stdin; or tag CoNLL columns (--conll)' },
  { name: 'extract', module: 'crawl', summary: 'print the article extracted from a saved page or a URL (nothing is stored)' },
  { name: 'fetch', module: 'crawl', summary: 'fetch pages, feeds or sitemaps and ingest their articles' },
  { name: 'watch', module: 'crawl', summary: 'poll feeds or sitemaps on an interval and ingest what is new (resumes after a restart)' },
  { name: 'serve', module: 'serve', summary: 'the web UI and the HTTP API over the workspace (OpenAPI at /api/openapi.json, docs at /api/docs)' },
];

/** A command with its summary from the table above: modules define their commands through this, so the summary is written once. */
export function commandFor(program: Command, name: string): Command {
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) throw new Error(`command ${name} is not in COMMANDS`);
  return program.command(name).description(entry.summary);
}

/** Defines the named command in full (with the others of its module); false when there is no such command. */
export async function loadCommand(program: Command, name: string): Promise<boolean> {
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) return false;
  (await MODULES[entry.module]())(program);
  return true;
}

/** Every command by name and summary only, for the overview help and for suggestions after a typo. */
export function listCommands(program: Command): void {
  for (const c of COMMANDS) program.command(c.name).description(c.summary).helpOption(false).allowUnknownOption();
}
