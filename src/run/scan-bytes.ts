/**
 * A scan of contents held in memory (a draft and attachments sent to `pii-scan serve`): each is
 * read exactly as a file of that name is read by `scan` (documents by their bytes, CSV/JSON/HTML by
 * their name), through the same per-input scan, threshold and allow-list. Nothing touches the disk.
 */
import type { Diagnostic, ScanReport } from '../model/scan.js';
import { allowSet } from '../filters/filters.js';
import type { Limits } from '../documents/types.js';
import { collectInput, type ScanContext } from './scan-input.js';
import type { ProjectConfig } from '../config/config-file.js';
import type { RuleDef } from '../model/rule.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { ScanSettings } from '../model/finding.js';
import type { WatchList } from '../filters/watchlist.js';

export interface NamedContent {
  /** Shown as the input's path (an attachment's file name; `message` for a draft's text). */
  name: string;
  bytes: Uint8Array;
}

/** What a scan needs of the loaded configuration and rules (the CLI's LoadedRules is one). */
export interface LoadedScan {
  config: Pick<ProjectConfig, 'allow'>;
  defs: RuleDef[];
  ruleSet: RuleSet;
  settings: ScanSettings;
  minConfidence: number;
  watchlist?: WatchList;
}

export async function scanContents(loaded: LoadedScan, contents: readonly NamedContent[], documentLimits?: Limits): Promise<ScanReport> {
  const ctx: ScanContext = {
    ruleSet: loaded.ruleSet,
    settings: loaded.settings,
    minConfidence: loaded.minConfidence,
    allow: allowSet(loaded.config.allow),
    structured: 'all',
    // Content sent to be checked is never trusted to switch its own checks off.
    inlineAllow: false,
    ...(documentLimits ? { documentLimits } : {}),
    ...(loaded.watchlist ? { watchlist: loaded.watchlist } : {}),
  };
  const report: ScanReport = {
    findings: [],
    diagnostics: [],
    defs: loaded.defs,
    stats: { filesScanned: 0, bytesScanned: 0, belowThreshold: 0, allowListed: 0, suppressed: 0, baselined: 0, unchangedLines: 0 },
  };
  const diagnostics: Diagnostic[] = report.diagnostics;
  for (const { name, bytes } of contents) {
    // Read as a file of this name; its bytes come from memory, so the path is never opened.
    const result = await collectInput({ kind: 'file', path: name, display: name }, [bytes], ctx);
    if (result.status === 'error') {
      diagnostics.push({ path: name, level: 'error', message: result.message });
      continue;
    }
    if (result.status === 'binary') {
      diagnostics.push({ path: name, level: 'skipped', message: result.reason, notScanned: true });
      continue;
    }
    for (const note of result.notes ?? []) diagnostics.push({ path: name, level: 'skipped', message: note, notScanned: true });
    for (const f of result.findings) report.findings.push({ path: name, ...f });
    report.stats.filesScanned++;
    report.stats.bytesScanned += result.bytes;
    report.stats.belowThreshold += result.belowThreshold;
    report.stats.allowListed += result.allowListed;
    report.stats.suppressed += result.suppressed;
  }
  return report;
}
