/** `pii-scan redact [paths...]`: the same findings as `scan`, rewritten in place, to a folder, or to stdout. */
import type { RedactFs } from '../redact/redact-fs.js';
import type { Diagnostic } from '../model/scan.js';
import { Option, type Command } from 'commander';
import { constants, createWriteStream } from 'node:fs';
import { copyFile, lstat, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { REDACT_STYLES, type RedactStyle } from '../model/rule.js';
import type { Finding } from '../model/finding.js';
import { allowSet } from '../filters/filters.js';
import { formatRedactSummary, type RedactedFile } from '../redact/redact-summary.js';
import { replacementChooser, usesHash } from '../redact/choose-style.js';
import { outDirPlacer, type OutDirPlacer } from '../redact/out-dir.js';
import { findingsToRedact, redactInto, realFs, type RedactJob } from '../redact/redact-file.js';
import { fileState, tempBeside, unchangedSince, type FileState } from '../fs/replace-file.js';
import { releaseTemp, removeTemp, trackTemp } from '../fs/temp-files.js';
import { renameIfUnchanged, replaceableFile, writeBackup } from '../redact/safe-replace.js';
import { MIN_KEY_BYTES, pseudonymizer, type Pseudonymizer } from '../redact/styles.js';
import { resolveRunInputs } from '../run/scan-input.js';
import { readUserFile, UserFileError } from '../sources/user-file.js';
import { fileChunks } from '../sources/file-chunks.js';
import { describeError, type Input } from '../sources/inputs.js';
import { EXIT, UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { noOcrOption, ocrLimits, ocrOption } from './ocr-option.js';
import type { OcrMode } from '../documents/types.js';
import { escapeControls } from '../report/escape.js';
import { addRuleOptions, loadRuleOptions, type RuleOptions } from './shared-options.js';

interface RedactFlags extends RuleOptions {
  style?: RedactStyle;
  inPlace?: boolean;
  outDir?: string;
  backup?: string;
  dryRun?: boolean;
  keyFile?: string;
  format: 'text' | 'json';
  gitignore: boolean;
  followSymlinks?: boolean;
  exclude?: string[];
  /** Exit 2 when a part of a copy was not read: unless --no-fail-on-skipped (false), on. */
  failOnSkipped?: boolean;
  ocr?: OcrMode | boolean;
}

export function registerRedact(program: Command, io: Io, fs: RedactFs = realFs): void {
  const cmd = program
    .command('redact')
    .description('rewrite what scan finds: stdin to stdout, a file to stdout, or files in place / into a folder')
    .argument('[paths...]', 'files, folders or glob patterns; - reads standard input')
    .addOption(new Option('--style <style>', 'how values are rewritten (default mask; per entity in config or rule)').choices(REDACT_STYLES))
    .option('--in-place', 'rewrite the files themselves (atomically: a temporary file is renamed over each)')
    .option('--out-dir <dir>', 'write redacted copies into this folder, mirroring relative paths')
    .option('--backup <suffix>', 'with --in-place, keep the original as FILE<suffix>')
    .option('--dry-run', 'show what would change (masked) and write nothing')
    .option('--key-file <file>', 'key for --style hash (or set PII_SCAN_KEY)')
    .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'))
    .option('--follow-symlinks', 'follow symbolic links inside folders (link loops are detected and skipped)')
    .option('--no-gitignore', 'also redact files that .gitignore excludes')
    .option('--exclude <glob>', 'skip paths matching this gitignore-style pattern (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--fail-on-skipped', 'exit 2 when a part of an input was not read (a picture not OCR\'d, a binary entry, a limit hit), so its copy cannot be vouched for (the default)')
    .option('--no-fail-on-skipped', 'only note the parts that were not read; exit 0 when everything read was redacted')
    .addOption(ocrOption())
    .addOption(noOcrOption());
  addRuleOptions(cmd).action(async (paths: string[], flags: RedactFlags) => {
    io.exitCode = await redact(paths, flags, io, fs);
  });
}

async function redact(paths: string[], flags: RedactFlags, io: Io, fs: RedactFs): Promise<number> {
  if (flags.inPlace && flags.outDir !== undefined) throw new UsageError('choose one of --in-place and --out-dir');
  if (flags.backup !== undefined && !flags.inPlace) throw new UsageError('--backup goes with --in-place');
  if (flags.backup !== undefined && !/^[^/\\]+$/.test(flags.backup)) throw new UsageError('--backup takes a suffix such as .orig');
  let args = paths;
  if (args.length === 0) {
    if (io.stdinIsTTY) throw new UsageError('nothing to redact: give files, folders or globs, or - to read standard input');
    args = ['-'];
  }
  const loaded = await loadRuleOptions(flags, io);
  const styleFor = replacementChooser(loaded.defs, loaded.config, flags.style);
  // A hash run without a key is refused before anything is read, rather than use a guessable key.
  const pseudonym = usesHash(loaded.defs, loaded.config, flags.style) ? await loadKey(flags.keyFile, io) : undefined;

  const { inputs, diagnostics } = await resolveRunInputs({
    inputs: args,
    cwd: io.cwd,
    config: loaded.config,
    gitignore: flags.gitignore,
    followSymlinks: flags.followSymlinks === true,
    exclude: flags.exclude ?? [],
  });
  const toStdout = !flags.inPlace && flags.outDir === undefined && !flags.dryRun;
  if (flags.inPlace && inputs.some((i) => i.kind === 'stdin')) throw new UsageError('--in-place cannot rewrite standard input');
  if (toStdout && inputs.length + diagnostics.filter((d) => d.level === 'error').length > 1) {
    throw new UsageError('several inputs: give --in-place or --out-dir (or --dry-run to preview)');
  }
  const job: RedactJob = {
    ctx: { ruleSet: loaded.ruleSet, settings: loaded.settings, minConfidence: loaded.minConfidence, allow: allowSet(loaded.config.allow), structured: 'csv', inlineAllow: true, ...ocrLimits(flags) },
    replacementFor: styleFor,
    fs,
    ...(pseudonym ? { pseudonym } : {}),
  };
  const outDir = flags.outDir !== undefined ? outDirPlacer(resolve(io.cwd, flags.outDir), args, io.cwd) : undefined;
  const files: RedactedFile[] = [];
  for (const input of inputs) {
    try {
      const done = await redactOne(input, { flags, io, job, outDir });
      if (done.status === 'binary') diagnostics.push({ path: input.display, level: 'skipped', message: `${done.reason}; not redacted`, notScanned: true });
      else files.push({ path: input.display, findings: done.findings, changed: done.changed, ...(done.output ? { output: done.output } : {}), ...(done.notes ? { notes: done.notes } : {}) });
      // Parts of a document that were not read: what was read is redacted, but the copy cannot be called safe there.
      if (done.status === 'done') for (const part of done.unread ?? []) diagnostics.push({ path: input.display, level: 'skipped', message: part, notScanned: true });
    } catch (e) {
      diagnostics.push({ path: input.display, level: 'error', message: errorText(e) });
    }
  }
  const summary = formatRedactSummary(flags.format, files, diagnostics, { dryRun: flags.dryRun === true, defs: loaded.defs, styleFor, pseudonym });
  // The summary goes where the redacted text does not.
  if (toStdout) io.stderr(summary);
  else io.stdout(summary);
  printRedactNotes(files, diagnostics, io);
  if (diagnostics.some((d: Diagnostic) => d.level === 'error')) return EXIT.error;
  const unread = diagnostics.filter((d) => d.notScanned).length;
  if (unread > 0 && flags.failOnSkipped !== false) {
    io.stderr(
      `pii-scan: ${unread} ${unread === 1 ? 'input or part was' : 'inputs or parts were'} not read (listed above), so the copies cannot be said to hold no personal data there; ` +
        `exit ${EXIT.skipped}. Check them yourself, or give --no-fail-on-skipped to accept them\n`,
    );
    return EXIT.skipped;
  }
  return EXIT.clean;
}

/**
 * On stderr: what a copy looks like beyond its values (`note:`), what was not read (`not read:`),
 * what was left out on purpose (`skipped:`) and errors. Every message is masked already.
 */
function printRedactNotes(files: readonly RedactedFile[], diagnostics: readonly Diagnostic[], io: Io): void {
  for (const f of files) for (const n of f.notes ?? []) io.stderr(`pii-scan: note: ${escapeControls(`${f.path}: ${n}`)}\n`);
  for (const d of diagnostics) {
    const level = d.level === 'error' ? 'error' : d.notScanned ? 'not read' : 'skipped';
    io.stderr(`pii-scan: ${level}: ${escapeControls(`${d.path}: ${d.message}`)}\n`);
  }
}

interface OneContext {
  flags: RedactFlags;
  io: Io;
  job: RedactJob;
  outDir: OutDirPlacer | undefined;
}

type OneResult = { status: 'binary'; reason: string } | { status: 'done'; findings: Finding[]; changed: boolean; output?: string; notes?: string[]; unread?: string[] };

async function redactOne(input: Input, { flags, io, job, outDir }: OneContext): Promise<OneResult> {
  if (input.kind === 'stdin') {
    // Spooled to a private temporary file: two passes need to read it twice. Removed on a signal too: it is raw input.
    return inPrivateDir(async (dir) => {
      const spool = join(dir, 'stdin');
      await pipeline(io.stdin, createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
      const spooled = { kind: 'file', path: spool, display: '-' } as const;
      return flags.dryRun ? await dryRun(spooled, job) : await toStream(spooled, dir, { flags, io, job, outDir });
    });
  }
  if (flags.inPlace) return inPlace(input, flags.backup, job);
  const before = fileState(input.path, true);
  if (flags.dryRun) return dryRun(input, job);
  if (outDir !== undefined) {
    const placed = outDir.place(input.path);
    if ('error' in placed) throw new Error(placed.error);
    const { dest } = placed;
    await mkdir(dirname(dest), { recursive: true });
    const tmp = tempBeside(dest);
    const r = await redactInto(input.path, input.display, tmp, { mode: before.mode }, job);
    if (r.status === 'binary') return r;
    try {
      if (!r.changed) {
        await copyFile(input.path, tmp, constants.COPYFILE_EXCL);
        trackTemp(tmp);
      }
      if (!unchangedSince(input.path, before, true)) throw new Error('the file changed while it was being redacted; run again');
      // Renamed over whatever is at dest (a link there is replaced, not written through).
      await job.fs.rename(tmp, dest);
      releaseTemp(tmp);
    } catch (e) {
      await removeTemp(tmp);
      throw e;
    }
    return { ...r, output: relative(io.cwd, dest) || dest };
  }
  return inPrivateDir((dir) => toStream(input, dir, { flags, io, job, outDir }, before));
}

/**
 * --in-place: the redacted text goes into a temporary file beside the original, which gets the
 * original's mode and owner and replaces it only if the original is unchanged since it was read.
 * The backup, if asked for, is a new file (an existing name or a link there is refused).
 */
async function inPlace(input: Input & { kind: 'file' }, backupSuffix: string | undefined, job: RedactJob): Promise<OneResult> {
  const before = await replaceableFile(input.path);
  const backup = backupSuffix !== undefined ? input.path + backupSuffix : undefined;
  // Refused before any work, so the file is left as it was.
  if (backup !== undefined && (await exists(backup))) throw new Error(`the backup ${basename(backup)} already exists; not overwritten`);
  const tmp = tempBeside(input.path);
  const r = await redactInto(input.path, input.display, tmp, before, job);
  if (r.status === 'binary' || !r.changed) return r;
  let dropBackup: (() => Promise<void>) | undefined;
  try {
    if (backup !== undefined) dropBackup = await writeBackup(input.path, backup, before, job.fs);
    await renameIfUnchanged(tmp, input.path, before, job.fs);
  } catch (e) {
    await removeTemp(tmp);
    await dropBackup?.();
    throw e;
  }
  return r;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** Redact into a private temporary file, then copy it to stdout: nothing unverified is printed. */
async function toStream(input: Input & { kind: 'file' }, dir: string, { io, job }: OneContext, before?: FileState): Promise<OneResult> {
  const out = join(dir, 'redacted');
  const r = await redactInto(input.path, input.display, out, { mode: 0o600 }, job);
  if (r.status === 'binary') return r;
  if (before && !unchangedSince(input.path, before, true)) throw new Error('the file changed while it was being redacted; run again');
  for (const chunk of fileChunks(r.changed ? out : input.path)) io.stdout(chunk);
  return r;
}

async function dryRun(input: Input & { kind: 'file' }, job: RedactJob): Promise<OneResult> {
  // What a redaction would plan, as it plans it (a page is read as scan reads it too).
  const r = await findingsToRedact(input.path, input.display, job);
  if (r.status === 'binary') return r;
  return { status: 'done', findings: r.findings, changed: r.findings.length > 0, ...(r.notes && r.notes.length > 0 ? { unread: r.notes } : {}) };
}

/** A private folder (0700) for the run's temporary files, removed afterwards and on a signal. */
async function inPrivateDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pii-scan-'));
  trackTemp(dir);
  try {
    return await work(dir);
  } finally {
    await removeTemp(dir);
  }
}

async function loadKey(keyFile: string | undefined, io: Io): Promise<Pseudonymizer> {
  let key: Buffer;
  if (keyFile !== undefined) {
    try {
      key = readUserFile(resolve(io.cwd, keyFile), 'key');
    } catch (e) {
      if (!(e instanceof UserFileError)) throw e;
      throw new UsageError(`cannot read key file ${keyFile}: ${e.message}`);
    }
    key = Buffer.from(key.toString('utf8').replace(/\r?\n$/, ''), 'utf8');
  } else if (io.env['PII_SCAN_KEY']) {
    key = Buffer.from(io.env['PII_SCAN_KEY'], 'utf8');
  } else {
    throw new UsageError('--style hash needs a key: --key-file FILE or PII_SCAN_KEY (refusing to use a guessable default)');
  }
  if (key.length < MIN_KEY_BYTES) throw new UsageError(`the hash key must be at least ${MIN_KEY_BYTES} bytes`);
  return pseudonymizer(key);
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `not redacted: ${describeError(err.code, e)}` : `not redacted: ${err.message ?? String(e)}`;
}

