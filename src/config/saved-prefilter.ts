/** The I/O edge of the prefilter the build saves for the shipped rules (engine/prefilter-snapshot.ts). */
import { readFileSync } from 'node:fs';
import { ASSETS } from '../runtime/assets.js';
import { readSnapshot, type PrefilterParts } from '../engine/prefilter-snapshot.js';

/** Written by the build (scripts/snapshot-rules.mjs): the shipped rules' prefilter, warmed on sample text. */
export const SAVED_PREFILTER = ASSETS.savedPrefilter;

/** The build's prefilter, if there is one (compileRules uses it only for the patterns it was made for). */
export function savedPrefilter(): PrefilterParts | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(SAVED_PREFILTER);
  } catch {
    return undefined; // not built (under jest): built as usual
  }
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  return readSnapshot(new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2));
}
