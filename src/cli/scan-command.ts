/** `pii-scan scan [paths...]`: the default command. */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { severityRank, type Severity } from '../engine/types.js';
import { createReporter, FORMATS, type Format } from '../report/format.js';
import { SummaryCounter } from '../report/summary.js';
import { openReportFile, type ReportFile } from '../report/write-report.js';
import { runScan, type ScanOutcome } from '../run/run-scan.js';
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
  const toFile = flags.output !== undefined;
  let file: ReportFile | undefined;
  if (toFile) {
    try {
      file = openReportFile(resolve(io.cwd, flags.output!));
    } catch (e) {
      throw new UsageError(`cannot write report to ${flags.output}: ${describeError((e as NodeJS.ErrnoException).code, e)}`);
    }
  }
  const write = file ? file.write : (s: string) => io.stdout(s);
  const reporter = await createReporter(
    flags.format,
    write,
    { showValues: flags.showValues === true, color: !toFile && useColor(io.stdoutIsTTY, io.env) },
    loaded.defs,
  );
  const counter = new SummaryCounter();
  let outcome;
  try {
    outcome = await runScan(
      {
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
      },
      (f) => {
        counter.add(f);
        reporter.finding(f);
      },
    );
    reporter.end(outcome, counter.summary(outcome));
    file?.commit();
  } catch (e) {
    file?.abort();
    throw e;
  }
  printDiagnostics(outcome.diagnostics, io);
  if (flags.stats) io.stderr(formatStats(outcome, performance.now() - started));
  if (outcome.diagnostics.some((d) => d.level === 'error')) return EXIT.error;
  return counter.worst >= severityRank(flags.failOn ?? loaded.config.failOn ?? DEFAULT_FAIL_ON) ? EXIT.findings : EXIT.clean;
}

/** One line for --stats: throughput and peak memory, as the benchmark reads them. */
function formatStats(report: ScanOutcome, ms: number): string {
  const mb = report.stats.bytesScanned / 1024 / 1024;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  return `pii-scan: stats: ${report.stats.filesScanned} inputs, ${mb.toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s (${(mb / (ms / 1000)).toFixed(1)} MB/s), peak RSS ${rssMb.toFixed(0)} MB\n`;
}
