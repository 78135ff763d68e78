// The web UI's build: ui/ → ui/dist, served by `newslens serve` (src/server/ui-routes.ts).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Charts and the graph view are split off and loaded when a view needs them.
    chunkSizeWarningLimit: 600,
    // No inline <script> or modulepreload polyfill: the page's CSP lets only files from the server run.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:4470' } },
});
