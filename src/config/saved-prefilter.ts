/** The I/O edge of the prefilter the build saves for the shipped rules (engine/prefilter-snapshot.ts). */
import { readFileSync } from 'node:fs';
import { ASSETS } from '../runtime/assets.js';
import { readSnapshot, type PrefilterParts } from '../engine/prefilter-snapshot.js';
import { codeVersion, readSaved } from './build-stamp.js';
import { noteOnce, type Note } from './notes.js';

/** Written by the build (scripts/snapshot-rules.mjs): the shipped rules' prefilter, stamped (build-stamp.ts). */
export const SAVED_PREFILTER = ASSETS.savedPrefilter;

/**
 * The build's prefilter at `path`, if it is whole and this code made it (compileRules uses it only
 * for the patterns it was made for); else undefined, the prefilter is built as usual, and a note
 * says why. Absent (under jest) is no note.
 */
export function savedPrefilter(note: Note = noteOnce, path: string = SAVED_PREFILTER, code?: string): PrefilterParts | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const saved = readSaved(bytes, { code: code ?? codeVersion() });
  let parts: PrefilterParts | undefined;
  if ('body' in saved) {
    const body = saved.body.byteOffset % 4 === 0 && saved.body.length % 4 === 0 ? saved.body : Buffer.from(saved.body);
    parts = body.length % 4 === 0 ? readSnapshot(new Int32Array(body.buffer, body.byteOffset, body.length >> 2)) : undefined;
  }
  if (parts === undefined) note(`${path}: ${'problem' in saved ? saved.problem : 'not a prefilter of this layout'}; the prefilter is built from the rules instead (npm run build writes a new one)`);
  return parts;
}
