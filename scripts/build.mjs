/**
 * `npm run build` and `prepare`: compile, snapshot the rules, bundle. Every step's output goes to
 * stderr: npm runs `prepare` inside `npm pack` and `npm i git+…`, whose stdout tools read (the
 * tarball's name), so nothing of the build may land there.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const resolvable = (id) => {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
};

// `npm i -g git+…` (and pre-commit's language: node) prepares the clone with `npm install`, but
// npm passes its global mode on in npm_config_global, so the clone gets no devDependencies:
// install them here, in the clone itself.
if (resolvable('typescript/bin/tsc') === undefined && process.env.npm_config_global === 'true' && process.env.npm_execpath) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|prefix|global_prefix|globalconfig|location|allow_scripts)$/i.test(k)));
  const r = spawnSync(process.execPath, [process.env.npm_execpath, 'install', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, env, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const tsc = require.resolve('typescript/bin/tsc');
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
