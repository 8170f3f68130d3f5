/**
 * Files the product reads beside its code. The compiled modules (dist/<folder>/) and the bundle
 * (dist/cli/) sit at the same depth, so one relative path serves both; under jest (src/) the
 * build's files are absent and their readers fall back.
 */
import { fileURLToPath } from 'node:url';

const at = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export const ASSETS = {
  /** The shipped rule files. */
  builtinRulesDir: at('../../rules/'),
  /** The shipped rules, parsed by the build (scripts/snapshot-rules.mjs). */
  rulesSnapshot: at('../builtin-rules.json'),
  /** The shipped rules' prefilter, saved by the build. */
  savedPrefilter: at('../builtin-prefilter.bin'),
  /** The command itself, for the git hook it installs. */
  bin: at('../../bin/pii-scan'),
} as const;
