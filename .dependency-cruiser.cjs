/**
 * The floors of src/ and which floors each may import (`npx depcruise src`; test/architecture/layers.test.ts
 * runs it in `npm test`). A folder imports only what is listed for it, so arrows point one way and no
 * cycle can form between folders; `no-circular` keeps files inside a folder acyclic too.
 * docs/architecture.md says what each floor holds.
 */
const LAYERS = {
  // Plain types: what every floor talks in.
  model: [],
  // Decoding, positions and character classes.
  text: ['model'],
  // Rules compiled and run: the pure core.
  engine: ['model', 'text'],
  // Code loading, code caches, asset paths; provides the engine's libraries.
  runtime: ['model', 'engine'],
  // Atomic file writes and temporary files.
  fs: [],
  // Files, stdin and git.
  sources: ['model', 'text', 'runtime'],
  // Formats: bytes of a document to located text segments.
  documents: ['model', 'text', 'engine', 'runtime', 'sources'],
  // Values and location labels masked for output.
  masking: ['model', 'text', 'engine'],
  // Threshold, allow-lists, baseline, changed lines.
  filters: ['model', 'text', 'engine', 'sources', 'documents'],
  // Config and rule files read and checked.
  config: ['model', 'text', 'engine', 'runtime', 'sources', 'filters'],
  // A whole scan: inputs, streams, workers, shards.
  run: ['model', 'text', 'engine', 'runtime', 'fs', 'sources', 'documents', 'masking', 'filters', 'config'],
  // Sinks and front doors.
  guard: ['model', 'text', 'engine', 'runtime', 'sources', 'documents', 'config'],
  report: ['model', 'text', 'engine', 'runtime', 'fs', 'sources', 'documents', 'masking', 'filters', 'config', 'guard'],
  redact: ['model', 'text', 'engine', 'runtime', 'fs', 'sources', 'documents', 'masking', 'filters', 'config', 'run', 'report'],
  serve: ['model', 'text', 'engine', 'runtime', 'fs', 'sources', 'documents', 'masking', 'filters', 'config', 'run', 'guard', 'report', 'redact'],
  api: ['model', 'text', 'engine', 'runtime', 'fs', 'sources', 'documents', 'masking', 'filters', 'config', 'run', 'guard', 'report', 'redact'],
  // Flags to a run to an exit code.
  cli: ['model', 'text', 'engine', 'runtime', 'fs', 'sources', 'documents', 'masking', 'filters', 'config', 'run', 'guard', 'report', 'redact', 'serve'],
};

const folders = Object.keys(LAYERS);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle of imports: none of its modules can be read or changed alone.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'unknown-folder',
      severity: 'error',
      comment: 'Every module of src/ sits in a folder of LAYERS (.dependency-cruiser.cjs): add a new folder there, with what it may import.',
      from: { path: '^src/', pathNot: `^src/(${folders.join('|')})/` },
      to: {},
    },
    ...folders.map((folder) => ({
      name: `${folder}-imports`,
      severity: 'error',
      comment: `${folder}/ may import only ${LAYERS[folder].join(', ') || 'nothing else in src/'} (.dependency-cruiser.cjs)`,
      from: { path: `^src/${folder}/` },
      to: { path: '^src/', pathNot: `^src/(${[folder, ...LAYERS[folder]].join('|')})/` },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    // Type-only imports count: a type in the wrong floor ties the floors together just the same.
    tsPreCompilationDeps: true,
    // Resolves the '.js' of an import to the '.ts' file, as tsc does.
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
