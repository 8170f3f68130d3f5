import { NAME_SHAPE, NAME_SHAPE_BASE, NAME_SHAPE_LIMIT, NAME_SHAPE_STEP } from './person-name-shape-table.js';

const ALPHABET = 27;

/**
 * How much a folded word (upper case A-Z, as foldName writes it) looks like a name rather than an
 * English word: the mean log-odds of its letter trigrams (scripts/make-name-shape.mjs learnt them
 * from the name lists against SCOWL). Above 0 it reads as a name ("FARAHANI"), below as a word or a
 * coinage of English parts ("SNAPCHAT"). Hyphenated parts are read each; other characters end a part.
 */
export function nameShape(folded: string): number {
  let sum = 0;
  let count = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) - 64 : 0;
    const letter = c >= 1 && c <= 26;
    // A part ends at any other character: its last trigram closes on the edge.
    if (!letter && b === 0) continue;
    const next = letter ? c : 0;
    sum += (NAME_SHAPE.charCodeAt((a * ALPHABET + b) * ALPHABET + next) - NAME_SHAPE_BASE) * NAME_SHAPE_STEP - NAME_SHAPE_LIMIT;
    count++;
    if (letter) {
      a = b;
      b = next;
    } else a = b = 0;
  }
  return count === 0 ? 0 : sum / count;
}
