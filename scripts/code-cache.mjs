/**
 * Build step, run by bundle.mjs in a process of its own: runs the bundled CLI as bin/pii-scan does,
 * with the arguments given, and writes the bundle's V8 code cache as the process exits, so the
 * cache holds every function the run compiled.
 *
 *   node scripts/code-cache.mjs scan fixtures --jobs 1
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyV8Flags, defaultYoungGenerationGrowth } from '../dist/cli/v8-flags.js';
import { runCommonJs } from '../dist/runtime/common-js.js';

const bundle = fileURLToPath(new URL('../dist/cli/pii-scan.cjs', import.meta.url));
applyV8Flags(); // as bin/pii-scan does: V8 takes a cache only under the flags it was made with
process.argv = [process.argv[0], bundle, ...process.argv.slice(2)];
const { script } = runCommonJs(bundle);
process.on('exit', () => {
  defaultYoungGenerationGrowth(); // the run may have held the young generation (v8-flags.ts): the CLI starts with V8's own
  writeFileSync(`${bundle}.cache`, script.createCachedData());
});
