/** Words as one regex alternation in which no branch is a prefix of another (the backtracking check counts overlapping branches). Pure. */

type Node = Map<string, Node | true>;

const escapeChar = (c: string): string => (c === ' ' ? '[ ]' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));

export function trieRegex(words: Iterable<string>): string {
  const root: Node = new Map();
  for (const w of new Set(words)) {
    let n = root;
    for (const ch of w) {
      let next = n.get(ch);
      if (next === undefined || next === true) n.set(ch, (next = new Map()));
      n = next;
    }
    n.set('', true);
  }
  const build = (n: Node): string => {
    const kids = [...n.keys()].filter((k) => k !== '').sort();
    if (kids.length === 0) return '';
    const alts = kids.map((k) => escapeChar(k) + build(n.get(k) as Node));
    const body = alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
    if (!n.has('')) return body;
    return body.length === 1 ? `${body}?` : `(?:${body})?`;
  };
  return build(root);
}
