/** `pii-scan scan [paths...]`: the default command. */
import type { Diagnostic, ScanOutcome } from '../model/scan.js';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { severityRank } from '../model/finding.js';
import { escapeControls } from '../report/escape.js';
import { FORMATS, type Format } from '../report/format.js';
import { loadBaseline, type LoadedBaseline } from '../run/baseline-file.js';
import { POOL_MIN_BYTES, runScan, type ScanRunOptions } from '../run/run-scan.js';
import { excludeLists } from '../run/scan-input.js';
import { parseShard, ShardError, type Shard } from '../run/shard.js';
import { createProgress, wantProgress } from './progress.js';
import { GitError } from '../sources/git.js';
import { sinceInputs, stagedInputs, type GitInputs } from '../sources/git-inputs.js';
import { displayPath } from '../sources/inputs.js';
import { EXIT, UsageError } from './exit-codes.js';
import { noOcrOption, ocrLimits, ocrOption } from './ocr-option.js';
import type { OcrMode } from '../documents/types.js';
import { addRuleOptions, DEFAULT_FAIL_ON, failOnOption, failsOn, loadRuleOptions, type FailOn, type RuleOptions, scanRunOptions } from './shared-options.js';
import { countedStdin, printDiagnostics, printSkippedCount, stdinOf, type Io } from './io.js';
import { openReportOutput, type ReportOutput } from './report-output.js';
import { summaryLine } from './summary-line.js';
import { freeYoungGeneration, holdYoungGeneration } from './v8-flags.js';

interface ScanFlags extends RuleOptions {
  format: Format;
  output?: string;
  showValues?: boolean;
  failOn?: FailOn;
  quiet?: boolean;
  verbose?: boolean;
  gitignore: boolean;
  followSymlinks?: boolean;
  exclude?: string[];
  stats?: boolean;
  staged?: boolean;
  allLines?: boolean;
  since?: string;
  /** `false` with --no-baseline. */
  baseline?: string | false;
  jobs?: number;
  shard?: string;
  /** Unset unless --fail-on-skipped or --no-fail-on-skipped is given (then the default applies). */
  failOnSkipped?: boolean;
  /** --ocr's mode; `false` with --no-ocr. */
  ocr?: OcrMode | false;
}

export function registerScan(program: Command, io: Io): void {
  const cmd = program
    .command('scan', { isDefault: true })
    .description('scan files, folders, globs or standard input (-) for PII and sensitive markings')
    .argument('[paths...]', 'files, folders or glob patterns; - reads standard input')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--show-values', 'print matched values unmasked (they are masked by default)')
    .addOption(failOnOption())
    .option('-q, --quiet', 'on stderr, only a count of the inputs skipped, not a note for each (errors are still listed)')
    .option('-v, --verbose', 'on stderr, also the summary line and the duration when the report goes to standard output')
    .option('--fail-on-skipped', 'exit 2 when an input or a part of a document was not scanned (binary, unknown encoding); default with --staged and in CI')
    .option('--no-fail-on-skipped', 'only note inputs that were not scanned (the default outside --staged and CI)')
    .option('--follow-symlinks', 'follow symbolic links inside folders (link loops are detected and skipped)')
    .option('--no-gitignore', 'scan files that .gitignore excludes')
    .addOption(ocrOption())
    .addOption(noOcrOption())
    .option('--stats', 'print throughput and peak memory to stderr when done')
    .option('--exclude <glob>', 'skip paths matching this gitignore-style pattern (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--staged', 'scan what the next commit holds: staged files as in the index, lines added or changed only (paths narrow it)')
    .option('--all-lines', 'with --staged, every line of each staged file')
    .option('--since <ref>', 'scan files changed on this branch since it left REF (git diff REF...HEAD), as in the working tree')
    .option('--baseline <file>', 'do not report findings recorded in this baseline (pii-scan baseline create)')
    .option('--no-baseline', 'ignore the baseline set in .pii-scan.yaml')
    .option('--jobs <n>', `threads scanning files (default: available cores, ${availableParallelism()} here, once 64 MB of files are found; 1 scans in this thread)`, parseJobs)
    .option('--shard <K/N|auto>', 'scan only shard K of N (by a hash of each path); auto reads PII_SCAN_SHARD, CI_NODE_INDEX/CI_NODE_TOTAL or JOB_COMPLETION_INDEX');
  addRuleOptions(cmd).action(async (paths: string[], flags: ScanFlags) => {
    io.exitCode = await scan(paths, flags, io);
  });
}

