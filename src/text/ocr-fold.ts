/**
 * OCR's look-alikes folded back: in a run of characters that is mostly digits (an identifier as
 * OCR misread it: `412-55-719O`), letters OCR takes for digits are read as those digits (O→0,
 * l/I/|→1, S→5, B→8, Z→2) and dashes it takes for other strokes (–, —, −, _, ~) as `-`. Each
 * substitution is one UTF-16 unit for one, so offsets into the folded text are offsets into the
 * original: a finding in the folded copy is reported with the text as it was read.
 * Words (SSN, DOB, Inspector) have too few digits to be touched.
 */

const DIGIT_FOR: Readonly<Record<string, string>> = { O: '0', o: '0', Q: '0', l: '1', I: '1', '|': '1', S: '5', s: '5', B: '8', Z: '2', z: '2' };
const DASHES = /[\u2010-\u2015\u2212_~]/;

/** A run of letters, digits, bars, dash-likes and the separators of dates: a candidate identifier. */
const RUN = /[0-9A-Za-z|\u2010-\u2015\u2212_~./-]+/g;

/** The text with look-alikes folded, the same length; the text itself when nothing folds. */
export function foldOcrLookAlikes(text: string): string {
  let out: string[] | undefined;
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    const digits = run.replace(/[^0-9]/g, '').length;
    const letters = run.replace(/[^A-Za-z|]/g, '').length;
    // Mostly digits: an identifier with a letter or two misread (a word with a digit in it is left).
    if (digits < 3 || letters > digits / 3) continue;
    for (let i = 0; i < run.length; i++) {
      const c = run[i]!;
      const to = DIGIT_FOR[c] ?? (DASHES.test(c) ? '-' : undefined);
      if (to === undefined) continue;
      out ??= text.split(''); // UTF-16 units, as the offsets count
      out[m.index + i] = to;
    }
  }
  return out ? out.join('') : text;
}
