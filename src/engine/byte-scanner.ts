/**
 * Bytes in, findings out: the decoder chosen by sniffing feeds the streaming
 * scanner. Pure; the caller reads the source and picks the chunk sizes.
 */
import type { TextDecoderStream } from '../text/decoder.js';
import type { RuleSet } from './ruleset.js';
import { FoldingScanner } from './folding-scanner.js';
import type { Finding, ScanSettings } from '../model/finding.js';

export class ByteScanner {
  private scanner: FoldingScanner | undefined;

  constructor(
    private readonly rules: RuleSet,
    private readonly decoder: TextDecoderStream,
    private readonly settings: ScanSettings,
    /** See ScannerOptions.minConfidence. */
    private readonly minConfidence?: number,
    /** See ScannerOptions.inlineAllow: only for a plain-text source file. */
    private readonly inlineAllow = false,
  ) {}

  /** Findings below the threshold, counted instead of returned. */
  get belowThreshold(): number {
    return this.scanner?.belowThreshold ?? 0;
  }

  /** Feed the next bytes; `final` marks the end of the source. */
  feed(bytes: Uint8Array, final: boolean): Finding[] {
    if (this.scanner && !final && this.decoder.asIs?.(bytes)) return this.scanner.pushAscii(bytes);
    const { text, synthetic, ascii } = this.decoder.decode(bytes, final);
    // Created at the first text, when the decoder knows whether a byte-order mark came first.
    if (text.length > 0 || final) {
      this.scanner ??= new FoldingScanner(this.rules, {
        settings: this.settings,
        encoding: this.decoder.encoding,
        initialByte: this.decoder.bomLength,
        ...(this.minConfidence !== undefined ? { minConfidence: this.minConfidence } : {}),
        inlineAllow: this.inlineAllow,
      });
    }
    const out = text.length > 0 ? this.scanner!.push(text, synthetic, ascii) : [];
    if (final) for (const f of this.scanner!.end()) out.push(f); // a spread would be limited by the call stack
    return out;
  }
}
