/** What every API call starts from: the config and rules, loaded as the CLI loads them. */
import { rulesById } from '../report/reporter.js';
import type { Diagnostic, FileFinding } from '../model/scan.js';
import { resolve } from 'node:path';
import { loadConfig, loadRules } from '../config/load.js';
import type { ProjectConfig } from '../config/config-file.js';
import type { RuleDef } from '../model/rule.js';
import type { RuleSet } from '../engine/ruleset.js';
import { phoneLib } from '../engine/libraries.js';
import { severityRank, type Severity } from '../model/finding.js';
import { jsonFinding } from '../report/json.js';
import type { ScanRunOptions } from '../run/run-scan.js';
import type { Finding, Note, Options } from './types.js';
import { WATCHLIST_KEY_ENV, type WatchList } from '../filters/watchlist.js';
import { readWatchList } from '../config/watch-file.js';

export const DEFAULT_MIN_CONFIDENCE = 0.5;
export const DEFAULT_REGION = 'US';

export interface Loaded {
  cwd: string;
  config: ProjectConfig;
  defs: RuleDef[];
  ruleSet: RuleSet;
  minConfidence: number;
  region: string;
  showValues: boolean;
  watchlist?: WatchList;
}

export async function load(opts: Options): Promise<Loaded> {
  if (opts.region !== undefined && !phoneLib().isSupportedCountry(opts.region.toUpperCase())) throw new TypeError(`unknown region '${opts.region}': expected an ISO 3166 code with a phone numbering plan, such as US or GB`);
  const cwd = resolve(opts.cwd ?? process.cwd());
  const config = await loadConfig(opts.config, cwd);
  const { defs, ruleSet } = await loadRules({ config, extraRules: (opts.rules ?? []).map((p) => resolve(cwd, p)) });
  return {
    cwd,
    config,
    defs,
    ruleSet,
    minConfidence: opts.minConfidence ?? config.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
    region: opts.region?.toUpperCase() ?? config.defaultRegion ?? DEFAULT_REGION,
    showValues: opts.showValues === true,
    ...(opts.watchlist !== undefined ? { watchlist: readWatchList(resolve(cwd, opts.watchlist), opts.watchlist, opts.watchlistKey ?? process.env[WATCHLIST_KEY_ENV]) } : {}),
  };
}

/** The run options of a scan of `inputs` (`-` reads `stdin`). */
export function runOptions(l: Loaded, inputs: string[], stdin: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = []): ScanRunOptions {
  return {
    config: l.config,
    defs: l.defs,
    ruleSet: l.ruleSet,
    minConfidence: l.minConfidence,
    settings: { defaultRegion: l.region },
    inputs,
    cwd: l.cwd,
    gitignore: true,
    exclude: [],
    stdin: toAsync(stdin),
    inlineAllow: true,
    ...(l.watchlist ? { watchlist: l.watchlist } : {}),
  };
}

async function* toAsync(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* source;
}

/** Findings as the JSON report shows them: masked unless asked. */
export function shownFindings(l: Pick<Loaded, 'defs' | 'showValues'>, findings: readonly FileFinding[]): Finding[] {
  const byId = rulesById(l.defs);
  return findings.map((f) => jsonFinding(f, byId, { showValues: l.showValues, color: false }) as Finding);
}

export function notes(diagnostics: readonly Diagnostic[]): Note[] {
  return diagnostics.map((d) => ({ ...d }));
}

export function worst(findings: ReadonlyArray<{ severity: Severity }>): Severity | undefined {
  let top: Severity | undefined;
  for (const f of findings) if (top === undefined || severityRank(f.severity) > severityRank(top)) top = f.severity;
  return top;
}
