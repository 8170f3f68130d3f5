/**
 * Build step: the CLI and the scan worker as one file each, so start-up reads and compiles one
 * module instead of a hundred (a draft check starts in about two thirds of the time). The large
 * dependencies that load only when needed (pdf.js, YAML, the glob walker) stay outside; the phone
 * and e-mail checkers are bundled on their own, loaded when first needed. All sit in dist/cli/,
 * where paths relative to a compiled module still hold.
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLED_LIBRARIES, runCommonJs } from '../dist/engine/libraries.js';
import { applyV8Flags } from '../dist/cli/v8-flags.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// The checkers validators load on first use, each as one CommonJS file beside the CLI (see
// src/engine/libraries.ts): one file to compile instead of dozens of modules to resolve.
for (const { file, from } of Object.values(BUNDLED_LIBRARIES)) {
  await build({
    absWorkingDir: root,
    stdin: { contents: `module.exports = require(${JSON.stringify(from)});`, resolveDir: root },
    outfile: `dist/cli/${file}`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}

// Each checker's V8 code cache beside it, made after running what validators call, so it holds
// those functions compiled too (loadBundled uses it; a Node whose V8 differs ignores it). Made
// under the CLI's V8 flags, which V8 checks.
applyV8Flags();
const exercise = {
  phone: (lib) => {
    for (const n of ['(213) 621-0002', '+44 20 7946 0958', '555-0100']) lib.parsePhoneNumberFromString(n, { defaultCountry: 'US', extract: false })?.isValid();
  },
  isEmail: (mod) => (mod.default ?? mod)('r.lopez@agency-mail.gov'),
};
for (const [name, { file }] of Object.entries(BUNDLED_LIBRARIES)) {
  const path = fileURLToPath(new URL(`../dist/cli/${file}`, import.meta.url));
  const { script, exports } = runCommonJs(path);
  exercise[name](exports);
  writeFileSync(`${path}.cache`, script.createCachedData());
}

await build({
  absWorkingDir: root,
  entryPoints: { 'pii-scan': 'dist/cli/process.js', 'scan-worker': 'dist/run/scan-worker.js' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pdfjs-dist', 'libphonenumber-js', 'validator', 'yaml', 'fast-glob'],
  define: { PII_SCAN_BUNDLED_LIBRARIES: 'true' },
  // Bundled CommonJS packages (commander) call require() for Node built-ins.
  banner: { js: "import { createRequire as __piiRequire } from 'node:module'; const require = __piiRequire(import.meta.url);" },
  logLevel: 'warning',
});
