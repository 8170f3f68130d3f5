/**
 * The ripgrep side of `npm run bench`: the shipped rules' own patterns as one ASCII regex that
 * ripgrep can run, so both tools look for the same candidate shapes. Look-arounds and anchors are
 * dropped (ripgrep's default engine has none), a back-reference repeats its group's pattern, and
 * characters outside ASCII and line breaks are left out; no validation, no context.
 */
import { parseRegex } from '../dist/engine/regex-ast.js';
import { loadBuiltinRules } from '../dist/config/load.js';

const hex = (c) => `\\x${c.toString(16).padStart(2, '0')}`;

function charClass(set) {
  const members = [];
  // ripgrep matches line by line and refuses a pattern that names a line break: a match across
  // lines is one it would never report anyway.
  for (let c = 0; c < 128; c++) if (set.ascii[c] && c !== 0x0a) members.push(c);
  if (members.length === 0) return undefined;
  const parts = [];
  for (let i = 0; i < members.length; ) {
    let j = i;
    while (j + 1 < members.length && members[j + 1] === members[j] + 1) j++;
    parts.push(j > i ? `${hex(members[i])}-${hex(members[j])}` : hex(members[i]));
    i = j + 1;
  }
  return `[${parts.join('')}]`;
}

function print(node, groups) {
  switch (node.type) {
    case 'char':
      return charClass(node.set) ?? '';
    case 'seq':
      return node.items.map((n) => print(n, groups)).join('');
    case 'alt':
      return `(?:${node.options.map((n) => print(n, groups)).join('|')})`;
    case 'repeat': {
      const inner = print(node.node, groups);
      if (inner === '') return '';
      const max = node.max === Infinity ? '' : String(node.max);
      return `(?:${inner}){${node.min},${max}}`;
    }
    case 'group':
      if (node.capture !== undefined) groups.set(node.capture, node.node);
      return `(?:${print(node.node, groups)})`;
    case 'backref': {
      const g = node.group === undefined ? undefined : groups.get(node.group);
      return g ? `(?:${print(g, groups)})` : '';
    }
    default:
      return ''; // look-arounds, anchors, word boundaries
  }
}

/** The union of the shipped rules' patterns, less the rules named in `without` (ids). */
export async function ripgrepUnion(without = []) {
  const defs = (await loadBuiltinRules()).filter((d) => !without.includes(d.id));
  return defs
    .flatMap((d) => d.patterns)
    .map((p) => print(parseRegex(p.regex, p.ignoreCase), new Map()))
    .filter(Boolean)
    .join('|');
}
