/** `pii-scan scan [paths...]`: the default command. */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { severityRank, type Severity } from '../engine/types.js';
import { FORMATS, formatReport, type Format } from '../report/format.js';
import { writeReport } from '../report/write-report.js';
import { runScan, type ScanReport } from '../run/run-scan.js';
import { describeError } from '../sources/inputs.js';
import { EXIT, UsageError } from './exit-codes.js';
import { addRuleOptions, DEFAULT_FAIL_ON, loadRuleOptions, severityOption, type RuleOptions } from './shared-options.js';
import { printDiagnostics, useColor, type Io } from './io.js';

interface ScanFlags extends RuleOptions {
  format: Format;
  output?: string;
  showValues?: boolean;
  failOn?: Severity;
  gitignore: boolean;
  exclude?: string[];
  stats?: boolean;
}

export function registerScan(program: Command, io: Io): void {
  const cmd = program
    .command('scan', { isDefault: true })
    .description('scan files, folders, globs or standard input (-) for PII and sensitive markings')
    .argument('[paths...]', 'files, folders or glob patterns; - reads standard input')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--show-values', 'print matched values unmasked (they are masked by default)')
    .addOption(severityOption('--fail-on <severity>', `exit 1 when a finding is at or above this severity (default ${DEFAULT_FAIL_ON})`))
    .option('--no-gitignore', 'scan files that .gitignore excludes')
    .option('--stats', 'print throughput and peak memory to stderr when done')
    .option('--exclude <glob>', 'skip paths matching this gitignore-style pattern (repeatable)', (v: string, p: string[] = []) => [...p, v]);
  addRuleOptions(cmd).action(async (paths: string[], flags: ScanFlags) => {
    io.exitCode = await scan(paths, flags, io);
  });
}

async function scan(paths: string[], flags: ScanFlags, io: Io): Promise<number> {
  let args = paths;
  if (args.length === 0) {
    if (io.stdinIsTTY) throw new UsageError('nothing to scan: give files, folders or globs, or - to read standard input');
    args = ['-'];
  }
  const started = performance.now();
  const loaded = await loadRuleOptions(flags, io.cwd);
  const report = await runScan({
    inputs: args,
    cwd: io.cwd,
    config: loaded.config,
    defs: loaded.defs,
    ruleSet: loaded.ruleSet,
    minConfidence: loaded.minConfidence,
    settings: loaded.settings,
    gitignore: flags.gitignore,
    exclude: flags.exclude ?? [],
    stdin: io.stdin,
  });
  const toFile = flags.output !== undefined;
  const text = await formatReport(flags.format, report, {
    showValues: flags.showValues === true,
    color: !toFile && useColor(io.stdoutIsTTY, io.env),
  });
  if (toFile) {
    const out = resolve(io.cwd, flags.output!);
    await writeReport(out, text).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write report to ${flags.output}: ${describeError(e.code, e)}`);
    });
  } else io.stdout(text);
  printDiagnostics(report.diagnostics, io);
  if (flags.stats) io.stderr(formatStats(report, performance.now() - started));
  return exitCode(report, flags.failOn ?? loaded.config.failOn ?? DEFAULT_FAIL_ON);
}

/** One line for --stats: throughput and peak memory, as the benchmark reads them. */
function formatStats(report: ScanReport, ms: number): string {
  const mb = report.stats.bytesScanned / 1024 / 1024;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  return `pii-scan: stats: ${report.stats.filesScanned} inputs, ${mb.toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s (${(mb / (ms / 1000)).toFixed(1)} MB/s), peak RSS ${rssMb.toFixed(0)} MB\n`;
}

export function exitCode(report: ScanReport, failOn: Severity): number {
  if (report.diagnostics.some((d) => d.level === 'error')) return EXIT.error;
  const bar = severityRank(failOn);
  return report.findings.some((f) => severityRank(f.severity) >= bar) ? EXIT.findings : EXIT.clean;
}
