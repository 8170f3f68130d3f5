/**
 * The git edge: every call runs `git` with an argument list (never a shell string), reads
 * NUL-separated output where git offers it, and inherits the environment, so inside a hook
 * GIT_INDEX_FILE (a temporary index for `git commit -a` or `git commit PATH`) is honoured.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { LineRange } from './inputs.js';

/** git failed, or is missing; the message is one line for the user. */
export class GitError extends Error {}

export interface GitContext {
  /** Where git runs (pathspecs are relative to it). */
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Run git; resolves with stdout when it exits 0, rejects with its first stderr line otherwise. */
export function git(ctx: GitContext, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    const child = spawn('git', args, { cwd: ctx.cwd, env: gitEnv(ctx.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', (e: NodeJS.ErrnoException) =>
      fail(new GitError(e.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `cannot run git: ${e.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) done(Buffer.concat(out));
      else fail(new GitError(firstLine(err) || `git ${args[0]} exited with ${code}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** Like `git`, but a non-zero exit gives undefined instead of an error. */
export async function gitMaybe(ctx: GitContext, args: readonly string[]): Promise<Buffer | undefined> {
  try {
    return await git(ctx, args);
  } catch (e) {
    if (e instanceof GitError && /not installed|cannot run git/.test(e.message)) throw e;
    return undefined;
  }
}

/** The process environment with the caller's on top (tests pass a few variables; the CLI passes them all). */
export function gitEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...env };
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').replace(/^(fatal|error): /, '').trim();
}

export interface Repo extends GitContext {
  /** The top of the working tree, reached from `cwd` (not canonicalised, so it matches cwd-based paths). */
  root: string;
}

/** The repository around `cwd`, or a GitError saying it is not one. */
export async function findRepo(ctx: GitContext): Promise<Repo> {
  let cdup: Buffer;
  try {
    cdup = await git(ctx, ['rev-parse', '--show-cdup']);
  } catch (e) {
    if (e instanceof GitError && /not a git repository|must be run in a work tree/i.test(e.message)) {
      throw new GitError(`${ctx.cwd} is not inside a git working tree`);
    }
    throw e;
  }
  return { ...ctx, root: resolve(ctx.cwd, cdup.toString('utf8').trim()) };
}

/** One changed file as `git diff-index`/`diff-tree --raw -z` report it. */
export interface RawChange {
  /** A added, M modified, C copied, R renamed, T type changed. */
  status: string;
  /** Mode and object of the new side: 100644/100755 files, 120000 symbolic links, 160000 submodules. */
  mode: string;
  oid: string;
  /** Path of the new side, relative to the top of the repository, '/'-separated. */
  path: string;
}

/** `:old new oldoid newoid STATUS\0path\0[newpath\0]` records. */
export function parseRawZ(out: Buffer): RawChange[] {
  const fields = out.toString('utf8').split('\0');
  const changes: RawChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const head = fields[i]!;
    if (head === '') continue;
    const m = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])(\d*)$/.exec(head);
    if (!m) throw new GitError(`unexpected git output: ${JSON.stringify(head.slice(0, 80))}`);
    const status = m[5]!;
    const twoPaths = status === 'R' || status === 'C';
    const path = fields[i + (twoPaths ? 2 : 1)];
    if (path === undefined) throw new GitError('unexpected end of git output');
    changes.push({ status, mode: m[2]!, oid: m[4]!, path });
    i += twoPaths ? 2 : 1;
  }
  return changes;
}

/** What a patch says about one file: the new side's added lines, or that git saw it as binary. */
export type FileHunks = { binary: false; added: LineRange[] } | { binary: true };

/** Enough of a line to read a `diff --git`, `@@ -a,b +c,d @@` or `Binary files` header. */
const LINE_PREFIX = 256;

/**
 * The added lines of each file in a `-p -U0` patch, in the order git printed the files. Only
 * header lines are read: with -U0 every content line starts with `+`, `-` or `\`, so none can
 * be mistaken for a header. Lines end at LF only (a CR inside a line is content), and only the
 * first bytes of each line are kept, so a large patch is never held whole.
 */
export async function parsePatchHunks(chunks: AsyncIterable<Uint8Array>): Promise<FileHunks[]> {
  const files: FileHunks[] = [];
  for await (const line of linePrefixes(chunks)) {
    if (line.startsWith('diff --git ')) {
      files.push({ binary: false, added: [] });
      continue;
    }
    const current = files[files.length - 1];
    if (!current || current.binary) continue;
    if (line.startsWith('@@ ')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) throw new GitError(`unexpected hunk header in git diff: ${JSON.stringify(line.slice(0, 80))}`);
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count > 0) current.added.push({ start, end: start + count - 1 });
    } else if (line.startsWith('Binary files ')) {
      files[files.length - 1] = { binary: true };
    }
  }
  return files;
}

/** The first LINE_PREFIX bytes of each LF-terminated line, as text. */
async function* linePrefixes(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let prefix: Buffer[] = [];
  let kept = 0;
  for await (const chunk of chunks) {
    let from = 0;
    while (from <= chunk.length) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl === -1 ? chunk.length : nl;
      if (kept < LINE_PREFIX && end > from) {
        const piece = Buffer.from(chunk.subarray(from, Math.min(end, from + LINE_PREFIX - kept)));
        prefix.push(piece);
        kept += piece.length;
      }
      if (nl === -1) break;
      yield Buffer.concat(prefix).toString('utf8');
      prefix = [];
      kept = 0;
      from = nl + 1;
    }
  }
  if (kept > 0) yield Buffer.concat(prefix).toString('utf8');
}

/** Run git and hand its stdout, as it streams, to `consume` (for output too large to buffer). */
export async function gitStream<T>(ctx: GitContext, args: readonly string[], consume: (out: AsyncIterable<Uint8Array>) => Promise<T>): Promise<T> {
  const child = spawn('git', args, { cwd: ctx.cwd, env: gitEnv(ctx.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
  const exited = new Promise<number>((done, fail) => {
    child.on('error', (e: NodeJS.ErrnoException) =>
      fail(new GitError(e.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `cannot run git: ${e.message}`)),
    );
    child.on('close', (code) => done(code ?? -1));
  });
  exited.catch(() => {});
  const result = await consume(child.stdout);
  const code = await exited;
  if (code !== 0) throw new GitError(firstLine(err) || `git ${args[0]} exited with ${code}`);
  return result;
}
