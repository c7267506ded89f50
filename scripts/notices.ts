/**
 * THIRD_PARTY_NOTICES.md, generated from what the bundler actually put into dist/.
 *
 * Every tsup build (see tsup.config.ts) runs the esbuild plugin `recordBundle`, which writes
 * that build's esbuild metafile to dist/metafile-<build>-<format>.json and then regenerates
 * the notices from all the metafiles in dist/. The builds run concurrently in one process;
 * each writes its metafile before regenerating, and both steps are synchronous, so the last
 * regeneration sees every metafile. The metafiles stay in dist/ (tests/package/notices.test.ts
 * checks the notices against them) but are left out of the published tarball.
 *
 * A bundled package is one with a file under node_modules/<name>/ or
 * node_modules/@scope/<name>/ (the innermost node_modules/ of a nested path) that puts code
 * into some output (bytesInOutput > 0 in a metafile's outputs). For each: its name, version and licence id from its package.json, and the
 * full text of its LICENSE / LICENCE / COPYING file(s) and, as Apache-2.0 section 4(d) asks,
 * its NOTICE file. The output is sorted and has no dates, so it changes only when the set of
 * bundled packages (or their versions) does.
 *
 * Run by hand (after a build): `npx tsx scripts/notices.ts`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

export const NOTICES_FILE = 'THIRD_PARTY_NOTICES.md';
export const METAFILE_PATTERN = /^metafile-(.+)\.json$/;

/** The part of an esbuild metafile used here. */
interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  /** The directory, relative to the project root (node_modules/... ). */
  readonly dir: string;
  /** The builds that include it, as "cli (esm)", "index (cjs)", ... */
  readonly builds: readonly string[];
}

/** The package directory (and name) an input path lies in, or undefined if not under node_modules/. */
export function packageOfInput(input: string): { name: string; dir: string } | undefined {
  // Inputs from other namespaces look like "ns:path"; files are relative paths with "/".
  const path = input.replace(/\\/g, '/');
  let found: { name: string; dir: string } | undefined;
  for (const m of path.matchAll(/(?<=^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)) {
    found = { name: m[1], dir: `${path.slice(0, m.index)}node_modules/${m[1]}` };
  }
  return found;
}

/** The metafiles in dist/, by build label ("index (esm)", ...). */
export function readMetafiles(distDir: string): Map<string, Metafile> {
  const out = new Map<string, Metafile>();
  if (!existsSync(distDir)) return out;
  for (const file of readdirSync(distDir).sort()) {
    const m = METAFILE_PATTERN.exec(file);
    if (!m) continue;
    const label = m[1].replace(/^(.*)-(esm|cjs|iife)$/, '$1 ($2)');
    out.set(label, JSON.parse(readFileSync(join(distDir, file), 'utf8')) as Metafile);
  }
  return out;
}

interface PackageJson {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: Array<string | { type?: string }>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/**
 * The inputs that put code into some output file. esbuild also lists files it loaded but
 * tree-shook away entirely (a module none of whose exports is used); those are not bundled. (tsup's Rollup pass may shake out more: the list errs on the side of
 * listing.)
 */
export function bundledInputs(meta: Metafile): Set<string> {
  const out = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) if (bytesInOutput > 0) out.add(input);
  }
  return out;
}

/** Packages esbuild loaded from node_modules/ but took no code from, sorted (for a note). */
export function unusedPackages(metafiles: Map<string, Metafile>, bundled: readonly BundledPackage[]): string[] {
  const names = new Set<string>();
  for (const meta of metafiles.values()) {
    for (const input of Object.keys(meta.inputs)) {
      const pkg = packageOfInput(input);
      if (pkg) names.add(pkg.name);
    }
  }
  for (const p of bundled) names.delete(p.name);
  return [...names].sort(compare);
}

