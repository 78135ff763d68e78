/**
 * Runs the stages: read → clean → structure → store, one article at a time,
 * with batched writes, so memory stays bounded whatever the corpus size.
 * `reprocess` reruns the stages on the raw records kept in the store.
 */
import { furnitureOf, furnitureSpans, learnFurniture, type FurnitureModel } from './clean/furniture.js';
import { sample } from './query/keyness.js';
import { everyArticle } from './query/select.js';
import { extractPage } from './html/extract.js';
import { rawBlocks } from './crawl/articles.js';
import { buildArticle } from './clean/article.js';
import { annotate, annotatesLanguage, defaultTagger } from './nlp/annotate.js';
import { AnnotatePool } from './nlp/annotate-pool.js';
import type { NerTagger } from './nlp/ner/tagger.js';
import type { Article, RawArticle } from './model.js';
import type { ByteCounter, InputFile } from './sources/input.js';
import { readFiles, readInputs, type ReadItem, type ReadOptions } from './sources/read.js';
import { countFrames, parseFrameDictionary, type FrameDictionary } from './nlp/frames.js';
import type { NewArticle, Store, StoredRaw } from './store/store.js';

/** Articles longer than this are refused as oversized records. */
export const MAX_ARTICLE_CHARS = 5_000_000;
/** Articles written per transaction at most. */
const BATCH = 500;
/** What is ready is written at least this often, so a write transaction is short and a killed run loses little. */
const WRITE_EVERY_MS = 1000;
/** Articles annotated on the main thread before the worker pool starts: a short input never pays its start. */
export const POOL_AFTER = 32;
/** Articles out at the workers at once: keeps both busy, and memory bounded. */
const IN_FLIGHT = 64;
/** Failures kept in detail; past this only counted (a bad 1M-line file must not fill memory). */
const MAX_LISTED = 1000;

export interface Problem {
  source: string;
  locator?: string | undefined;
  message: string;
}

export interface IngestProgress {
  read: number;
  added: number;
  duplicates: number;
  failed: number;
  bytes: number;
  totalBytes?: number | undefined;
}

export interface IngestSummary extends IngestProgress {
  /** Stopped early by its signal (Ctrl-C): what was read until then is stored. */
  interrupted?: boolean;
  failures: Problem[];
  warnings: Problem[];
  /** Failures and warnings past the listed ones. */
  unlisted: number;
  seconds: number;
  /** Articles rebuilt after their outlet's site furniture was learnt anew. */
  furniture?: number;
}

export interface StageOptions {
  /** Run the annotate stage (entities, figures). Default true. */
  annotate?: boolean;
  /** The tagger to annotate with (default: the shipped model). */
  tagger?: NerTagger;
  /** Quotes, events and tone after entities and figures. Default true (false only for measuring). */
  knowledge?: boolean;
  /** Worker threads to annotate on (default 0: annotate on this thread); used once an input passes POOL_AFTER articles. */
  workers?: number;
}

export interface IngestOptions extends ReadOptions, StageOptions {
  /** Sum of input file sizes, when known, for progress. */
  totalBytes?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Stops reading when aborted; what is in hand is written. */
  signal?: AbortSignal;
}

export const describeProblem = (p: Problem) => `${p.source}${p.locator ? ` (${p.locator})` : ''}: ${p.message}`;

export async function ingest(paths: string[], store: Store, opts: IngestOptions = {}): Promise<IngestSummary> {
  const counter: ByteCounter = { bytes: 0 };
  return ingestItems(readInputs(paths, opts, counter), store, opts, counter);
}

/** Ingests files already found, each read under its label (the server's uploads). */
export async function ingestFiles(files: InputFile[], store: Store, opts: IngestOptions = {}): Promise<IngestSummary> {
  const counter: ByteCounter = { bytes: 0 };
  return ingestItems(readFiles(files, opts, counter), store, opts, counter);
}

/**
 * Ingests raw articles from any source (files, the fetcher). Articles are
 * cleaned, structured and annotated outside any transaction, then written
 * in short transactions of at most `batchSize` articles, or whatever is
 * ready after WRITE_EVERY_MS: readers never wait, another writer waits at
 * most one short batch, and an interrupted run keeps all but its last
 * second of work. A slow source (the network) uses a batchSize of 1.
 * When `signal` aborts (Ctrl-C) reading stops, the articles in hand are
 * finished and written, and the summary says it was interrupted.
 */
