// The worker task when the library runs from its TypeScript sources (vitest, tsx, the benches):
// piscina's threads import a JavaScript file, and this one loads src/node/worker.ts through
// tsx's API, so tests do not depend on a build. The built package uses dist/worker.js instead.
const { tsImport } = await import('tsx/esm/api');
const worker = await tsImport('./worker.ts', import.meta.url);
export default worker.default;
