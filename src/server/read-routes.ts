/** The read routes: each calls the src/query function the CLI command of the same name calls, with the same parameters. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listEdits, profileOrFail } from '../query/entity-edits.js';
import { reviewEntities } from '../query/entity-review.js';
import { articleRecord } from '../query/export.js';
import { frameReport, listEvents, listQuotes } from '../query/knowledge.js';
import {
  ArticlesParams,
  CollocatesParams,
  CompareParams,
  EntitiesParams,
  eventQuery,
  EventsParams,
  FramesParams,
  KeynessParams,
  KwicParams,
  NetworkParams,
  PhrasesParams,
  quoteQuery,
  QuotesParams,
  RelationsParams,
  SampleKindParam,
  SampleParams,
  SearchParams,
  StoriesParams,
  TrendsParams,
} from '../query/params.js';
import { listOutlets } from '../query/outlets.js';
import { sample } from '../query/sample.js';
import type { ServerContext } from './app.js';
import { registerExportRoutes } from './export-routes.js';
import { HttpProblem } from './problems.js';
import * as R from './responses.js';
import { getter } from './route.js';

const GRAPHML = 'application/graphml+xml; charset=utf-8';
const GraphMLText = Type.String({ description: 'the GraphML document' });

export const ArticleRef = Type.Object({ id: Type.String({ description: 'article id, external id, or a prefix of its hash (8+ hex digits)', maxLength: 200 }) }, { additionalProperties: false });
export const EntityRef = Type.Object({ ref: Type.String({ description: 'the entity: its id, "#id", "Name (TYPE)", or a name or alias', maxLength: 500 }) }, { additionalProperties: false });

/** An entity in a path: a bare number is its id. */
export const entityRef = (ref: string) => (/^\d+$/.test(ref) ? `#${ref}` : ref);

