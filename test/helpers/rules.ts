/** Shared test helpers: the shipped rule set, and scanning bytes in chosen chunk sizes. */
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { compileRules, type RuleSet } from '../../src/engine/ruleset.js';
import { ByteScanner } from '../../src/engine/byte-scanner.js';
import type { Finding, ScanSettings } from '../../src/model/finding.js';
import { sniff } from '../../src/text/decoder.js';
import { scanText } from '../../src/engine/scanner.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/cli/shared-options.js';

export const SETTINGS: ScanSettings = { defaultRegion: 'US' };

let shipped: RuleSet | undefined;
export async function shippedRules(): Promise<RuleSet> {
  shipped ??= compileRules(await loadRuleDefs([BUILTIN_RULES_DIR]));
  return shipped;
}

/**
 * Decode and scan `bytes`, cut into pieces of the given sizes (cycled), like a file read in chunks;
 * `inlineAllow`: as a plain-text source file is scanned (pii-scan:allow honoured).
 */
export function scanBytes(rules: RuleSet, bytes: Uint8Array, sizes: readonly number[] = [bytes.length || 1], inlineAllow = false): Finding[] {
  const s = sniff(bytes);
  if (s.kind !== 'text') throw new Error('binary');
  const scanner = new ByteScanner(rules, s.decoder, SETTINGS, undefined, inlineAllow);
  const out: Finding[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    out.push(...scanner.feed(bytes.subarray(at, at + size), false));
    at += size;
  }
  out.push(...scanner.feed(new Uint8Array(0), true));
  return out;
}

/** The PERSON values the shipped rules report in `text` at the default threshold. */
export async function personNamesIn(): Promise<(text: string) => string[]> {
  const rules = await shippedRules();
  return (text) =>
    scanText(rules, text, SETTINGS)
      .filter((f) => f.entity === 'PERSON' && f.confidence >= DEFAULT_MIN_CONFIDENCE)
      .map((f) => f.value);
}
