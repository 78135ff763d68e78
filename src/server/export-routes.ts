/**
 * Exports: answers streamed as they are made, with no size cap
 * (a capped or failing export is what users of hosted tools complain of
 * most). Rows are made a chunk at a time as the client reads, so a large
 * export neither fills the server's memory nor holds up other requests, and
 * stops when the client goes away. Not cached.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { exportChunks, type ExportFormat } from '../query/export.js';
import { ExportKindParam, ExportParams, parseParams } from '../query/params.js';
import type { ServerContext } from './app.js';
import { openApiSchema } from './route.js';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
};

const Text = Type.String({ description: 'the export' });

export function registerExportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const s = ctx.reader;
  app.get(
    '/api/exports/:what',
    {
      schema: openApiSchema({
        summary: 'articles, or their mentions, figures, quotes or events, as JSON Lines, CSV or TSV (streamed; columns as in the README)',
        tags: ['exports'],
        query: ExportParams,
        path: ExportKindParam,
        response: Text,
        produces: CONTENT_TYPES.jsonl,
      }),
    },
    async (req, reply) => {
      const { what } = parseParams(ExportKindParam, req.params as Record<string, unknown>, { strict: true });
      const { q, format } = parseParams(ExportParams, req.query as Record<string, unknown>, { strict: true });
      // The query runs (and is checked) here, before the answer starts, so a bad one is a 400 and not a cut-off file.
      const chunks = exportChunks(s, what, format, q);
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="newslens-${what}.${format}"`)
        .send(Readable.from(chunks, { objectMode: false }));
    },
  );
}
