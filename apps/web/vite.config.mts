import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// The web app builds into dist/web, beside the server's build, and the API serves it from there.
export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(here, '../../dist/web'),
    emptyOutDir: true,
    // Route pages load lazily (src/lazyPages.tsx), so the bundler splits by page: ECharts lands in the dashboard's
    // chunk only, and antd's components in the chunks of the pages that use them. Forced vendor groups would pull
    // their dependencies (React among them) into one chunk that every page then loads. The limit sits just above
    // the largest chunk (the dashboard with ECharts, about 570 kB), so a page that grows much warns at build time.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components, which a browser bundle ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
