/**
 * LICENSE and THIRD_PARTY_NOTICES.md (issue 17, item 2). Every tsup build records its esbuild
 * metafile in dist/ and regenerates the notices from them (scripts/notices.ts); these tests
 * derive the bundled packages from those metafiles on their own and fail if one is missing
 * from the notices, or if a built file comes from a build that records nothing. Needs the
 * build (`npm test` builds first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledPackages, packageOfInput, readmeLicence, readMetafiles, renderNotices, unusedPackages } from '../../scripts/notices';
import { assertBuilt, DIST, packageJson, ROOT, runOk } from './helpers';

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

const NOTICES = join(ROOT, 'THIRD_PARTY_NOTICES.md');
let metafiles: Array<[string, Metafile]> = [];
let notices = '';

beforeAll(() => {
  assertBuilt();
  metafiles = readdirSync(DIST)
    .filter((f) => /^metafile-.+\.json$/.test(f))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(DIST, f), 'utf8')) as Metafile]);
  expect(existsSync(NOTICES), 'THIRD_PARTY_NOTICES.md is written by the build').toBe(true);
  notices = readFileSync(NOTICES, 'utf8');
});

interface Bundled {
  name: string;
  version: string;
  dir: string;
}

/**
 * name@version of every package with code in some output, derived here independently of
 * scripts/notices.ts: the innermost node_modules/<name>/ or node_modules/@scope/<name>/ of each
 * input that contributes bytes.
 */
function bundledHere(): Map<string, Bundled> {
  const out = new Map<string, Bundled>();
  for (const [, meta] of metafiles) {
    for (const output of Object.values(meta.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        if (bytesInOutput <= 0) continue;
        const at = input.lastIndexOf('node_modules/');
        if (at < 0) continue;
        const rest = input.slice(at + 'node_modules/'.length).split('/');
        const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
        const dir = join(ROOT, input.slice(0, at), 'node_modules', name);
        const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
        out.set(`${name}@${version}`, { name, version, dir });
      }
    }
  }
  return out;
}

/** The rows of the notices' summary table: name@version -> licence id. */
function tableRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of notices.matchAll(/^\| (\S+) \| (\S+) \| ([^|]+?) \| [^|]+ \|$/gm)) {
    if (m[1] === 'Package' || m[1] === '---') continue;
    rows.set(`${m[1]}@${m[2]}`, m[3]);
  }
  return rows;
}