/** The bundled packages found in the metafiles, sorted by name then version. */
export function bundledPackages(root: string, metafiles: Map<string, Metafile>): BundledPackage[] {
  const byDir = new Map<string, { name: string; builds: Set<string> }>();
  for (const [label, meta] of metafiles) {
    for (const input of bundledInputs(meta)) {
      const pkg = packageOfInput(input);
      if (!pkg) continue;
      const entry = byDir.get(pkg.dir) ?? { name: pkg.name, builds: new Set<string>() };
      entry.builds.add(label);
      byDir.set(pkg.dir, entry);
    }
  }
  // The same name and version at two paths (a nested copy) is one entry.
  const byId = new Map<string, { name: string; version: string; dir: string; builds: Set<string> }>();
  for (const [dir, { name, builds }] of byDir) {
    const version = readJson(join(root, dir, 'package.json')).version ?? 'unknown';
    const id = `${name}@${version}`;
    const seen = byId.get(id);
    if (seen) for (const b of builds) seen.builds.add(b);
    else byId.set(id, { name, version, dir, builds: new Set(builds) });
  }
  return [...byId.values()]
    .map((p) => ({ ...p, builds: [...p.builds].sort() }))
    .sort((a, b) => (a.name === b.name ? compare(a.version, b.version) : compare(a.name, b.name)));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function licenceId(pkg: PackageJson): string {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses) && pkg.licenses.length > 0) {
    return pkg.licenses.map((l) => (typeof l === 'string' ? l : l.type ?? 'unknown')).join(' OR ');
  }
  return 'UNKNOWN (no licence in its package.json)';
}

/** The licence and notice files a package ships at its top level, sorted. */
function licenceFiles(dir: string): { licences: string[]; notices: string[] } {
  const files = readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name).sort();
  return {
    licences: files.filter((f) => /^(licen[cs]e|copying)([-._].*)?$/i.test(f)),
    notices: files.filter((f) => /^notice([-._].*)?$/i.test(f)),
  };
}

/**
 * The licence section of a README (an ATX "## Licence" heading or a setext "LICENSE (MIT)" one,
 * up to the next heading), for packages that ship no licence file; undefined if none.
 */
export function readmeLicence(readme: string): string | undefined {
  const lines = readme.replace(/\r\n?/g, '\n').split('\n');
  const setext = (i: number) => i + 1 < lines.length && lines[i].trim() !== '' && /^\s*(-{3,}|={3,})\s*$/.test(lines[i + 1]);
  const heading = (i: number) => /^\s{0,3}#{1,6}\s/.test(lines[i]) || setext(i);
  const title = (i: number) => lines[i].replace(/^\s{0,3}#{1,6}\s*/, '').trim();
  const start = lines.findIndex((_, i) => heading(i) && /^licen[cs]e\b/i.test(title(i)));
  if (start < 0) return undefined;
  let end = start + (setext(start) ? 2 : 1);
  while (end < lines.length && !heading(end)) end++;
  const body = lines.slice(start, end).join('\n').replace(/\s+$/, '');
  return body.split('\n').length > 2 ? body : undefined;
}

const text = (file: string) => readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').replace(/\s+$/, '');

/** A fenced block that no backtick run inside the text can close early. */
function fenced(body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${body}\n${fence}`;
}

/** The Markdown of THIRD_PARTY_NOTICES.md for these packages. */
export function renderNotices(root: string, packages: readonly BundledPackage[], unused: readonly string[] = []): string {
  const lines: string[] = [
    '# Third-party notices',
    '',
    '<!-- Generated by scripts/notices.ts from the esbuild metafiles of the build (dist/metafile-*.json). Do not edit by hand: run the build. -->',
    '',
    'scenario-odds itself is under the MIT licence (see LICENSE). Its build (dist/) bundles code from the',
    'packages below, each under its own licence, reproduced here. The list is derived at build time from',
    'the files the bundler actually included. Packages that are installed as dependencies rather than',
    'bundled are not listed unless a build also bundles them (the worker script bundles its dependencies).',
    '',
    '| Package | Version | Licence | Bundled in |',
    '| --- | --- | --- | --- |',
  ];
  for (const p of packages) {
    const meta = readJson(join(root, p.dir, 'package.json'));
    lines.push(`| ${p.name} | ${p.version} | ${licenceId(meta)} | ${p.builds.join(', ')} |`);
  }
  if (unused.length > 0) {
    lines.push(
      '',
      `Imported by a bundled package but tree-shaken away entirely, so not included: ${unused.join(', ')}.`,
    );
  }
  for (const p of packages) {
    const dir = join(root, p.dir);
    const meta = readJson(join(dir, 'package.json'));
    lines.push('', `## ${p.name}@${p.version}`, '', `Licence: ${licenceId(meta)}`);
    const { licences, notices } = licenceFiles(dir);
    if (licences.length === 0) {
      const readme = readdirSync(dir).sort().find((f) => /^readme(\.(md|markdown|txt))?$/i.test(f));
      const section = readme ? readmeLicence(readFileSync(join(dir, readme), 'utf8')) : undefined;
      if (section) {
        lines.push('', `The package ships no LICENSE, LICENCE or COPYING file; the licence section of its ${readme}:`, '', fenced(section));
      } else {
        lines.push(
          '',
          `The package ships no LICENSE, LICENCE or COPYING file, and its README has no licence section; its package.json declares the licence ${licenceId(meta)}.`,
        );
      }
    }
    for (const f of [...licences, ...notices]) lines.push('', `From ${f}:`, '', fenced(text(join(dir, f))));
  }
  return `${lines.join('\n')}\n`;
}

