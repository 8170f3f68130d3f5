/**
 * `npm run docs:rules`: writes docs/rules.md, the reference of the shipped rules, from rules/ (as
 * the rule parser reads them, defaults filled in). `--check` writes nothing and exits 1 when the
 * committed page differs; test/rules/rules-docs.test.ts renders the same page from src/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PAGE = 'docs/rules.md';

/** Inline code that holds any text: a fence longer than any run of backticks inside, newlines shown as \n. */
function code(text) {
  const s = String(text).replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  const longest = Math.max(0, ...Array.from(s.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s.startsWith(' ') || s.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** Text for a table cell or one line: no pipes or newlines that would break it. */
const cell = (text) => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

const anchor = (def) => def.id.toLowerCase().replace(/[^a-z0-9-]/g, '');

function validator(v) {
  const options = Object.entries(v.options ?? {});
  return options.length === 0 ? code(v.name) : `${code(v.name)} (${options.map(([k, value]) => `${k}: ${code(JSON.stringify(value))}`).join(', ')})`;
}

function context(c) {
  const parts = [];
  if (c.words.length > 0) parts.push(`words ${c.words.map(code).join(', ')}`);
  if (c.regex !== undefined) parts.push(`regex ${code(c.regex)}`);
  const boost = c.boost > 0 ? `+${c.boost}` : String(c.boost);
  const how = [`within ${c.window} characters`, c.side === 'both' ? 'either side' : `${c.side} the match`, `confidence ${boost}`];
  if (c.nearest) how.push('only the nearest match');
  if (c.caseSensitive) how.push('case-sensitive');
  return `- ${parts.join('; ')}: ${how.join(', ')}`;
}

function ruleSection(def) {
  const lines = [`<a id="${anchor(def)}"></a>`, '', `## ${def.entity}: ${cell(def.name)}`, ''];
  lines.push(`- id: ${code(def.id)} (rules/${def.source.file})`);
  lines.push(`- severity: ${def.severity}`);
  lines.push(`- masked in reports: ${def.mask === 'none' ? 'no (shown as written)' : def.mask === 'last4' ? 'all but the last four characters' : 'in full'}`);
  if (def.redact !== undefined) lines.push(`- redacted as: ${def.redact}`);
  lines.push('', cell(def.description), '', '### Patterns', '');
  for (const p of def.patterns) lines.push(`- ${cell(p.name)}: score ${p.score}${p.ignoreCase ? ', any case' : ''}`, `  ${code(p.regex)}`);
  lines.push('', '### Validators', '');
  lines.push(def.validators.length === 0 ? 'None: every pattern match is a candidate.' : def.validators.map(validator).join(', '));
  lines.push('', '### Context', '');
  if (def.context.length === 0) lines.push('None.');
  else lines.push(...def.context.map(context));
  if (def.deny.length > 0) lines.push('', '### Deny list', '', `Never reported (compared without separators or case): ${def.deny.map(code).join(', ')}`);
  lines.push('', '### Examples', '', 'Reported (the value it reports):', '');
  for (const e of def.examples.match) lines.push(`- ${code(e.text)}${e.value !== undefined ? ` → ${code(e.value)}` : ''}`);
  lines.push('', 'Not reported:', '');
  for (const e of def.examples.nomatch) lines.push(`- ${code(e.text)}`);
  return lines.join('\n');
}

/** The page for these rule definitions (`source.file` relative to rules/). */
export function renderRulesPage(defs) {
  const sorted = [...defs].sort((a, b) => a.entity.localeCompare(b.entity) || a.id.localeCompare(b.id));
  const head = [
    '# Rules reference',
    '',
    '<!-- Written by `npm run docs:rules` (scripts/docs-rules.mjs) from rules/; test/rules/rules-docs.test.ts fails when it is stale. -->',
    '',
    'The rules pii-scan ships, as `pii-scan rules list` loads them. Each finding names its entity; a',
    "pattern match becomes a finding when the rule's validators accept it and its confidence (the",
    "pattern's score, moved by context words) reaches `--min-confidence`. The example values below are",
    "the synthetic examples in the rule files (`pii-scan rules test` checks them), shown as written.",
    '',
    '| entity | rule | severity | validators | name |',
    '|---|---|---|---|---|',
    ...sorted.map((d) => `| [${d.entity}](#${anchor(d)}) | ${code(d.id)} | ${d.severity} | ${d.validators.map((v) => v.name).join(', ') || '–'} | ${cell(d.name)} |`),
  ];
  return `${[head.join('\n'), ...sorted.map(ruleSection)].join('\n\n')}\n`;
}

async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // As a scan loads them: label sets a rule takes with labelsOf are in its context words.
  const { loadRuleDefs } = await import('../dist/config/load.js');
  const defs = (await loadRuleDefs([join(root, 'rules')])).map((d) => ({ ...d, source: { ...d.source, file: basename(d.source.file) } }));
  const page = renderRulesPage(defs);
  const target = join(root, PAGE);
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {}
    if (committed !== page) {
      process.stdout.write(`${PAGE} is stale: run npm run docs:rules and commit it\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(target, page);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
