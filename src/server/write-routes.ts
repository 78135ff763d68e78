/**
 * The routes that change the workspace: entity corrections and the frame
 * dictionary, through the writing connection. The guard (guard.ts) has
 * already checked the token or the same-origin header.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { countFrames, FrameDictionaryError, parseFrameDictionary } from '../nlp/frames.js';
import { correctEntity } from '../query/entity-edits.js';
import { OutletsTableError, parseOutletsTable, setOutlets } from '../query/outlets.js';
import { EditSeqParam, EntityEditParams, parseParams } from '../query/params.js';
import type { ServerContext } from './app.js';
import { HttpProblem } from './problems.js';
import { entityRef, EntityRef } from './read-routes.js';
import * as R from './responses.js';
import { openApiSchema } from './route.js';

const DICTIONARY_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

export function registerWriteRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // A frame dictionary arrives as the YAML or JSON file the CLI reads.
  app.addContentTypeParser(DICTIONARY_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(
    '/api/entities/:ref/edits',
    { schema: openApiSchema({ summary: 'correct an entity: rename, merge another into it, split an alias off, or retype it', tags: ['entities'], path: EntityRef, body: EntityEditParams, response: R.EditOutcomeSchema }) },
    async (req) => {
      const { ref } = parseParams(EntityRef, req.params as Record<string, unknown>, { strict: true });
      const { action, value } = parseParams(EntityEditParams, (req.body ?? {}) as Record<string, unknown>, { strict: true });
      return correctEntity(ctx.writer(), entityRef(ref), action, value);
    },
  );
  app.delete('/api/entities/edits/:seq', { schema: openApiSchema({ summary: 'take back a correction', tags: ['entities'], path: EditSeqParam, response: R.UndoSchema }) }, async (req) => {
    const { seq } = parseParams(EditSeqParam, req.params as Record<string, unknown>, { strict: true });
    if (!ctx.writer().undoEntityEdit(seq)) throw new HttpProblem(404, 'No such correction', `no correction number ${seq}`);
    return { undone: seq };
  });

  app.addContentTypeParser(['text/csv', 'text/tab-separated-values'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.put(
    '/api/outlets',
    {
      schema: openApiSchema({
        summary: "replace every outlet attribute with a table's: a header \"outlet,ATTRIBUTE,…\", then one outlet a line",
        description: 'The body is the CSV or TSV file (`text/csv`, `text/tab-separated-values` or `text/plain`). The answer names the outlets that have no articles here.',
        tags: ['workspace'],
        body: Type.String(),
        response: R.OutletsSetSchema,
      }),
    },
    async (req) => {
      if (typeof req.body !== 'string') throw new HttpProblem(415, 'Unsupported media type', 'send the table as text/csv, text/tab-separated-values or text/plain');
      let rows;
      try {
        rows = parseOutletsTable(req.body, 'the request body');
      } catch (err) {
        if (err instanceof OutletsTableError) throw new HttpProblem(400, 'Invalid body', err.message);
        throw err;
      }
      return setOutlets(ctx.writer(), rows);
    },
  );

  app.put(
    '/api/frames/dictionary',
    {
      schema: openApiSchema({
        summary: 'store a frame dictionary (frame → phrases, as YAML or JSON) and count it in every article',
        description: 'The body is the dictionary file: `application/yaml` or `text/plain` for YAML, `application/json` for JSON.',
        tags: ['knowledge'],
        body: Type.Union([Type.String(), Type.Record(Type.String(), Type.Array(Type.String()))]),
        response: R.DictionarySetSchema,
      }),
    },
    async (req) => {
      const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null);
      let dict;
      try {
        dict = parseFrameDictionary(text, 'the request body');
      } catch (err) {
        if (err instanceof FrameDictionaryError) throw new HttpProblem(400, 'Invalid body', err.message);
        throw err;
      }
      const articles = ctx.writer().setFrameDictionary(text, (t) => countFrames(t, dict));
      return { frames: dict.frames.map((f) => f.name), articles };
    },
  );
  app.delete('/api/frames/dictionary', { schema: openApiSchema({ summary: 'remove the frame dictionary and its counts', tags: ['knowledge'], response: R.DictionaryClearedSchema }) }, async () => {
    ctx.writer().setFrameDictionary(undefined, () => []);
    return { cleared: true };
  });
}
