// Builds dist/ with tsup only when it is missing or older than what it is built from, so that
// `npm start` takes seconds, not half a minute, when nothing changed since the last build.
// `--check` prints "stale" or "fresh" and builds nothing (for tests). `--root DIR` looks at
// another checkout.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const root = args.includes('--root') ? args[args.indexOf('--root') + 1] : process.cwd();
const INPUTS = ['src', 'scripts/notices.ts', 'tsup.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];
const OUTPUTS = ['cli.js', 'index.js', 'index.cjs', 'node.js', 'worker.js', 'playground/app.js', 'playground/worker.js'].map((f) => join('dist', f));

/** The latest modification time under a file or directory. */
function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

const at = (p) => join(root, p);
const built = OUTPUTS.every((p) => existsSync(at(p))) ? Math.min(...OUTPUTS.map((p) => statSync(at(p)).mtimeMs)) : -Infinity;
const changed = Math.max(...INPUTS.filter((p) => existsSync(at(p))).map((p) => newest(at(p))));
const stale = changed > built;

if (args.includes('--check')) console.log(stale ? 'stale' : 'fresh');
else if (stale) execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'inherit' });
