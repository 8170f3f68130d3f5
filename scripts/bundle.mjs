/**
 * Build step: the CLI and the scan worker as one file each, so start-up reads and compiles one
 * module instead of a hundred (a draft check starts in about two thirds of the time). The large
 * dependencies that load only when needed (pdf.js, YAML, the glob walker) stay outside; the phone
 * and e-mail checkers are bundled on their own, loaded when first needed. All sit in dist/cli/,
 * where paths relative to a compiled module still hold.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_LIBRARIES } from '../dist/runtime/libraries.js';
import { runCommonJs } from '../dist/runtime/common-js.js';
import { compiledCodeDigest } from '../dist/config/build-stamp.js';
import { applyV8Flags } from '../dist/cli/v8-flags.js';
import { asciiOnly } from './ascii-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The bundles carry the digest of the modules they are made from: the stamp the saved rules and
// prefilter were made with (src/config/build-stamp.ts), which the bundle cannot compute itself.
const codeDigest = JSON.stringify(compiledCodeDigest(join(root, 'dist')));

// Code caches of an earlier build go first: V8 checks a cache against its source's length, not its
// content, so a cache left beside a rebuilt file (a build stopped half-way) could be taken for it.
for (const name of readdirSync(join(root, 'dist/cli'))) if (name.endsWith('.cache')) rmSync(join(root, 'dist/cli', name));

// The checkers validators load on first use, each as one CommonJS file beside the CLI (see
// src/runtime/libraries.ts): one file to compile instead of dozens of modules to resolve.
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
  asciiOnly(join(root, 'dist/cli', file));
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

// import-module.js (`import()` of pdf.js and the glob walker) becomes a CommonJS file of Node's
// own beside the bundles: in the CLI, compiled as a vm script, `import()` needs an experimental hook.
writeFileSync(join(root, 'dist/cli/import-module.cjs'), 'exports.importModule = (specifier) => import(specifier);\n');
const importModuleFile = {
  name: 'import-module',
  setup(b) {
    b.onResolve({ filter: /\/import-module\.js$/ }, () => ({ path: './import-module.cjs', external: true }));
  },
};
// What a scan of a draft never calls: Node's server, process, worker, zlib and stream modules (and what
// they load: net, dgram, streams, perf_hooks …), fflate and htmlparser2 (tables built at load: fflate's
// Huffman tables, the entities decode trie), for the CLI each a
// stand-in that loads the module at the first use of one of its exports. The stand-in lists the
// export names (read here, at build time), so esbuild's import helpers copying them load nothing.
const require = createRequire(import.meta.url);
// The PERSON validator's name and word lists (most of the bundle's bytes) are a file of their own
// beside it, read at the first name judged: a draft without one reads, and V8 keeps, none of it.
const NAME_TABLES = { file: 'person-names-table.cjs', module: join(root, 'dist/engine/validators/person-names-table.js') };
await build({ absWorkingDir: root, entryPoints: [NAME_TABLES.module], outfile: `dist/cli/${NAME_TABLES.file}`, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
asciiOnly(join(root, 'dist/cli', NAME_TABLES.file));
const LAZY = {
  ...Object.fromEntries(['http', 'net', 'child_process', 'worker_threads', 'zlib', 'stream/promises'].map((m) => [m, { from: `node:${m}`, external: true }])),
  fflate: { from: require.resolve('fflate'), external: false },
  htmlparser2: { from: 'htmlparser2', external: false },
  'person-names-table': { from: `./${NAME_TABLES.file}`, external: true, exportsFrom: NAME_TABLES.module },
};
/** A module's exports at build time, to list their names (htmlparser2 is an ES module only). */
const exportsOf = async (from) => {
  try {
    return require(from);
  } catch {
    return import(from);
  }
};
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${Object.keys(LAZY).join('|')})$`);
    b.onResolve({ filter: /\/person-names-table\.js$/ }, () => ({ path: 'person-names-table', namespace: 'lazy-module' }));
    b.onResolve({ filter }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (args.namespace !== 'lazy-module') return { path: name, namespace: 'lazy-module' };
      if (LAZY[name].external) return { path: LAZY[name].from, external: true };
      return name === LAZY[name].from ? undefined : { path: LAZY[name].from }; // undefined: resolved as usual
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, async (args) => {
      const { from, exportsFrom } = LAZY[args.path];
      const names = Object.keys(await exportsOf(exportsFrom ?? from)).filter((k) => k !== 'default');
      return {
        loader: 'js',
        resolveDir: root,
        contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
const names = ${JSON.stringify(names)};
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_, key) => (names.includes(key) ? { enumerable: true, configurable: true, writable: false, value: undefined } : undefined),
});
`,
      };
    });
  },
};
// The product colours only through `new Chalk({ level })`, with the level src/cli/io.ts decides: chalk's
// own terminal probe (supports-color), which loads tty and os and reads the environment as the
// bundle starts, is never read. A stand-in answers "no colour" for chalk's default instances.
const noColorProbe = {
  name: 'no-color-probe',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-color-probe' }));
    b.onLoad({ filter: /.*/, namespace: 'no-color-probe' }, () => ({ loader: 'js', contents: 'export default { stdout: false, stderr: false };\n' }));
  },
};
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['pdfjs-dist', 'tesseract.js', '@tesseract.js-data/eng', 'libphonenumber-js', 'validator', 'yaml', 'fast-glob'],
  plugins: [importModuleFile, noColorProbe],
  logLevel: 'warning',
};
// What bin/pii-scan (CommonJS) runs first, as CommonJS: the V8 flags and the code-cache loader.
await build({
  absWorkingDir: root,
  stdin: { contents: "export { applyV8Flags } from './dist/cli/v8-flags.js'; export { readCodeCache, runCommonJs } from './dist/runtime/common-js.js';", resolveDir: root },
  outfile: 'dist/cli/start.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
// The CLI as CommonJS: bin/pii-scan compiles it from a V8 code cache (Node 20 keeps none for ES
// modules). Compiled modules find files relative to import.meta.url; in the bundle that is its own URL.
await build({
  ...common,
  entryPoints: ['dist/cli/process.js'],
  outfile: 'dist/cli/pii-scan.cjs',
  format: 'cjs',
  plugins: [importModuleFile, noColorProbe, lazyModules],
  define: { PII_SCAN_BUNDLED_LIBRARIES: 'true', PII_SCAN_CODE_DIGEST: codeDigest, 'import.meta.url': '__piiModuleUrl' },
  banner: { js: "const __piiModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
asciiOnly(join(root, 'dist/cli/pii-scan.cjs'));
// The worker (run/worker-pool.ts) stays an ES module, as worker threads start one.
await build({
  ...common,
  entryPoints: ['dist/run/scan-worker.js'],
  outfile: 'dist/cli/scan-worker.mjs',
  format: 'esm',
  define: { PII_SCAN_BUNDLED_LIBRARIES: 'true', PII_SCAN_CODE_DIGEST: codeDigest },
  // Bundled CommonJS packages (commander) call require() for Node built-ins.
  banner: { js: "import { createRequire as __piiRequire } from 'node:module'; const require = __piiRequire(import.meta.url);" },
});
asciiOnly(join(root, 'dist/cli/scan-worker.mjs'));

// The library (package.json `exports`): an ES module beside the CLI, with the same bundled checkers.
await build({
  ...common,
  entryPoints: ['dist/api/index.js'],
  outfile: 'dist/cli/api.mjs',
  format: 'esm',
  define: { PII_SCAN_BUNDLED_LIBRARIES: 'true', PII_SCAN_CODE_DIGEST: codeDigest },
  banner: { js: "import { createRequire as __piiRequire } from 'node:module'; const require = __piiRequire(import.meta.url);" },
});
asciiOnly(join(root, 'dist/cli/api.mjs'));

// The CLI's code cache, made in a process of its own after a scan of the sample messages (a folder,
// findings of most rules, the text report); what else a run needs compiles as usual.
// Its notes (the sample chats name attachments they do not hold) are the scan's, not the build's: shown only if it fails.
const made = spawnSync(process.execPath, ['scripts/code-cache.mjs', 'scan', 'fixtures/corpus', '--jobs', '1', '--no-config', '--no-fail-on-skipped'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (made.status !== 0 && made.status !== 1) {
  process.stderr.write(made.stderr ?? '');
  throw new Error(`making the CLI's code cache failed (exit ${made.status})`);
}
