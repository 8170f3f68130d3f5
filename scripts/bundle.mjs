/**
 * Build step: the CLI and the scan worker as one file each, so start-up reads and compiles one
 * module instead of a hundred (a draft check starts in about two thirds of the time). The large
 * dependencies that load only when needed (pdf.js, YAML, the glob walker) stay outside; the phone
 * and e-mail checkers are bundled on their own, loaded when first needed. All sit in dist/cli/,
 * where paths relative to a compiled module still hold.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { BUNDLED_LIBRARIES } from '../dist/engine/libraries.js';

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