export async function ingestItems(
  items: AsyncIterable<ReadItem>,
  store: Store,
  opts: IngestOptions & { batchSize?: number } = {},
  counter: ByteCounter = { bytes: 0 },
): Promise<IngestSummary> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? BATCH;
  const s: IngestSummary = { read: 0, added: 0, duplicates: 0, failed: 0, bytes: 0, totalBytes: opts.totalBytes, failures: [], warnings: [], unlisted: 0, seconds: 0 };
  const note = (list: Problem[], p: Problem) => (list.length < MAX_LISTED ? list.push(p) : s.unlisted++);
  const frames = framesOf(store);
  let furniture = store.furniture()?.model;
  let learnt = false;
  const annotator = opts.annotate === false ? undefined : new Annotator(opts);
  /** Articles out for annotation, in input order: they are written in that order. */
  const inFlight: Array<{ where: Problem; raw: RawArticle; done: Promise<Built> }> = [];
  /** Built articles waiting for the next write. */
  let pending: Array<{ where: Problem; item: NewArticle }> = [];
  let lastWrite = performance.now();

  const flush = () => {
    lastWrite = performance.now();
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    store.addArticles(batch.map((b) => b.item)).forEach((o, i) => {
      if (o.status === 'added') s.added++;
      else if (o.status === 'duplicate') s.duplicates++;
      else {
        s.failed++;
        note(s.failures, { ...batch[i]!.where, message: o.message });
      }
    });
  };
  const write = (where: Problem, raw: RawArticle, done: Built) => {
    if ('error' in done) {
      s.failed++;
      note(s.failures, { ...where, message: done.error });
      return;
    }
    if (frames) done.article.frames = countFrames(done.article.text, frames);
    for (const w of done.article.warnings) note(s.warnings, { ...where, message: w });
    pending.push({ where, item: { article: done.article, raw } });
    if (pending.length >= batchSize || performance.now() - lastWrite >= WRITE_EVERY_MS) flush();
  };
  const writeOldest = async () => {
    const next = inFlight.shift()!;
    write(next.where, next.raw, await next.done);
  };
  const handle = async (item: ReadItem) => {
    if (!item.ok) {
      s.failed++;
      note(s.failures, item.error);
      return;
    }
    s.read++;
    const where: Problem = { source: item.raw.ref.source, locator: item.raw.ref.locator, message: '' };
    // Clean and structure first: an article already stored is not annotated again.
    const built = buildOne(item.raw, furniture);
    if ('error' in built) {
      s.failed++;
      note(s.failures, { ...where, message: built.error });
      return;
    }
    if (store.findByHash(built.article.hash) !== undefined) {
      s.duplicates++;
      return;
    }
    // A large input: learn the outlets' furniture once from its first part, so the rest is built
    // with it and only that first part needs rebuilding at the end.
    if (!learnt && s.added >= LEARN_EARLY) {
      learnt = true;
      furniture = learnAndStore(store);
    }
    if (!annotator) return write(where, item.raw, built);
    inFlight.push({ where, raw: item.raw, done: annotator.annotate(built.article) });
    // On this thread an article is written as soon as it is annotated (a feed's entry is stored as it comes).
    while (inFlight.length >= (annotator.pooled ? IN_FLIGHT : 1)) await writeOldest();
  };
  const source = items[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await nextItem(source, flush, opts.signal);
      if (next === STOPPED) {
        s.interrupted = true;
        // Not awaited: the source may be blocked on a read (stdin) that never comes.
        void source.return?.(undefined).catch(() => undefined);
        break;
      }
      if (next.done) break;
      await handle(next.value);
      s.bytes = counter.bytes;
      opts.onProgress?.(s);
    }
    while (inFlight.length) await writeOldest();
    flush();
    // Enough new articles may show furniture their outlets repeat: learn it again, and set it
    // apart in the articles (new or old) that have it. A run that adds nothing still finishes
    // what a killed run left: its articles, stored before the furniture was set apart.
    if (!s.interrupted && (s.added || store.furnitureUnseen().length)) s.furniture = await refreshFurniture(store, annotator, frames);
  } finally {
    // What was read before an unexpected error or an interruption is kept.
    try {
      flush();
    } finally {
      await annotator?.close();
    }
  }
  // New mentions regroup the corpus entities (and users' edits apply again);
  // so do those of an earlier run that was killed before it could.
  store.rebuildEntitiesIfStale();
  s.bytes = counter.bytes;
  s.seconds = (performance.now() - started) / 1000;
  opts.onProgress?.(s);
  return s;
}

const STOPPED = Symbol('stopped');
const TICK = Symbol('tick');

/**
 * The source's next item. While it is slow to come (a pipe, the network),
 * what is ready is written every WRITE_EVERY_MS, and an abort ends the wait
 * at once instead of after the next item.
 */
