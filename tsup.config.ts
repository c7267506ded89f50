import { cp } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { recordBundle } from './scripts/notices';

// Every build records what it bundled (dist/metafile-<build>-<format>.json) and regenerates
// THIRD_PARTY_NOTICES.md from those records (scripts/notices.ts), so the notices follow the
// bundle whether the build is `npm run build`, `npm start`'s rebuild or a bare `npx tsup`.
//
// No source maps by default: they were two thirds of the packed tarball (70% unpacked), and the bundles
// are not minified, so stack traces already name real functions and lines. For local
// debugging build with `npx tsup --sourcemap` (the flag overrides `sourcemap` below); the
// package.json `files` list keeps *.map and the metafiles out of the tarball in any case.
export default defineConfig([
  {
    // One build for the core and the Node entry so they share chunks (in CJS too, hence
    // `splitting`): a class such as NumericalError is then the same in both entries.
    // `node.browser` is the Node entry as browsers resolve it (single-threaded).
    entry: { index: 'src/index.ts', node: 'src/node/index.ts', 'node.browser': 'src/node/browser.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    treeshake: true,
    splitting: true,
    esbuildPlugins: [recordBundle('index')],
    // No `shims`: tsup already gives the CJS build an import.meta.url (src/node/pool.ts finds
    // dist/worker.js with it), and `shims` would add `import 'path'` to the browser-safe core.
  },
  {
    // The worker-thread script, started by src/node/pool.ts from beside it, without the formula
    // parser (tests/parallel checks). Its dependencies are bundled
    // because every run starts its threads afresh: one file loads in about half the time of
    // resolving and evaluating zod, seedrandom and @noble/hashes from node_modules.
    entry: { worker: 'src/node/worker.ts' },
    format: ['esm'],
    sourcemap: false,
    target: 'node20',
    treeshake: true,
    noExternal: ['zod', 'seedrandom', '@noble/hashes'],
    esbuildPlugins: [recordBundle('worker')],
  },
  {
    // The playground (src/playground): a browser page and its Web Worker, with every dependency
    // bundled and minified, so dist/playground/ works from `scenario-odds playground` or any
    // static host without a request elsewhere. Its HTML and CSS are copied beside them.
    entry: { 'playground/app': 'src/playground/app.ts', 'playground/worker': 'src/playground/worker.ts' },
    format: ['esm'],
    platform: 'browser',
    sourcemap: false,
    target: 'es2022',
    minify: true,
    treeshake: true,
    splitting: false,
    noExternal: ['zod', 'seedrandom', '@noble/hashes'],
    esbuildPlugins: [recordBundle('playground')],
    onSuccess: async () => {
      await cp('src/playground/static', 'dist/playground', { recursive: true });
    },
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    esbuildPlugins: [recordBundle('cli')],
  },
]);
