/**
 * Build step: parse the shipped rules once and store them as JSON beside the compiled code, so
 * a scan of a short draft does not spend its start-up parsing YAML. The loader uses the snapshot
 * only while every rule file still holds what it held here (src/config/load.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuleFile } from '../dist/engine/rule-parser.js';
import { ruleFileDigest } from '../dist/config/load.js';
import { resolveLabelSets } from '../dist/config/label-sets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'rules');
const names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort();
const files = names.map((name) => ({ name, digest: ruleFileDigest(readFileSync(join(dir, name))) }));
// Stored as loading resolves them: label sets taken by labelsOf are already in each group's words.
const defs = resolveLabelSets(
  names.flatMap((name) => parseRuleFile(join(dir, name), readFileSync(join(dir, name), 'utf8')).map((d) => ({ ...d, source: { ...d.source, file: name } }))),
);
writeFileSync(join(root, 'dist', 'builtin-rules.json'), JSON.stringify({ files, defs }));

// The shipped rules' prefilter (its automaton and character classes): a scan restores it instead
// of working it out in each fresh process (src/engine/prefilter-snapshot.ts). Only the patterns it
// was made for use it.
const { compileRules } = await import('../dist/engine/ruleset.js');
const prefilter = compileRules(defs, { prefilterAfter: 0 }).prefilter;
prefilter.forScanner(1);
const saved = prefilter.snapshot();
writeFileSync(join(root, 'dist', 'builtin-prefilter.bin'), new Uint8Array(saved.buffer, saved.byteOffset, saved.byteLength));