/** Regenerates THIRD_PARTY_NOTICES.md from dist/metafile-*.json; synchronous; returns whether it changed. */
export function writeNotices(root: string = process.cwd(), distDir: string = join(root, 'dist')): boolean {
  const out = join(root, NOTICES_FILE);
  const metafiles = readMetafiles(distDir);
  const packages = bundledPackages(root, metafiles);
  const content = renderNotices(root, packages, unusedPackages(metafiles, packages));
  if (existsSync(out) && readFileSync(out, 'utf8') === content) return false;
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, out);
  return true;
}

/**
 * An esbuild plugin for tsup's `esbuildPlugins`: writes this build's metafile to
 * dist/metafile-<name>-<format>.json and regenerates the notices. tsup always asks esbuild for
 * a metafile; tsup's own `metafile` option would write dist/metafile-esm.json for every build,
 * so concurrent builds would overwrite each other's.
 */
export function recordBundle(name: string): EsbuildPlugin {
  return {
    name: 'scenario-odds-notices',
    setup(build) {
      build.onEnd((result) => {
        if (!result.metafile || result.errors.length > 0) return;
        const root = resolve(build.initialOptions.absWorkingDir ?? process.cwd());
        const distDir = resolve(root, build.initialOptions.outdir ?? 'dist');
        // tsup hands esbuild `format: 'esm'` for its CJS builds too (it converts afterwards);
        // the format it builds for is in its TSUP_FORMAT define.
        const defined = build.initialOptions.define?.TSUP_FORMAT;
        const format = defined ? (JSON.parse(defined) as string) : (build.initialOptions.format ?? 'esm');
        mkdirSync(distDir, { recursive: true });
        const tmp = join(distDir, `.metafile-${name}-${format}.json.${process.pid}.tmp`);
        writeFileSync(tmp, JSON.stringify(result.metafile));
        renameSync(tmp, join(distDir, `metafile-${name}-${format}.json`));
        writeNotices(root, distDir);
      });
    },
  };
}

// `npx tsx scripts/notices.ts`: regenerate from the metafiles of the last build.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const changed = writeNotices();
  console.log(`${NOTICES_FILE} ${changed ? 'written' : 'unchanged'}`);
}
