/**
 * Prints the IBAN rule's patterns (rules/iban-code.yaml) from the registry's country lengths
 * (IBAN_LENGTHS in src/engine/validators/iban-mod97.ts; run after `npm run build`). One pattern per
 * length: a candidate is cut at its country's length, so a token after it ("… 1332 EUR") is never
 * swallowed into a too-long candidate. test/engine/validators/iban-rule.test.ts checks the rule
 * against the table.
 */
import { IBAN_LENGTHS } from '../../dist/engine/validators/iban-mod97.js';

const byLength = new Map();
for (const [cc, len] of IBAN_LENGTHS) byLength.set(len, [...(byLength.get(len) ?? []), cc]);
for (const len of [...byLength.keys()].sort((a, b) => a - b)) {
  const codes = byLength.get(len).sort();
  const bban = len - 4;
  const full = Math.floor(bban / 4);
  const rest = bban % 4;
  // Separator (none, space or dash) fixed by the first group and repeated by \1; the groups are
  // written out, so no quantifier is nested in another. After the last group, a further group of
  // four digits would continue a longer number.
  let re = `(?<![\\w\\-/])(?:${codes.join('|')})\\d{2}([ -]?)[A-Z0-9]{4}`;
  re += '\\1[A-Z0-9]{4}'.repeat(full - 1);
  if (rest > 0) re += `\\1[A-Z0-9]${rest > 1 ? `{${rest}}` : ''}`;
  re += `(?![\\w\\-/]|\\1\\d{4}(?!\\S))`;
  console.log(`  - name: IBAN of ${len} characters\n    regex: '${re}'\n    score: 0.75`);
}
