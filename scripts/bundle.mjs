/**
 * Build step: the CLI and the scan worker as one file each, so start-up reads and compiles one
 * module instead of a hundred (a draft check starts in about two thirds of the time). The large
 * dependencies that load only when needed (pdf.js, phone metadata, YAML, the glob walker) stay
 * outside. Both files sit in dist/cli/, where paths relative to a compiled module still hold.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

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
  // Bundled CommonJS packages (commander) call require() for Node built-ins.
  banner: { js: "import { createRequire as __piiRequire } from 'node:module'; const require = __piiRequire(import.meta.url);" },
  logLevel: 'warning',
});
