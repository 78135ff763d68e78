/** `newslens serve`: the HTTP API over a workspace (src/server). */
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { buildServer } from '../server/app.js';
import { isLoopbackBind } from '../server/guard.js';
import { positiveInt, UsageError, workspacePath, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

export const DEFAULT_PORT = 4470;

/** Opens a URL in the desktop's browser; on a machine without one (a server, CI) nothing happens. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

interface ServeFlags extends GlobalOptions {
  port?: string;
  host: string;
  token?: string;
  cors?: string;
  log?: boolean;
  workers?: string;
  readers?: string;
  budget?: string;
  uploadLimit?: string;
  allowHost: string[];
  open?: boolean;
}

export function registerServe(program: Command): void {
  commandFor(program, 'serve')
    .option('--db <file>', 'workspace file (default: $NEWSLENS_DB or ./newslens.db)')
    .option('--port <n>', `port (default ${DEFAULT_PORT}; 0 for any free one)`)
    .option('--host <address>', 'address to listen on; anything but loopback needs a token', '127.0.0.1')
    .option('--token <token>', 'every request must send "Authorization: Bearer TOKEN" (default: $NEWSLENS_TOKEN; generated and printed when --host is not loopback)')
    .option('--cors <origin>', 'let pages from this origin (e.g. http://localhost:5173) call the API')
    .option('--workers <n>', 'worker threads for the heavy analyses (keyness, collocates, network, stories, compare, phrases; default: one per core but one)')
    .option('--readers <n>', 'worker threads for search, trends and kwic (default: one per core)')
    .option('--budget <seconds>', 'time an analysis may take before it is stopped with a 503 (default 60)')
    .option('--upload-limit <MiB>', 'largest file an upload (POST /api/ingest) may hold (default 1024)')
    .option('--allow-host <host>', 'let POST /api/fetch and watched feeds reach this host on a private address (repeatable; refused by default)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--log', 'log every request to stderr')
    .option('--open', 'open the web UI in the default browser, where there is one')
    .addHelpText('after', '\nRoutes: /api/docs (browsable), /api/openapi.json. Errors are application/problem+json.')
    .action(async (f: ServeFlags) => {
      const port = positiveInt('--port', f.port, DEFAULT_PORT);
      if (port > 65535) throw new UsageError(`--port expects 0–65535, got ${port}`);
      let token = f.token ?? (process.env.NEWSLENS_TOKEN || undefined);
      const loopback = isLoopbackBind(f.host);
      let generated = false;
      if (!loopback && !token) {
        token = randomBytes(24).toString('base64url');
        generated = true;
      }
      if (f.cors !== undefined && !/^https?:\/\/[^/\s]+$/.test(f.cors)) throw new UsageError(`--cors expects an origin such as http://localhost:5173, got "${f.cors}"`);
      const workers = f.workers === undefined ? undefined : Math.max(1, positiveInt('--workers', f.workers, 1));
      const readers = f.readers === undefined ? undefined : Math.max(1, positiveInt('--readers', f.readers, 1));
      const budgetSeconds = positiveInt('--budget', f.budget, 60);
      const app = await buildServer({ db: workspacePath(f), host: f.host, token, cors: f.cors, logger: Boolean(f.log), ...(workers ? { workers } : {}), ...(readers ? { readers } : {}), budgetSeconds: Math.max(1, budgetSeconds), uploadLimit: positiveInt('--upload-limit', f.uploadLimit, 1024) * 1024 * 1024, fetch: { allowPrivate: f.allowHost } });
      try {
        await app.listen({ port, host: f.host });
      } catch (err) {
        await app.close();
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${f.host} is in use (choose another with --port)`);
        if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${f.host}: no such address here`);
        throw err;
      }
      const address = app.server.address();
      const at = typeof address === 'object' && address ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` : String(address);
      // The token rides in the #fragment, which the browser never sends: the app reads it and sends it as a header.
      const ui = `${at}/${token ? `#token=${encodeURIComponent(token)}` : ''}`;
      process.stderr.write(`newslens: serving ${workspacePath(f)} at ${at}/api (docs: ${at}/api/docs)${token ? '; requests need "Authorization: Bearer TOKEN"' : ''}\n`);
      process.stdout.write(`newslens is at ${ui}\n`);
      if (generated) process.stdout.write(`token: ${token}\n`);
      if (f.open) openBrowser(ui);
      const stop = () => void app.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