async function scan(paths: string[], flags: ScanFlags, io: Io): Promise<number> {
  const git = flags.staged === true || flags.since !== undefined;
  if (flags.staged && flags.since !== undefined) throw new UsageError('choose one of --staged and --since');
  if (flags.allLines && !flags.staged) throw new UsageError('--all-lines goes with --staged');
  if (flags.quiet && flags.verbose) throw new UsageError('choose one of --quiet and --verbose');
  if (git && paths.includes('-')) throw new UsageError(`${flags.staged ? '--staged' : '--since'} reads files from git, not standard input`);
  let args = paths;
  if (args.length === 0 && !git) {
    if (io.stdinIsTTY) throw new UsageError('nothing to scan: give files, folders or globs, or - to read standard input');
    args = ['-'];
  }
  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    try {
      shard = parseShard(flags.shard, io.env);
    } catch (e) {
      if (e instanceof ShardError) throw new UsageError(e.message);
      throw e;
    }
  }
  const started = performance.now();
  const loaded = await loadRuleOptions(flags, io);
  const baseline = openBaseline(flags, loaded.config.baseline, io.cwd);
  const exclude = excludeLists({ config: loaded.config, cwd: io.cwd, exclude: flags.exclude ?? [] });
  let chosen: GitInputs | undefined;
  try {
    const gitOpts = { cwd: io.cwd, env: io.env, paths, exclude };
    if (flags.staged) chosen = await stagedInputs({ ...gitOpts, allLines: flags.allLines === true });
    else if (flags.since !== undefined) chosen = await sinceInputs({ ...gitOpts, ref: flags.since });
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
  let out: ReportOutput | undefined;
  try {
    out = await openReportOutput(io, { output: flags.output, format: flags.format, showValues: flags.showValues === true, defs: loaded.defs });
    const report = out;
    const progress = createProgress(io, wantProgress(io, report.toFile));
    const flagged = new Set<string>();
    const stdin = countedStdin(stdinOf(io));
    // The hint's example names the entity of the most severe finding.
    let hintEntity = { entity: 'US_SSN', rank: -1 };
    const options: ScanRunOptions = scanRunOptions(loaded, {
      inputs: args,
      cwd: io.cwd,
      gitignore: flags.gitignore,
      followSymlinks: flags.followSymlinks === true,
      exclude: flags.exclude ?? [],
      stdin: stdin.source,
      inlineAllow: true, // plain-text files only: see suppression.ts
      ...(chosen ? { chosen } : {}),
      ...(baseline ? { baseline } : {}),
      ...(shard ? { shard } : {}),
      jobs: flags.jobs ?? availableParallelism(),
      workersAfterBytes: flags.jobs === undefined ? POOL_MIN_BYTES : 0,
      onInput: (bytes) => progress.input(bytes),
      onBytes: (bytes) => {
        progress.reading(bytes);
        holdYoungGeneration(bytes);
      },
      onWorkers: freeYoungGeneration,
      ...ocrLimits(flags),
    });
    const outcome = await runScan(options, (f) => {
      if (severityRank(f.severity) > hintEntity.rank) hintEntity = { entity: f.entity, rank: severityRank(f.severity) };
      if (flagged.size < 1000) flagged.add(f.path);
      report.finding(f);
    });
    progress.end();
    report.finish(outcome);
    if (flags.quiet) printSkippedCount(outcome.diagnostics, io);
    else printDiagnostics(outcome.diagnostics, io);
    const ms = performance.now() - started;
    if (flags.stats) io.stderr(formatStats(outcome, ms));
    if ((report.toFile && !flags.quiet) || flags.verbose) io.stderr(summaryLine(report.counter.summary(outcome), ms, flags.output));
    if (outcome.diagnostics.some((d) => d.level === 'error')) return EXIT.error;
    // A CI step fed nothing (an empty pipe, < /dev/null) must not look like a clean scan.
    const emptyStdin = stdin.read && stdin.bytes === 0;
    if (emptyStdin) io.stderr(`pii-scan: read 0 bytes from standard input: nothing was scanned${failOnSkipped(flags, io.env) ? ` (exit ${EXIT.skipped}: --fail-on-skipped, the default in CI)` : ''}\n`);
    const blocked = failsOn(report.counter.worst, flags.failOn ?? loaded.config.failOn ?? DEFAULT_FAIL_ON);
    if (blocked && flags.staged) io.stderr(stagedHint([...flagged], hintEntity.entity, baseline !== undefined));
    const notScanned = outcome.diagnostics.filter((d) => d.notScanned);
    if (notScanned.length > 0 && failOnSkipped(flags, io.env)) {
      io.stderr(skippedHint(notScanned, flags.staged === true, flags.quiet === true));
      return EXIT.skipped;
    }
    if (emptyStdin && failOnSkipped(flags, io.env)) return EXIT.skipped;
    return blocked ? EXIT.findings : EXIT.clean;
  } finally {
    out?.abort();
    await chosen?.close();
  }
}

