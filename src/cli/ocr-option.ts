/**
 * `--ocr auto|always|never` (and `--no-ocr`, the same as never): whether text in pictures is read
 * by OCR (about a second each). Never notes each picture as not scanned.
 */
import { Option } from 'commander';
import { DEFAULT_LIMITS, OCR_MODES, type Limits, type OcrMode } from '../documents/types.js';

export const OCR_HELP = 'read text in pictures by OCR: auto (pictures on their own, in documents and attachments, PDF pages with little text), always (also the pictures on PDF pages that have text), never (note each picture as not scanned)';
export const NO_OCR_HELP = 'do not read text in pictures by OCR: the same as --ocr never';

/** `--ocr <mode>`, a new Option for each command that takes it (with noOcrOption). */
export const ocrOption = () => new Option('--ocr <mode>', OCR_HELP).choices(OCR_MODES);
export const noOcrOption = () => new Option('--no-ocr', NO_OCR_HELP);

/** The mode the flags ask for (commander's `ocr`: a mode, `false` for --no-ocr, unset for the default). */
export function ocrMode(flags: { ocr?: OcrMode | boolean }): OcrMode {
  if (flags.ocr === false) return 'never';
  return typeof flags.ocr === 'string' ? flags.ocr : 'auto';
}

/** The document limits a run takes for the flags; none for the default. */
export function ocrLimits(flags: { ocr?: OcrMode | boolean }): { documentLimits?: Limits } {
  const mode = ocrMode(flags);
  return mode === 'auto' ? {} : { documentLimits: { ...DEFAULT_LIMITS, ocr: mode } };
}
