/**
 * Build step: parse the shipped rules once and store them as JSON beside the compiled code, so
 * a scan of a short draft does not spend its start-up parsing YAML; and save the shipped rules'
 * prefilter. Each file is stamped with the code that made it and the rule files it was made from
 * (src/config/build-stamp.ts): the loader uses it only while both still hold (src/config/load.ts).
 */
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleFile } from '../dist/config/rule-parser.js';
import { RULES_SNAPSHOT, BUILTIN_RULES_DIR, ruleFilesOf } from '../dist/config/load.js';
import { SAVED_PREFILTER } from '../dist/config/saved-prefilter.js';
import { codeVersion, digestOf, frameSaved } from '../dist/config/build-stamp.js';
import { readSnapshot } from '../dist/engine/prefilter-snapshot.js';
import { resolveLabelSets } from '../dist/config/label-sets.js';

// A build stopped half-way leaves no file of an earlier build behind.
for (const file of [RULES_SNAPSHOT, SAVED_PREFILTER]) rmSync(file, { force: true });

const code = codeVersion();
const files = ruleFilesOf(BUILTIN_RULES_DIR);
// Stored as loading resolves them: label sets taken by labelsOf are already in each group's words.
const defs = resolveLabelSets(
  files.flatMap(({ name, bytes }) =>
    parseRuleFile(join(BUILTIN_RULES_DIR, name), bytes.toString('utf8')).map((d) => ({ ...d, source: { ...d.source, file: name } })),
  ),
);
writeFileSync(RULES_SNAPSHOT, frameSaved({ code, inputs: digestOf(files) }, Buffer.from(JSON.stringify(defs), 'utf8')));

// The shipped rules' prefilter (its automaton and character classes): a scan restores it instead
// of working it out in each fresh process (src/engine/prefilter-snapshot.ts). Only the patterns it
// was made for use it.
const { compileRules } = await import('../dist/engine/ruleset.js');
const prefilter = compileRules(defs, { prefilterAfter: 0 }).prefilter;
prefilter.forScanner(1);
const saved = prefilter.snapshot();
const patterns = createHash('sha256').update(readSnapshot(saved).key).digest('hex');
writeFileSync(SAVED_PREFILTER, frameSaved({ code, inputs: patterns }, new Uint8Array(saved.buffer, saved.byteOffset, saved.byteLength)));
