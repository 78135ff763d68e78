/**
 * npm run ui:api — types the web UI's API client from the server's OpenAPI
 * document (ui/src/api/schema.d.ts, committed; a unit test fails when it no
 * longer matches the server).
 */
import { writeFileSync } from 'node:fs';
import { UI_SCHEMA_FILE, uiSchemaTypes } from '../src/server/openapi-document.js';

writeFileSync(UI_SCHEMA_FILE, await uiSchemaTypes());
process.stderr.write(`wrote ${UI_SCHEMA_FILE}\n`);
