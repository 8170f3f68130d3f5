/**
 * docs/rules.md is what scripts/docs-rules.mjs writes from rules/: a change to a rule (a pattern,
 * a context word, an example, an entity's name) fails here until the page is regenerated
 * (`npm run docs:rules`) and committed with it.
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { ROOT } from '../cli/helpers.js';
// @ts-expect-error plain ESM script, no declarations
import { PAGE, renderRulesPage } from '../../scripts/docs-rules.mjs';

const defs = (await loadRuleDefs([BUILTIN_RULES_DIR])).map((d) => ({ ...d, source: { ...d.source, file: basename(d.source.file) } }));
const render = renderRulesPage as (d: typeof defs) => string;

it('the committed rules reference is the one rules/ makes (npm run docs:rules)', () => {
  expect(readFileSync(join(ROOT, PAGE as string), 'utf8')).toBe(render(defs));
});

it('shows every rule with its entity, severity, patterns and example values', () => {
  const page = render(defs);
  for (const d of defs) {
    expect(page).toContain(`## ${d.entity}: `);
    expect(page).toContain(`- id: \`${d.id}\``);
    for (const p of d.patterns) expect(page).toContain(p.regex.replace(/\n/g, '\\n'));
    for (const e of d.examples.match) if (e.value !== undefined) expect(page).toContain(e.value.replace(/\n/g, '\\n'));
  }
});

it('a changed rule makes another page', () => {
  const changed = defs.map((d, i) => (i === 0 ? { ...d, severity: d.severity === 'low' ? ('high' as const) : ('low' as const) } : d));
  expect(render(changed)).not.toBe(render(defs));
});