/** --fail-on-skipped / --no-fail-on-skipped, else on for the pre-commit hook (--staged) and in CI. */
function failOnSkipped(flags: Pick<ScanFlags, 'failOnSkipped' | 'staged'>, env: Record<string, string | undefined>): boolean {
  return flags.failOnSkipped ?? (flags.staged === true || inCi(env));
}

/** CI=true (GitHub, GitLab, CircleCI, Travis, Buildkite …); CI=false or CI=0 says otherwise. */
function inCi(env: Record<string, string | undefined>): boolean {
  const ci = env['CI']?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** Why the run fails on inputs not scanned, and how to accept them: printed on stderr after their notes. */
function skippedHint(notScanned: readonly Diagnostic[], staged: boolean, quiet: boolean): string {
  const n = notScanned.length;
  const names = [...new Set(notScanned.filter((d) => d.message.startsWith('binary file') || d.message.startsWith('image ')).map((d) => extensionPattern(d.path)).filter((p) => p !== undefined))].slice(0, 3);
  return [
    '',
    `pii-scan: ${n} ${n === 1 ? 'input or part was' : 'inputs or parts were'} not scanned (${quiet ? 'without --quiet they are listed' : 'listed above'}), so the scan cannot say ${n === 1 ? 'it holds' : 'they hold'} no personal data;`,
    `  exit ${EXIT.skipped} (--fail-on-skipped${staged ? ', the default with --staged' : ''}). To go on:`,
    '  look:    an image or export may hold a form or a table: check it yourself',
    `  accept:  files you know hold nothing to find: list them under exclude: in .pii-scan.yaml${names.length > 0 ? ` (e.g. ${names.map((p) => `'${p}'`).join(', ')})` : ''}`,
    '  once:    --no-fail-on-skipped notes them without failing' + (staged ? '; git commit --no-verify skips every pre-commit check' : ''),
    '',
  ].join('\n');
}

/** `*.png` for `img/logo.png`; undefined for a part inside a document or a name without extension. */
function extensionPattern(path: string): string | undefined {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(path);
  return m ? `*.${m[1]!.toLowerCase()}` : undefined;
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected a whole number of threads from 1 to 256');
  return n;
}

/** --baseline FILE, else `baseline:` in the config, unless --no-baseline. */
function openBaseline(flags: ScanFlags, fromConfig: string | undefined, cwd: string): LoadedBaseline | undefined {
  if (flags.baseline === false) return undefined;
  const file = typeof flags.baseline === 'string' ? resolve(cwd, flags.baseline) : fromConfig;
  if (file === undefined) return undefined;
  return loadBaseline(file, displayPath(cwd, file));
}

/** A path as one shell word. */
export function shellQuote(s: string): string {
  return /^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** What to do when a commit is blocked: printed on stderr after the findings. */
function stagedHint(paths: string[], entity: string, usesBaseline: boolean): string {
  const files = escapeControls(paths.slice(0, 5).map(shellQuote).join(' ') + (paths.length > 5 ? ' …' : ''));
  return [
    '',
    'pii-scan: the commit is blocked: the staged changes hold the findings above (values masked). To go on:',
    `  redact:  pii-scan redact --in-place ${files} && git add ${files}`,
    '  allow:   a value that is not sensitive: list it under allow: in .pii-scan.yaml',
    `           one place: a comment on its line or the line before: pii-scan:allow ${entity} -- reason`,
    usesBaseline
      ? '           findings you accept for now: pii-scan baseline create (rewrites the baseline)'
      : '           findings you accept for now: pii-scan baseline create, and baseline: .pii-scan-baseline.json in .pii-scan.yaml',
    '  skip:    git commit --no-verify (skips every pre-commit check, for this commit only)',
    '',
  ].join('\n');
}

/** One line for --stats: throughput and peak memory, as the benchmark reads them. */
function formatStats(report: ScanOutcome, ms: number): string {
  const mb = report.stats.bytesScanned / 1024 / 1024;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  return `pii-scan: stats: ${report.stats.filesScanned} inputs, ${mb.toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s (${(mb / (ms / 1000)).toFixed(1)} MB/s), peak RSS ${rssMb.toFixed(0)} MB; config ${report.config ?? 'none'}\n`;
}
