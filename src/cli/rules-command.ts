/** `pii-scan rules list` and `pii-scan rules test [PATH]`. */
import { Option, type Command } from 'commander';
import { relative, resolve } from 'node:path';
import { loadRuleDefs } from '../config/load.js';
import { testRuleExamples } from '../engine/rule-examples.js';
import { VALIDATORS } from '../engine/validators/index.js';
import type { OptionSpec } from '../model/finding.js';
import { EXIT } from './exit-codes.js';
import type { Io } from './io.js';
import { addRuleOptions, loadRuleOptions, type RuleOptions } from './shared-options.js';

export function registerRules(program: Command, io: Io): void {
  const rules = program.command('rules').description('list the loaded rules or run their examples');

  const list = rules
    .command('list')
    .description('list loaded rules: id, entity, severity, source file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--validators', 'list the validators rules can name instead, with their options');
  addRuleOptions(list).action(async (flags: RuleOptions & { format: string; validators?: boolean }) => {
    if (flags.validators) {
      io.stdout(flags.format === 'json' ? `${JSON.stringify(validatorRows(), null, 2)}\n` : validatorsText());
      return;
    }
    const { defs } = await loadRuleOptions(flags, io);
    if (flags.format === 'json') {
      const rows = defs.map((d) => ({ id: d.id, entity: d.entity, severity: d.severity, name: d.name, source: `${d.source.file}:${d.source.line}` }));
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    const width = (k: (d: (typeof defs)[number]) => string) => Math.max(...defs.map((d) => k(d).length), 4);
    const [wi, we] = [width((d) => d.id), width((d) => d.entity)];
    io.stdout(`${'ID'.padEnd(wi)}  ${'ENTITY'.padEnd(we)}  SEVERITY  SOURCE\n`);
    for (const d of defs) {
      io.stdout(`${d.id.padEnd(wi)}  ${d.entity.padEnd(we)}  ${d.severity.padEnd(8)}  ${shortPath(d.source.file, io.cwd)}:${d.source.line}\n`);
    }
  });

  const test = rules
    .command('test')
    .description("run each rule's match/nomatch examples; exit 1 on any failure")
    .argument('[path]', 'rule file or folder to test (default: all loaded rules)');
  addRuleOptions(test).action(async (path: string | undefined, flags: RuleOptions) => {
    const loaded = await loadRuleOptions(flags, io);
    const defs = path === undefined ? loaded.defs : await loadRuleDefs([resolve(io.cwd, path)], loaded.defs);
    let examples = 0;
    let failed = 0;
    for (const def of defs) {
      examples += def.examples.match.length + def.examples.nomatch.length;
      for (const f of testRuleExamples(def, loaded.settings, loaded.minConfidence)) {
        failed++;
        io.stdout(`FAIL ${def.id} (${shortPath(def.source.file, io.cwd)}:${def.source.line}) ${f.kind}[${f.index}] ${JSON.stringify(f.text)}: ${f.problem}\n`);
      }
    }
    io.stdout(`${defs.length} rules, ${examples} examples: ${examples - failed} passed, ${failed} failed\n`);
    io.exitCode = failed > 0 ? EXIT.findings : EXIT.clean;
  });
}

const validatorRows = () => [...VALIDATORS.values()].map((v) => ({ name: v.name, description: v.description, options: v.schema ?? {} }));

/** What an option takes, in a few words: `text (required; one of luhn, mod97)`. */
function optionKind(spec: OptionSpec): string {
  const kind = { string: 'text', number: 'a number', boolean: 'true or false', 'string-list': 'a list of text', regex: 'a regex' }[spec.type];
  const notes = [...(spec.required ? ['required'] : []), ...(spec.oneOf ? [`one of ${spec.oneOf.join(', ')}`] : []), ...(spec.hint ? [spec.hint] : [])];
  return notes.length > 0 ? `${kind} (${notes.join('; ')})` : kind;
}

/** Each validator and its description, then its options indented under it. */
function validatorsText(): string {
  const rows = validatorRows();
  const width = Math.max(...rows.map((r) => r.name.length), 9);
  let out = `${'VALIDATOR'.padEnd(width)}  DESCRIPTION\n`;
  for (const r of rows) {
    out += `${r.name.padEnd(width)}  ${r.description}\n`;
    for (const [key, spec] of Object.entries(r.options)) out += `${''.padEnd(width)}    ${key}: ${optionKind(spec)}: ${spec.description}\n`;
  }
  return out;
}

function shortPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}
