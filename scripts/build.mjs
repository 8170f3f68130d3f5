/**
 * `npm run build` and `prepare`: compile, snapshot the rules, bundle. Every step's output goes to
 * stderr: npm runs `prepare` inside `npm pack` and `npm i git+…`, whose stdout tools read (the
 * tarball's name), so nothing of the build may land there.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const steps = [
  [tsc, '-p', 'tsconfig.build.json'],
  ['scripts/snapshot-rules.mjs'],
  ['scripts/bundle.mjs'],
];
for (const args of steps) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write(`build: ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})\n`);
    process.exit(r.status ?? 1);
  }
}