async function nextItem<T>(source: AsyncIterator<T>, flush: () => void, signal: AbortSignal | undefined): Promise<IteratorResult<T> | typeof STOPPED> {
  if (signal?.aborted) return STOPPED;
  const next = source.next();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<typeof STOPPED>((r) => signal?.addEventListener('abort', (onAbort = () => r(STOPPED)), { once: true }));
  try {
    for (;;) {
      const tick = new Promise<typeof TICK>((r) => (timer = setTimeout(() => r(TICK), WRITE_EVERY_MS)));
      const got = await Promise.race([next, tick, stopped]);
      clearTimeout(timer);
      if (got !== TICK) return got;
      flush();
    }
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

type Built = { article: Article } | { error: string };

/** Clean and structure one raw article (annotation is the Annotator's). */
function buildOne(raw: RawArticle, furniture: FurnitureModel | undefined): Built {
  const chars = raw.text.length + (raw.blocks?.reduce((n, b) => n + b.text.length + 2, 0) ?? 0);
  if (chars > MAX_ARTICLE_CHARS) return { error: `oversized article: ${chars} characters (limit ${MAX_ARTICLE_CHARS})` };
  try {
    return { article: buildArticle(raw, furniture) };
  } catch (err) {
    return { error: `could not process: ${(err as Error).message}` };
  }
}

/** A web article's blocks extracted afresh from its kept page, so extractor upgrades reach stored articles. */
function reextracted(raw: RawArticle): RawArticle {
  if (!raw.html) return raw;
  const page = extractPage(raw.html);
  return page.blocks.length ? { ...raw, blocks: rawBlocks(page.blocks) } : raw;
}

function annotateOne(article: Article, tagger: NerTagger, knowledge = true): Built {
  try {
    return { article: Object.assign(article, annotate(article, tagger, knowledge)) };
  } catch (err) {
    return { error: `could not annotate: ${(err as Error).message}` };
  }
}

/**
 * Annotates on this thread, and on a pool of worker threads once
 * POOL_AFTER articles show the input is long enough to repay their start
 * (each loads the tagger). A user's own tagger stays on this thread.
 */
class Annotator {
  private pool: AnnotatePool | undefined;
  private here = 0;
  private readonly poolSize: number;
  private readonly knowledge: boolean;

  private tagger: NerTagger | undefined;

  /** `long`: the input is known to be long; the pool starts with the first article. */
  constructor(
    private readonly opts: StageOptions,
    long = false,
  ) {
    this.poolSize = opts.tagger ? 0 : Math.max(0, opts.workers ?? 0);
    this.knowledge = opts.knowledge !== false;
    if (long) this.here = POOL_AFTER;
  }

  annotate(article: Article): Promise<Built> {
    if (!annotatesLanguage(article.language)) return Promise.resolve({ article });
    if (this.poolSize && !this.pool && this.here >= POOL_AFTER) this.pool = new AnnotatePool(this.poolSize, this.knowledge);
    if (!this.pool) {
      this.here++;
      // Loaded only when this thread annotates (each copy of the model takes about 100 MB).
      this.tagger ??= this.opts.tagger ?? defaultTagger();
      return Promise.resolve(annotateOne(article, this.tagger, this.knowledge));
    }
    return this.pool.annotate(article).then(
      (r): Built => ({ article: Object.assign(article, r) }),
      (err: Error): Built => ({ error: `could not annotate: ${err.message}` }),
    );
  }

  /** Whether the worker pool has started. */
  get pooled(): boolean {
    return this.pool !== undefined;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** The workspace's frame dictionary (stored by `newslens frames --set`), applied to every article written. */
function framesOf(store: Store): FrameDictionary | undefined {
  const text = store.frameDictionary();
  return text === undefined ? undefined : parseFrameDictionary(text, 'the workspace frame dictionary');
}

export interface ReprocessSummary {
  processed: number;
  updated: number;
  /** Articles that, rebuilt, became identical to another stored one; left as they were. */
  duplicates: number;
  failed: number;
  failures: Problem[];
  seconds: number;
  /** Stopped after a page by its signal (Ctrl-C); every page before is written. */
  interrupted?: boolean;
}

export async function reprocess(store: Store, opts: StageOptions & { all?: boolean; onProgress?: (done: number) => void; signal?: AbortSignal } = {}): Promise<ReprocessSummary> {
  const started = performance.now();
  // A long reprocess annotates on the pool from its first article: the main thread then never loads a tagger.
  const annotator = opts.annotate === false ? undefined : new Annotator(opts, store.countArticles() > POOL_AFTER);
  const frames = framesOf(store);
  const s: ReprocessSummary = { processed: 0, updated: 0, duplicates: 0, failed: 0, failures: [], seconds: 0 };
  // Rebuilding every article: learn the outlets' furniture from them first, so it is set apart as each is rebuilt.
  const furniture = opts.all ? learnAndStore(store) : store.furniture()?.model;
  let after = 0;
  try {
    for (;;) {
      const page = store.rawPage(after, BATCH, !opts.all);
      if (!page.length) break;
      after = page[page.length - 1]!.id;
      await reprocessPage(store, page, annotator, frames, furniture, s);
      opts.onProgress?.(s.processed);
      if (opts.signal?.aborted) {
        s.interrupted = true;
        break;
      }
    }
  } finally {
    await annotator?.close();
  }
  store.rebuildEntitiesIfStale();
  s.seconds = (performance.now() - started) / 1000;
  return s;
}

/** One page of raw records rebuilt (annotated on the pool when it runs) and written back. */
async function reprocessPage(
  store: Store,
  page: StoredRaw[],
  annotator: Annotator | undefined,
  frames: FrameDictionary | undefined,
  furniture: FurnitureModel | undefined,
  s: ReprocessSummary,
): Promise<void> {
  const rebuilt: Array<{ id: number; article: Article }> = [];
  const builds = page.map(({ raw }) => {
    const built = buildOne(reextracted(raw), furniture);
    return 'error' in built || !annotator ? Promise.resolve(built) : annotator.annotate(built.article);
  });
  for (const [i, { id, raw }] of page.entries()) {
    s.processed++;
    const built = await builds[i]!;
    if ('error' in built) {
      s.failed++;
      if (s.failures.length < MAX_LISTED) s.failures.push({ source: raw.ref.source, locator: raw.ref.locator, message: `article ${id}: ${built.error}` });
    } else {
      if (frames) built.article.frames = countFrames(built.article.text, frames);
      rebuilt.push({ id, article: built.article });
    }
  }
  store.replaceArticles(rebuilt).forEach((o, i) => {
    if (o.status === 'added') s.updated++;
    else if (o.status === 'duplicate') s.duplicates++;
    else {
      s.failed++;
      const raw = page.find((p) => p.id === rebuilt[i]!.id)!.raw;
      if (s.failures.length < MAX_LISTED) s.failures.push({ source: raw.ref.source, locator: raw.ref.locator, message: o.message });
    }
  });
}

/** A workspace grown by less than this share since furniture was last learnt keeps what was learnt. */
const RELEARN_GROWTH = 0.1;
/** Fewer articles than this show no furniture worth learning. */
const LEARN_FROM = 20;
/** Furniture is learnt from at most this many articles, spread evenly over the workspace. */
const LEARN_AT_MOST = 20_000;
/** An ingest that has added this many learns furniture once on the way. */
const LEARN_EARLY = 1000;

/** Learns the outlets' furniture from every stored article and keeps it in the workspace. */
function learnAndStore(store: Store): FurnitureModel {
  const cols = store.columns();
  const all = everyArticle(cols);
  // A sample spread over the workspace shows what pages repeat as well as the whole does.
  const ids = sample(all, LEARN_AT_MOST);
  const model = learnFurniture(function* () {
    for (const t of store.texts(ids, true)) yield { outlet: cols.outlets[cols.outlet[t.id] ?? -1], title: t.title, text: t.text };
  });
  store.setFurniture(model, all.length);
  return model;
}

/**
 * After an ingest: when the workspace has grown enough since furniture was
 * last learnt, learns it again (kept for later ingests and reprocess) and
 * looks again at the articles built before any furniture was known (this
 * run's first part, or a killed run's articles), rebuilding those whose
 * furniture is not yet set apart. Returns how many were rebuilt.
 */
async function refreshFurniture(store: Store, annotator: Annotator | undefined, frames: FrameDictionary | undefined): Promise<number> {
  const before = store.furniture();
  const count = store.countArticles();
  if (count < LEARN_FROM || (before && count < before.articles * (1 + RELEARN_GROWTH) && !store.furnitureUnseen().length)) return 0;
  const model = before && count < before.articles * (1 + RELEARN_GROWTH) ? before.model : learnAndStore(store);
  const cols = store.columns();
  const candidates = store.furnitureUnseen();
  const marked = store.boilerplateSpans(candidates);
  const due: number[] = [];
  for (const t of store.texts(candidates, true)) {
    const f = furnitureOf(model, cols.outlets[cols.outlet[t.id] ?? -1]);
    if (!f) continue;
    const have = marked.get(t.id) ?? [];
    if (furnitureSpans(t.text, f).some(([a, b]) => !have.some(([x, y]) => x <= a && b <= y))) due.push(t.id);
  }
  const s: ReprocessSummary = { processed: 0, updated: 0, duplicates: 0, failed: 0, failures: [], seconds: 0 };
  for (let i = 0; i < due.length; i += BATCH) await reprocessPage(store, store.rawPage(0, BATCH, false, due.slice(i, i + BATCH)), annotator, frames, model, s);
  store.markFurnitureSeen(candidates);
  return s.updated;
}
