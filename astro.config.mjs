// Static site: every page is prerendered; DuckDB-wasm is loaded in the browser only on demand.
import { defineConfig } from 'astro/config';
import { benchPageAside } from './scripts/tools/bench-page.ts';

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  // The benchmark's baseline page (src/pages/bench/) is built but not published (scripts/tools/bench-page.ts).
  integrations: [benchPageAside()],
  // Stories (src/content/verhalen) are parsed by src/lib/story.ts; their ```visual blocks are no code to highlight.
  markdown: { syntaxHighlight: false },
  vite: {
    // DuckDB-wasm ships its own workers and wasm; let Vite copy them as assets instead of prebundling.
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    build: { assetsInlineLimit: 0 },
  },
});
