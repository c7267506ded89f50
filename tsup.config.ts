import { defineConfig } from 'tsup';

// mathjs is bundled (tree-shaken to its parser) because importing the whole package costs
// about a second of cold start; see DESIGN.md section 7.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    noExternal: ['mathjs'],
    treeshake: true,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    noExternal: ['mathjs'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
