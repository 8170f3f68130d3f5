/**
 * Inputs chosen by git instead of by walking folders:
 *
 * - `--staged`: what the next commit will contain. Added, copied, modified and renamed files are
 *   read from the index (their staged blobs, not the working tree), with the lines the commit adds
 *   or changes taken from `git diff-index --cached -U0`. Deleted files are not scanned.
 * - `--since REF`: files changed on this branch since it left REF (`git diff REF...HEAD`: from
 *   the merge base of REF and HEAD to HEAD, as a pull request shows them), read from the working
 *   tree (which is HEAD in CI).
 *
 * Submodules and symbolic links are skipped with a note, as folder walks skip links; the
 * config's and the command line's excludes apply; binary files are skipped when scanned.
 */
import type { GitScanInfo } from '../model/scan.js';
import type { Diagnostic } from '../model/scan.js';
import { realpathSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { GitBlobReader } from './git-blobs.js';
import { findRepo, git, gitMaybe, gitStream, GitError, parsePatchHunks, parseRawZ, type RawChange, type Repo } from './git.js';
import { describeError, excluder, toPosix, type InputOptions, type ScanInput, type LineRange } from './inputs.js';

export interface GitInputOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Limit to these files or folders (relative to cwd); empty for the whole repository. */
  paths: readonly string[];
  exclude: InputOptions['exclude'];
}

export interface GitInputs {
  inputs: ScanInput[];
  diagnostics: Diagnostic[];
  git: GitScanInfo;
  /** Stop the blob reader (staged scans); call when the scan is over. */
  close(): Promise<void>;
}

const SUBMODULE = '160000';
const SYMLINK = '120000';

/** Diff options that keep git's output the same whatever the user's configuration says. */
const DIFF_OPTS = ['-M', '--diff-filter=ACMR', '--no-ext-diff', '--no-textconv', '--ignore-submodules=none'];

function pathspecArgs(paths: readonly string[]): string[] {
  return paths.length > 0 ? ['--', ...paths] : [];
}

/**
 * The paths inside the repository, as git pathspecs; a path outside it is skipped with a note.
 * `none` when paths were given but none is inside (then nothing is scanned, not everything).
 */
