/**
 * `pii-scan baseline create [paths...] [-o FILE]`: record what a scan finds now, so later scans
 * with `--baseline FILE` (or `baseline:` in .pii-scan.yaml) report only new findings.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BaselineBuilder, newSalt } from '../filters/baseline.js';
import { baselinePath, DEFAULT_BASELINE, readBaseline, writeBaseline } from '../run/baseline-file.js';
import { runScan } from '../run/run-scan.js';
import { displayPath } from '../sources/inputs.js';
import { EXIT, UsageError } from './exit-codes.js';
import { printDiagnostics, stdinOf, type Io } from './io.js';
import { addRuleOptions, loadRuleOptions, type RuleOptions, scanRunOptions } from './shared-options.js';
import { compareText } from '../text/compare.js';

interface CreateFlags extends RuleOptions {
  output?: string;
  gitignore: boolean;
  exclude?: string[];
}

export function registerBaseline(program: Command, io: Io): void {
  const baseline = program.command('baseline').description('record known findings so scans report only new ones');
  const create = baseline
    .command('create')
    .description('scan and write every finding (as a salted hash, never the value) to a baseline file')
    .argument('[paths...]', 'files, folders or glob patterns (default: the working folder)')
    .option('-o, --output <file>', `baseline file to write (default: baseline: in .pii-scan.yaml, else ${DEFAULT_BASELINE})`)
    .option('--no-gitignore', 'also record files that .gitignore excludes')
    .option('--exclude <glob>', 'skip paths matching this gitignore-style pattern (repeatable)', (v: string, p: string[] = []) => [...p, v]);
  addRuleOptions(create).action(async (paths: string[], flags: CreateFlags) => {
    io.exitCode = await createBaseline(paths, flags, io);
  });
}

async function createBaseline(paths: string[], flags: CreateFlags, io: Io): Promise<number> {
  if (paths.includes('-')) throw new UsageError('a baseline records files; standard input has no path to record');
  const loaded = await loadRuleOptions(flags, io);
  const file = flags.output !== undefined ? resolve(io.cwd, flags.output) : (loaded.config.baseline ?? resolve(io.cwd, DEFAULT_BASELINE));
  // Keep the salt of the file being replaced, so unchanged entries keep their hashes and the diff stays small.
  const salt = existsSync(file) ? readBaseline(file).salt : newSalt();
  const builder = new BaselineBuilder(salt);
  const byEntity = new Map<string, number>();
  const files = new Set<string>();
  let count = 0;
  const outcome = await runScan(
    scanRunOptions(loaded, {
      inputs: paths.length > 0 ? paths : ['.'],
      cwd: io.cwd,
      gitignore: flags.gitignore,
      exclude: flags.exclude ?? [],
      stdin: stdinOf(io),
      inlineAllow: true,
    }),
    (f) => {
      const path = baselinePath(file, { kind: 'file', path: resolve(io.cwd, f.path), display: f.path });
      if (path === undefined) return;
      builder.add(path, f);
      files.add(path);
      byEntity.set(f.entity, (byEntity.get(f.entity) ?? 0) + 1);
      count++;
    },
  );
  printDiagnostics(outcome.diagnostics, io);
  if (outcome.diagnostics.some((d) => d.level === 'error')) {
    io.stderr('pii-scan: baseline not written: some inputs could not be scanned\n');
    return EXIT.error;
  }
  writeBaseline(file, builder.build());
  const entities = [...byEntity].sort(([a], [b]) => compareText(a, b)).map(([e, n]) => `${e} ${n}`).join(', ');
  io.stdout(
    `pii-scan: wrote ${displayPath(io.cwd, file)}: ${count} ${count === 1 ? 'finding' : 'findings'} in ${files.size} ${files.size === 1 ? 'file' : 'files'}` +
      `${entities ? ` (${entities})` : ''}; values are stored only as salted hashes\n`,
  );
  return EXIT.clean;
}
