// The web UI's build: ui/ → ui/dist, served by `newslens serve` (src/server/ui-routes.ts).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * early.ts is an entry of its own, put in the page ahead of the app's bundle: Vite would fold a
 * second module script of index.html into the one bundle, and the point is that it runs before it.
 */
function earlyEntry(): Plugin {
  return {
    name: 'newslens-early-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const early = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early');
        if (!early) throw new Error('the early entry was not built');
        return [{ tag: 'script', attrs: { type: 'module', crossorigin: true, src: `/${early.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), earlyEntry()],
  // Written against React's API, run on Preact's (preact/compat): the same components and hooks, and
  // the entry script every view's first paint waits for went from 89 to 36 KB gzipped.
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Charts and the graph view are split off and loaded when a view needs them.
    chunkSizeWarningLimit: 600,
    // No inline <script> or modulepreload polyfill: the page's CSP lets only files from the server run.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: { input: { index: `${root}index.html`, early: `${root}src/early.ts` } },
  },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:4470' } },
});