function repoPaths(repo: Repo, opts: GitInputOptions): { pathspecs: string[]; diagnostics: Diagnostic[]; none: boolean } {
  const diagnostics: Diagnostic[] = [];
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const inside = (top: string, p: string) => {
    const rel = relative(top, p);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const pathspecs = opts.paths.filter((p) => {
    const abs = resolve(opts.cwd, p);
    if (inside(repo.root, abs) || inside(real(repo.root), real(abs))) return true;
    diagnostics.push({ path: p, level: 'skipped', message: 'outside the repository' });
    return false;
  });
  return { pathspecs, diagnostics, none: opts.paths.length > 0 && pathspecs.length === 0 };
}

/** `git --literal-pathspecs`: a file named `*.txt` or `:(exclude)x` is just a file name. */
const literal = (args: string[]): string[] => ['--literal-pathspecs', ...args];

export async function stagedInputs(opts: GitInputOptions & { allLines: boolean }): Promise<GitInputs> {
  const repo = await findRepo({ cwd: opts.cwd, env: opts.env });
  const scope = repoPaths(repo, opts);
  const base = await headTree(repo);
  const changes = scope.none
    ? []
    : parseRawZ(await git(repo, literal(['diff-index', '--cached', '-z', '--raw', ...DIFF_OPTS, base, ...pathspecArgs(scope.pathspecs)])));
  // undefined: every line counts (--all-lines, or a file git diffs as binary).
  let hunks: Array<LineRange[] | undefined> = changes.map(() => undefined);
  if (!opts.allLines && changes.length > 0) {
    const files = await gitStream(
      repo,
      literal(['diff-index', '--cached', '-p', '-U0', '--no-color', ...DIFF_OPTS, base, ...pathspecArgs(scope.pathspecs)]),
      parsePatchHunks,
    );
    // Both commands walk the same diff queue, so the patches come in the order of the raw records.
    if (files.length !== changes.length) {
      throw new GitError(`git diff listed ${changes.length} staged files but printed ${files.length} patches`);
    }
    // A file git treats as binary (a NUL byte, or a -diff attribute) has no hunks: every line counts.
    hunks = files.map((f) => (f.binary ? undefined : f.added));
  }
  const blobs = new GitBlobReader(repo);
  const { inputs, diagnostics } = collect(repo, opts, changes, (change, abs, display, i) => {
    const changedLines = hunks[i];
    return { kind: 'git-blob', oid: change.oid, path: abs, display, blobs, ...(changedLines ? { changedLines } : {}) };
  });
  return { inputs, diagnostics: [...scope.diagnostics, ...diagnostics], git: { mode: 'staged', changedLinesOnly: !opts.allLines, files: changes.length }, close: () => blobs.close() };
}

export async function sinceInputs(opts: GitInputOptions & { ref: string }): Promise<GitInputs> {
  const repo = await findRepo({ cwd: opts.cwd, env: opts.env });
  if (opts.ref.startsWith('-') || opts.ref.trim() === '') throw new GitError(`not a revision: '${opts.ref}'`);
  const ref = await gitMaybe(repo, ['rev-parse', '-q', '--verify', `${opts.ref}^{commit}`]);
  if (!ref) throw new GitError(`--since: unknown revision '${opts.ref}' (in CI, fetch it first: actions/checkout with fetch-depth: 0, or git fetch origin ${opts.ref})`);
  const mergeBase = await gitMaybe(repo, ['merge-base', ref.toString('utf8').trim(), 'HEAD']);
  if (!mergeBase) {
    throw new GitError(`--since: '${opts.ref}' and HEAD have no common ancestor (a shallow clone? fetch the full history, e.g. fetch-depth: 0)`);
  }
  const baseOid = mergeBase.toString('utf8').trim();
  const scope = repoPaths(repo, opts);
  const changes = scope.none
    ? []
    : parseRawZ(await git(repo, literal(['diff-tree', '-r', '-z', '--raw', ...DIFF_OPTS, baseOid, 'HEAD', ...pathspecArgs(scope.pathspecs)])));
  const { inputs, diagnostics: notes } = collect(repo, opts, changes, (_change, abs, display) => ({ kind: 'file', path: abs, display }));
  const diagnostics = [...scope.diagnostics, ...notes];
  // Read from the working tree: a file deleted or replaced since HEAD is skipped with a note.
  const kept: ScanInput[] = [];
  for (const input of inputs) {
    if (input.kind !== 'file') continue;
    try {
      const s = await lstat(input.path);
      if (s.isFile()) kept.push(input);
      else if (s.isSymbolicLink()) diagnostics.push({ path: input.display, level: 'skipped', message: 'symbolic link not followed' });
      else diagnostics.push({ path: input.display, level: 'skipped', message: 'not a regular file', notScanned: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') diagnostics.push({ path: input.display, level: 'skipped', message: 'not in the working tree' });
      else diagnostics.push({ path: input.display, level: 'skipped', message: describeError(code, e), notScanned: true });
    }
  }
  return { inputs: kept, diagnostics, git: { mode: 'since', ref: opts.ref, mergeBase: baseOid, files: changes.length }, close: async () => {} };
}

/** The tree HEAD points at, or the empty tree before the first commit. */
async function headTree(repo: Repo): Promise<string> {
  const head = await gitMaybe(repo, ['rev-parse', '-q', '--verify', 'HEAD^{tree}']);
  if (head) return head.toString('utf8').trim();
  return (await git(repo, ['hash-object', '-t', 'tree', '--stdin'], '')).toString('utf8').trim();
}

/** Changes → inputs, in git's (path) order; submodules, links and excluded paths become notes. */
function collect(
  repo: Repo,
  opts: GitInputOptions,
  changes: readonly RawChange[],
  make: (change: RawChange, abs: string, display: string, index: number) => ScanInput,
): { inputs: ScanInput[]; diagnostics: Diagnostic[] } {
  const inputs: ScanInput[] = [];
  const diagnostics: Diagnostic[] = [];
  const isExcluded = excluder(opts.exclude);
  changes.forEach((change, i) => {
    const abs = join(repo.root, ...change.path.split('/'));
    const display = toPosix(relative(opts.cwd, abs)) || change.path;
    if (change.mode === SUBMODULE) diagnostics.push({ path: display, level: 'skipped', message: 'submodule not scanned' });
    else if (change.mode === SYMLINK) diagnostics.push({ path: display, level: 'skipped', message: 'symbolic link not followed' });
    else if (isExcluded(abs)) diagnostics.push({ path: display, level: 'skipped', message: 'excluded by configuration' });
    else inputs.push(make(change, abs, display, i));
  });
  return { inputs, diagnostics };
}
