/** Options that scan and rules commands share, and turning them into config and rules. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { ProjectConfig } from '../config/config-file.js';
import { loadConfig, loadRules } from '../config/load.js';
import type { RuleDef } from '../model/rule.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { ScanRunOptions } from '../run/run-scan.js';
import { isCi, switchedOff } from '../config/switched-off.js';
import { ConfigError } from '../config/yaml-source.js';
import type { Io } from './io.js';
import { regionSettings, SEVERITIES, severityRank, type ScanSettings, type Severity } from '../model/finding.js';
import { regionListProblem } from '../engine/validators/phone.js';
import { readWatchList } from '../config/watch-file.js';
import { WATCHLIST_KEY_ENV, type WatchList } from '../filters/watchlist.js';

export const DEFAULT_MIN_CONFIDENCE = 0.5;
export const DEFAULT_FAIL_ON: Severity = 'medium';
export const DEFAULT_REGION = 'US';

export interface RuleOptions {
  rules?: string[];
  /** `false` with --no-config. */
  config?: string | false;
  minConfidence?: number;
  region?: string;
  watchlist?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function parseConfidence(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1');
  }
  return n;
}

/** `US` or a list `US,MX,GT`, each code known to libphonenumber-js; returned upper-case, comma-separated. */
export function parseRegion(value: string): string {
  const problem = regionListProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value.toUpperCase().replace(/\s+/g, '');
}

export function addRuleOptions(cmd: Command): Command {
  return cmd
    .option('--rules <path>', 'extra rule file or folder (repeatable)', collect)
    .option('--config <file>', 'use this config file instead of searching for .pii-scan.yaml')
    .option('--no-config', 'ignore .pii-scan.yaml files')
    .option('--min-confidence <n>', `report findings at or above this confidence (default ${DEFAULT_MIN_CONFIDENCE})`, parseConfidence)
    .option('--region <CC,...>', `region(s) for phone numbers without a country code, e.g. US,MX (default ${DEFAULT_REGION})`, parseRegion)
    .option('--watchlist <file>', `report names, numbers and addresses on this watch list (pii-scan watchlist create) as WATCHLIST_MATCH, critical; a keyed list needs ${WATCHLIST_KEY_ENV}`);
}

export function severityOption(flags: string, description: string): Option {
  return new Option(flags, description).choices(SEVERITIES);
}

/** `--fail-on`: a severity, or `never` (report only; errors and inputs not scanned still exit 2). */
export type FailOn = Severity | 'never';

export function failOnOption(): Option {
  return new Option('--fail-on <severity>', `exit 1 when a finding is at or above this severity; never: report only (default ${DEFAULT_FAIL_ON})`).choices([...SEVERITIES, 'never']);
}

/** Whether findings whose worst severity has rank `worst` (-1: none) fail the run. */
export function failsOn(worst: number, failOn: FailOn): boolean {
  return failOn !== 'never' && worst >= severityRank(failOn);
}

export interface LoadedRules {
  config: ProjectConfig;
  defs: RuleDef[];
  ruleSet: RuleSet;
  settings: ScanSettings;
  minConfidence: number;
  watchlist?: WatchList;
}

/**
 * Config first, then every rule file; any problem throws before anything is scanned. A config that
 * leaves nothing to check is a warning on stderr, and an error (exit 2) when CI is set.
 */
export async function loadRuleOptions(opts: RuleOptions, io: Pick<Io, 'cwd' | 'env' | 'stderr'>): Promise<LoadedRules> {
  const { cwd } = io;
  const config = await loadConfig(opts.config, cwd, io.env['HOME'] || undefined);
  const note = (message: string) => io.stderr(`pii-scan: note: ${message}\n`);
  const { defs, ruleSet } = await loadRules({ config, extraRules: (opts.rules ?? []).map((p) => resolve(cwd, p)), note });
  if (config.file !== undefined) {
    for (const off of switchedOff(config, defs)) {
      if (isCi(io.env)) throw new ConfigError(config.file, off.line, off.field, `${off.problem} (an error because CI is set)`);
      io.stderr(`pii-scan: warning: ${new ConfigError(config.file, off.line, off.field, off.problem).message}\n`);
    }
  }
  return {
    config,
    defs,
    ruleSet,
    settings: regionSettings(opts.region ?? config.defaultRegion ?? DEFAULT_REGION),
    minConfidence: opts.minConfidence ?? config.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
    ...(opts.watchlist !== undefined ? { watchlist: readWatchList(resolve(cwd, opts.watchlist), opts.watchlist, io.env[WATCHLIST_KEY_ENV]) } : {}),
  };
}

/** The run options every scanning command shares: the loaded rules and settings, plus its inputs. */
export function scanRunOptions(
  loaded: LoadedRules,
  rest: Omit<ScanRunOptions, 'config' | 'defs' | 'ruleSet' | 'minConfidence' | 'settings'>,
): ScanRunOptions {
  const { config, defs, ruleSet, minConfidence, settings, watchlist } = loaded;
  return { config, defs, ruleSet, minConfidence, settings, ...(watchlist ? { watchlist } : {}), ...rest };
}
