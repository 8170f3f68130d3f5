/**
 * `npm run test:fast`, for the edit loop: engine, rules, validators, text, reporters and the corpora,
 * on the modules under src/ in this process: nothing spawned (no CLI, git, LibreOffice or browser)
 * and nothing read from dist/, so no build first. `npm test` runs these and everything else.
 */
import { base } from './jest.config.js';

/** What the fast project leaves out of its folders: tests that spawn processes (the CLI, git, the Action) or read dist/. */
const SPAWNING = [
  'test/config/rules-snapshot.test.ts',
  'test/config/saved-files-installed.test.ts',
  'test/corpus/yardstick.test.ts',
  'test/engine/libraries.test.ts',
  'test/engine/prefilter-snapshot.test.ts',
  'test/engine/validators/street-address.test.ts',
  'test/report/action.test.ts',
  'test/report/codequality.test.ts',
  'test/report/html.test.ts',
  'test/report/sarif-git.test.ts',
  'test/report/sarif-resolve.test.ts',
  'test/text/decoder.test.ts',
];

export default {
  ...base,
  roots: ['<rootDir>/test'],
  testMatch: ['engine', 'rules', 'text', 'report', 'corpus', 'config'].map((dir) => `<rootDir>/test/${dir}/**/*.test.ts`),
  testPathIgnorePatterns: SPAWNING.map((f) => `<rootDir>/${f}`),
};

