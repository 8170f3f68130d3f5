/** Whether a UTF-16 code unit is `\s` as regular expressions define it, without running one for ASCII. */
export function isSpace(c: number): boolean {
  if (c <= 0x7f) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  // Below U+1680 the only space outside ASCII is the NBSP: Latin, Greek and Cyrillic letters need no regex.
  return c < 0x1680 ? c === 0xa0 : WHITE.test(String.fromCharCode(c));
}

const WHITE = /\s/;
