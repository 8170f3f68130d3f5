/** `--no-ocr`: pictures are noted as not scanned instead of read by OCR (about a second each). */
import { DEFAULT_LIMITS, type Limits } from '../documents/types.js';

export const NO_OCR_HELP = 'do not read text in pictures (PNG, JPEG, GIF, WebP, BMP) by OCR: note them as not scanned';

/** The document limits a run takes for `--no-ocr` (commander's `ocr: false`); none otherwise. */
export function ocrLimits(flags: { ocr?: boolean }): { documentLimits?: Limits } {
  return flags.ocr === false ? { documentLimits: { ...DEFAULT_LIMITS, ocr: false } } : {};
}
