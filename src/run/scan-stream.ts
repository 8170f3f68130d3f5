/**
 * One source's bytes → findings: sniff, decode incrementally, scan. Findings are handed to `emit`
 * as the scanner commits them, so memory is bounded by the chunk size, not by the number found.
 */
import type { RuleSet } from '../engine/ruleset.js';
import { ByteScanner } from '../engine/byte-scanner.js';
import type { Finding, ScanSettings } from '../engine/types.js';
import { sniff, type EncodingLabel } from '../text/decoder.js';

/** Enough bytes to decide text or binary, as git does. */
const SNIFF_BYTES = 8000;

export type StreamResult =
  | { status: 'scanned'; bytes: number; encoding: EncodingLabel }
  | { status: 'binary'; reason: string; bytes: number };

export async function scanStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  rules: RuleSet,
  settings: ScanSettings,
  emit: (f: Finding) => void,
): Promise<StreamResult> {
  let bytes = 0;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let feed: ((chunk: Uint8Array, final: boolean) => void) | undefined;
  let encoding: EncodingLabel = 'utf-8';

  const start = (): StreamResult | undefined => {
    const first = Buffer.concat(head);
    head = [];
    const kind = sniff(first);
    if (kind.kind === 'binary') return { status: 'binary', reason: kind.reason, bytes };
    const scanner = new ByteScanner(rules, kind.decoder, settings);
    encoding = kind.decoder.label;
    feed = (chunk, final) => {
      for (const f of scanner.feed(chunk, final)) emit(f);
    };
    feed(first, false);
    return undefined;
  };

  for await (const chunk of source) {
    bytes += chunk.byteLength;
    if (feed) {
      feed(chunk, false);
      continue;
    }
    head.push(chunk);
    headBytes += chunk.byteLength;
    if (headBytes >= SNIFF_BYTES) {
      const binary = start();
      if (binary) return binary;
    }
  }
  if (!feed) {
    const binary = start();
    if (binary) return binary;
  }
  feed!(new Uint8Array(0), true);
  return { status: 'scanned', bytes, encoding };
}
