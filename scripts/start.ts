/**
 * npm start: a first look at newslens. Ingests examples/articles into the
 * default workspace when it holds no articles yet (so a second start does not
 * ingest again), then serves the web UI and the API and opens the browser
 * where there is one. Arguments after `npm start --` go to `serve`.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../src/store/sqlite.js';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const examples = fileURLToPath(new URL('../../examples/articles', import.meta.url));
const db = process.env.NEWSLENS_DB || 'newslens.db';

function isEmpty(path: string): boolean {
  if (!existsSync(path)) return true;
  const store = openSqliteStore(path, { readonly: true, mustExist: true });
  try {
    return store.countArticles() === 0;
  } finally {
    store.close();
  }
}

if (isEmpty(db)) {
  const ingest = spawnSync(process.execPath, [cli, 'ingest', examples, '--db', db], { stdio: 'inherit' });
  if (ingest.status !== 0) process.exit(ingest.status ?? 1);
}
const serve = spawn(process.execPath, [cli, 'serve', '--db', db, '--open', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => serve.kill(sig));
serve.on('exit', (code) => process.exit(code ?? 0));