describe('THIRD_PARTY_NOTICES.md', () => {
  it('comes from a recorded build for every built file (no build bundles without recording it)', () => {
    const builds = metafiles.map(([f]) => f);
    expect(builds).toEqual(expect.arrayContaining(['metafile-cli-esm.json', 'metafile-index-cjs.json', 'metafile-index-esm.json', 'metafile-worker-esm.json']));
    const recorded = new Set(metafiles.flatMap(([, m]) => Object.keys(m.outputs)));
    const built = readdirSync(DIST).filter((f) => /\.(c?js|mjs)$/.test(f)).map((f) => `dist/${f}`);
    expect(built.length).toBeGreaterThan(0);
    expect(built.filter((f) => !recorded.has(f)), 'built files no metafile accounts for (a tsup build without recordBundle?)').toEqual([]);
  });

  it('lists every package the bundler included, with its version, and nothing else', () => {
    const bundled = bundledHere();
    const names = [...bundled.values()].map((p) => p.name);
    // Not vacuous: the worker script bundles its dependencies by design (tsup.config.ts).
    expect(names).toEqual(expect.arrayContaining(['@noble/hashes', 'seedrandom']));
    // Every bundled package is also installed as a dependency, so `npm audit` in a user's
    // project sees it. (mathjs, bundled for its parser until our own replaced it, is now a
    // devDependency of the tests only.)
    const runtime = Object.keys(packageJson().dependencies ?? {});
    expect(names.filter((n) => !runtime.includes(n)), 'bundled but not a dependency: users cannot audit it').toEqual([]);
    const rows = tableRows();
    const missing = [...bundled.keys()].filter((id) => !rows.has(id) || !notices.includes(`\n## ${id}\n`));
    expect(missing, 'bundled but missing from THIRD_PARTY_NOTICES.md (run the build)').toEqual([]);
    expect([...rows.keys()].filter((id) => !bundled.has(id)), 'listed but no longer bundled (run the build)').toEqual([]);
  });

  it('gives each package its licence id and its full licence text', () => {
    const rows = tableRows();
    const bundled = bundledHere();
    for (const [id, { dir }] of bundled) {
      const { license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { license?: string | { type?: string } };
      expect(rows.get(id), id).toBe(typeof license === 'string' ? license : license?.type);
    }
    const sections = notices.split(/\n(?=## )/).slice(1);
    expect(sections.length).toBe(rows.size);
    for (const section of sections) {
      const id = section.slice(3, section.indexOf('\n'));
      expect(section, id).toContain(`Licence: ${rows.get(id)}`);
      // A licence file, or the licence section of the README when the package ships none.
      expect(section, id).toMatch(/\n(From (LICEN[CS]E|COPYING)[^\n]*:|The package ships no LICENSE, LICENCE or COPYING file; the licence section of its README[^\n]*:)\n\n```/i);
      if (rows.get(id) === 'MIT') expect(section, id).toMatch(/Permission is hereby granted, free of charge/);
      // Apache-2.0 section 4(d): a NOTICE file the package ships is reproduced too.
      const dir = bundled.get(id)?.dir;
      if (dir !== undefined && existsSync(join(dir, 'NOTICE'))) expect(section, id).toContain('From NOTICE:');
    }
  });

  it('is up to date with dist/ and deterministic (what the generator renders now, twice)', () => {
    const metas = readMetafiles(DIST);
    const render = () => {
      const packages = bundledPackages(ROOT, metas);
      return renderNotices(ROOT, packages, unusedPackages(metas, packages));
    };
    const first = render();
    expect(render()).toBe(first);
    expect(notices, 'THIRD_PARTY_NOTICES.md is stale: run the build').toBe(first);
    expect(notices).not.toMatch(/\b20\d\d-\d\d-\d\d\b/); // no build dates
  });
});

describe('scripts/notices.ts helpers', () => {
  it('finds the innermost package of an input path (scoped, nested, outside node_modules)', () => {
    expect(packageOfInput('node_modules/mathjs/lib/esm/index.js')).toEqual({ name: 'mathjs', dir: 'node_modules/mathjs' });
    expect(packageOfInput('node_modules/@babel/runtime/helpers/esm/extends.js')).toEqual({ name: '@babel/runtime', dir: 'node_modules/@babel/runtime' });
    expect(packageOfInput('node_modules/a/node_modules/@s/b/x.js')).toEqual({ name: '@s/b', dir: 'node_modules/a/node_modules/@s/b' });
    expect(packageOfInput('../node_modules/c/index.js')).toEqual({ name: 'c', dir: '../node_modules/c' });
    expect(packageOfInput('src/node_modules_like/x.ts')).toBeUndefined();
    expect(packageOfInput('src/index.ts')).toBeUndefined();
  });

  it('takes a README licence section under an ATX or a setext heading, up to the next heading', () => {
    const setext = 'Intro\n=====\n\ntext\n\nLICENSE (MIT)\n-------------\n\nCopyright 2019 A.\n\nPermission is hereby granted.\n\nNext\n----\nmore\n';
    expect(readmeLicence(setext)).toBe('LICENSE (MIT)\n-------------\n\nCopyright 2019 A.\n\nPermission is hereby granted.');
    expect(readmeLicence('# X\n\n## Licence\n\nMIT © B\n\n## Other\n')).toBe('## Licence\n\nMIT © B');
    expect(readmeLicence('# X\n\nNo licence here.\n')).toBeUndefined();
  });
});

describe('the tarball', () => {
  it('contains LICENSE (MIT, 2026) and THIRD_PARTY_NOTICES.md, and no metafiles', async () => {
    const packed = await runOk('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files = (JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'THIRD_PARTY_NOTICES.md']));
    expect(files.filter((f) => /(^|\/)metafile-[^/]*\.json$/.test(f))).toEqual([]);
    const licence = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(packageJson()).toMatchObject({ license: 'MIT' });
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) 2026 /);
  });
});
