/**
 * A config that turns every check off — no rule left enabled, or every file excluded — makes a
 * scan say "no findings" about nothing. It is never silent: a warning in any mode, and an error
 * where a gate relies on the result (CI). Pure.
 */
import ignore from 'ignore';
import type { RuleDef } from '../model/rule.js';
import type { ProjectConfig } from './config-file.js';

export interface SwitchedOff {
  line: number;
  field: string;
  problem: string;
}

/** Paths of the shapes a project holds; a config that excludes all of them excludes everything. */
const PROBE_PATHS = ['a', 'a.txt', '.a', 'src/a.ts', 'docs/deep/a.md', 'A/B/C/D/a.json'];

/** What in `config` leaves nothing to check, given the rules it left enabled. */
export function switchedOff(config: ProjectConfig, defs: readonly RuleDef[]): SwitchedOff[] {
  const out: SwitchedOff[] = [];
  if (defs.length === 0) {
    const field = config.disable.length > 0 ? 'disable' : 'builtinRules';
    const why = field === 'disable' ? 'disables every rule loaded' : 'turns the shipped rules off and adds none';
    out.push({ line: config.lines[field] ?? 0, field, problem: `${why}: no rule is enabled, so nothing can be found` });
  }
  if (config.exclude.length > 0) {
    const rules = ignore().add(config.exclude);
    if (PROBE_PATHS.every((p) => rules.ignores(p))) {
      out.push({ line: config.lines['exclude'] ?? 0, field: 'exclude', problem: 'excludes every file, so nothing is scanned' });
    }
  }
  return out;
}

/** Whether the environment says this is a CI run (CI=true, CI=1, …; CI=false or 0 says it is not). */
export function isCi(env: Record<string, string | undefined>): boolean {
  const v = env['CI'];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