export function registerReadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const s = ctx.reader;
  const get = getter(app, ctx);

  get('/api/stats', { summary: 'what the workspace holds', tags: ['workspace'], response: R.StatsSchema }, () => {
    // The file's path is the server's business, not the client's.
    const { path: _path, ...stats } = s.stats();
    return stats;
  });
  get('/api/articles', { summary: 'stored articles, a page at a time', tags: ['articles'], query: ArticlesParams, response: R.ArticleListSchema }, ({ order, ...page }) => ({
    total: s.countArticles(),
    articles: s.listArticles({ ...page, order: order === 'date' ? 'published' : 'id' }),
  }));
  get('/api/articles/:id', { summary: 'one article whole, with every annotation', tags: ['articles'], path: ArticleRef, response: R.ArticleSchema }, (_q, { id }) => {
    const a = s.getArticle(id);
    if (!a) throw new HttpProblem(404, 'No such article', `no article "${id}"`);
    // The corpus entity behind each mention and actor key, so a client can link a name to its entity page.
    const keys = [
      ...a.mentions.map((m) => m.entityId),
      ...a.quotes.flatMap((q) => q.speakerIds ?? []),
      ...a.events.flatMap((e) => [...(e.source?.ids ?? []), ...(e.target?.ids ?? [])]),
    ].filter((k): k is string => k !== undefined);
    return { ...articleRecord(a), warnings: a.warnings, entities: Object.fromEntries(s.entitiesOfKeys(keys)) };
  });

  get('/api/search', { summary: 'ranked full-text search with snippets, highlights and facet counts', tags: ['search'], query: SearchParams, response: R.SearchSchema, runs: 'search' });
  get('/api/kwic', { summary: 'keyword in context: a concordance of a term', tags: ['search'], query: KwicParams, response: R.KwicSchema, runs: 'kwic' });
  get('/api/trends', { summary: 'matching articles per day, week or month, with their share', tags: ['analysis'], query: TrendsParams, response: R.TrendsSchema, runs: 'trends' });
  get('/api/keyness', { summary: 'words distinctive of one subcorpus against another (log-likelihood, Log Ratio)', description: 'With `by`, each value of an outlet attribute against the others: the answer then has `groups`.', tags: ['analysis'], query: KeynessParams, response: Type.Union([R.KeynessSchema, R.KeynessBySchema]), analysis: 'keyness' });
  get('/api/collocates', { summary: 'words that keep company with a term (log-Dice, MI, t-score)', tags: ['analysis'], query: CollocatesParams, response: R.CollocatesSchema, analysis: 'collocates' });
  get('/api/network', { summary: 'entity co-occurrence network', tags: ['analysis'], query: NetworkParams, response: R.NetworkSchema, analysis: 'network' });
  get('/api/network/graphml', { summary: 'the co-occurrence network as GraphML', tags: ['exports'], query: NetworkParams, response: GraphMLText, produces: GRAPHML, analysis: 'networkGraphML' });
  get('/api/relations', { summary: 'who acts on or speaks about whom: directed actor relations from events and quotes', tags: ['analysis'], query: RelationsParams, response: R.RelationsSchema, analysis: 'relations' });
  get('/api/relations/graphml', { summary: 'the actor relations as GraphML', tags: ['exports'], query: RelationsParams, response: GraphMLText, produces: GRAPHML, analysis: 'relationsGraphML' });
  get('/api/stories', { summary: 'the matching articles grouped into stories, near-duplicates marked', tags: ['analysis'], query: StoriesParams, response: R.StoriesSchema, analysis: 'stories' });
  get('/api/compare', { summary: 'outlets (or outlet attribute values) side by side for a query', tags: ['analysis'], query: CompareParams, response: R.CompareSchema, analysis: 'compare' });

  get('/api/entities', { summary: 'the corpus entities, most mentioned first', tags: ['entities'], query: EntitiesParams, response: R.EntityListSchema }, (p) => ({ entities: s.listEntities(p) }));
  get('/api/entities/review', { summary: 'likely duplicates and suspicious aliases, each with its correction', tags: ['entities'], query: Type.Object({ limit: EntitiesParams.properties.limit }, { additionalProperties: false }), response: R.ReviewSchema }, ({ limit }) => ({
    review: reviewEntities(s, limit),
  }));
  get('/api/entities/edits', { summary: 'the corrections made, numbered', tags: ['entities'], response: R.EditsSchema }, () => ({ edits: listEdits(s) }));
  get('/api/entities/:ref', { summary: "one entity's profile: aliases, coverage, neighbours, quotes, events, latest articles", tags: ['entities'], path: EntityRef, response: R.EntityProfileSchema }, (_q, { ref }) =>
    profileOrFail(s, entityRef(ref)),
  );

  get('/api/outlets', { summary: 'the outlets with their article counts and attributes', tags: ['workspace'], response: R.OutletsSchema }, () => ({ outlets: listOutlets(s) }));
  get('/api/sample/:what', { summary: 'a reproducible random sample of articles, quotes or events for manual coding, with an empty verdict column', tags: ['knowledge'], path: SampleKindParam, query: SampleParams, response: R.SampleSchema }, ({ q, n, seed }, { what }) =>
    sample(s, what, q, n, seed),
  );
  get('/api/quotes', { summary: 'who said what: quotes with their speakers', tags: ['knowledge'], query: QuotesParams, response: R.QuotesSchema }, (p) => ({ quotes: listQuotes(s, quoteQuery(p)) }));
  get('/api/events', { summary: 'who did what to whom: CAMEO-coded events', tags: ['knowledge'], query: EventsParams, response: R.EventsSchema }, (p) => ({ events: listEvents(s, eventQuery(p)) }));
  get('/api/frames', { summary: "frame counts from the workspace's dictionary, per outlet and month", tags: ['knowledge'], query: FramesParams, response: R.FramesSchema }, ({ q }) => frameReport(s, q));
  get('/api/frames/phrases', { summary: 'recurring distinctive phrases shared across articles and outlets', tags: ['knowledge'], query: PhrasesParams, response: R.PhrasesSchema, analysis: 'phrases' });

  registerExportRoutes(app, ctx);
}
