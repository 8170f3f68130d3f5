/**
 * The floors of src/ and the imports between them (.dependency-cruiser.cjs): no cycle, and no
 * import a floor is not allowed. Runs dependency-cruiser as `npx depcruise src` does.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as { forbidden: { name: string }[] };

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

/** The violations dependency-cruiser finds in `cwd`'s src/ under the project's rules. */
function cruise(cwd: string): Violation[] {
  const r = spawnSync(process.execPath, [depcruise, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.stdout === '') throw new Error(`depcruise failed (exit ${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** A cruise reads and parses every module of src/: generous, for a busy machine. */
const CRUISE_TIMEOUT = 180_000;

const described = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

describe('layers', () => {
  it('src/ has no import cycle and no import its floor does not allow', () => {
    expect(cruise(root).map(described)).toEqual([]);
  }, CRUISE_TIMEOUT);

  it('names every folder of src/ with what it may import', () => {
    const declared = config.forbidden.map((r) => /^(.+)-imports$/.exec(r.name)?.[1]).filter((x) => x !== undefined).sort();
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual(declared);
    expect(readdirSync(join(root, 'src')).filter((n) => !folders.includes(n))).toEqual([]);
  });

  it('fails on an engine that imports a reporter, on a cycle, and on a folder of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pii-scan-layers-'));
    try {
      const file = (path: string, text: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      copyFileSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
      file('src/engine/judge.ts', "import { shown } from '../report/show.js';\nexport const judge = (v: string): string => shown(v);\n");
      file('src/report/show.ts', "import { judge } from '../engine/judge.js';\nexport const shown = (v: string): string => v;\nexport const both = (v: string): string => judge(v);\n");
      file('src/misc/helper.ts', "import { judge } from '../engine/judge.js';\nexport const helper = judge;\n");
      const found = cruise(dir).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
      expect(found).toEqual(expect.arrayContaining([
        'engine-imports: src/engine/judge.ts → src/report/show.ts',
        'no-circular: src/engine/judge.ts → src/report/show.ts',
        'unknown-folder: src/misc/helper.ts → src/engine/judge.ts',
      ]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, CRUISE_TIMEOUT);
});
