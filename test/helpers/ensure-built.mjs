/**
 * The product as `npm run build` makes it (scripts/build.mjs: compile, rules snapshot and saved
 * prefilter, bundle), rebuilt when anything it is made from is newer than the bundle. `npm test`
 * builds first; this covers a test file run alone. The "bundle" project's global setup.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INPUTS = ['src', 'rules', 'scripts/build.mjs', 'scripts/bundle.mjs', 'scripts/snapshot-rules.mjs', 'scripts/code-cache.mjs', 'package.json'];
/** Written last by the build. */
const LAST_OUTPUT = join(ROOT, 'dist', 'cli', 'pii-scan.cjs.cache');

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const e of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

export function ensureBuilt() {
  if (existsSync(LAST_OUTPUT) && statSync(LAST_OUTPUT).mtimeMs >= Math.max(...INPUTS.map((p) => newestMtime(join(ROOT, p))))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
}

export default ensureBuilt;
