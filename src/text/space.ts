/** Whether a UTF-16 code unit is `\s` as regular expressions define it, without running one for ASCII. */
export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && WHITE.test(String.fromCharCode(c)));
}

const WHITE = /\s/;
