/**
 * `pii-scan hook install | uninstall`: the git pre-commit hook.
 *
 * The hook goes where git looks for it (`git rev-parse --git-path hooks`: core.hooksPath when set,
 * relative to the top of the working tree; the common .git/hooks in a linked worktree). A hook that
 * is already there is never overwritten: it is renamed to `pre-commit.pii-scan-chained` and runs
 * first (its failure still blocks the commit), or with --force set aside as
 * `pre-commit.pii-scan-replaced` and not run. Renames keep its bytes and mode, so uninstall puts it
 * back exactly; a hooks folder that install created is removed again when uninstall empties it.
 */
import type { Command } from 'commander';
import { chmod, lstat, mkdir, readFile, readdir, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { ASSETS } from '../runtime/assets.js';
import { findRepo, git, GitError } from '../sources/git.js';
import { displayPath, toPosix } from '../sources/inputs.js';
import { EXIT, UsageError } from './exit-codes.js';
import type { Io } from './io.js';

export const HOOK_MARKER = '# pii-scan-hook v1';
export const CHAINED = 'pre-commit.pii-scan-chained';
export const REPLACED = 'pre-commit.pii-scan-replaced';
const CREATED_MARKER = '# pii-scan-created-folder: ';

/** bin/pii-scan of this installation (from dist/cli/ or, under jest, src/cli/). */
const BIN = ASSETS.bin;

export function registerHook(program: Command, io: Io): void {
  const hook = program.command('hook').description('install or remove the git pre-commit hook that runs `pii-scan scan --staged`');
  hook
    .command('install')
    .description('install the pre-commit hook in this repository (an existing hook is kept and runs first)')
    .option('--force', 'set an existing pre-commit hook aside instead of running it first (uninstall puts it back)')
    .action(async (flags: { force?: boolean }) => {
      io.exitCode = await install(io, flags.force === true);
    });
  hook
    .command('uninstall')
    .description('remove the pre-commit hook and put back the hook it replaced or chained')
    .action(async () => {
      io.exitCode = await uninstall(io);
    });
}

interface HookPaths {
  dir: string;
  hook: string;
  chained: string;
  replaced: string;
  /** For messages: relative to the working folder when inside it. */
  show(p: string): string;
}

async function hookPaths(io: Io): Promise<HookPaths> {
  try {
    const repo = await findRepo({ cwd: io.cwd, env: io.env });
    // Run at the top, where git resolves a relative core.hooksPath when it runs hooks.
    const out = await git({ cwd: repo.root, env: io.env }, ['rev-parse', '--git-path', 'hooks']);
    const dir = resolve(repo.root, out.toString('utf8').replace(/\n$/, ''));
    return {
      dir,
      hook: join(dir, 'pre-commit'),
      chained: join(dir, CHAINED),
      replaced: join(dir, REPLACED),
      show: (p) => displayPath(io.cwd, p),
    };
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

/** The hook script: the chained hook first, then this pii-scan (or one on PATH, or npx's). */
export function hookScript(node: string, bin: string, createdFolder?: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    `${HOOK_MARKER}: installed by \`pii-scan hook install\`; \`pii-scan hook uninstall\` removes it`,
    '# and puts back the hook it chained. It scans what is being committed (pii-scan scan --staged).',
    ...(createdFolder !== undefined ? [`${CREATED_MARKER}${JSON.stringify(createdFolder)}`] : []),
    'hook_dir=$(dirname "$0")',
    `if [ -x "$hook_dir/${CHAINED}" ]; then`,
    `  "$hook_dir/${CHAINED}" "$@" || exit $?`,
    'fi',
    `node=${q(node)}`,
    `pii_scan=${q(bin)}`,
    'if [ -x "$node" ] && [ -f "$pii_scan" ]; then',
    '  exec "$node" "$pii_scan" scan --staged',
    'fi',
    'if command -v pii-scan >/dev/null 2>&1; then',
    '  exec pii-scan scan --staged',
    'fi',
    'echo "pii-scan: $pii_scan is gone; trying npx (reinstall with: pii-scan hook install)" >&2',
    'exec npx --no-install pii-scan scan --staged',
    '',
  ].join('\n');
}

async function kind(path: string): Promise<'missing' | 'ours' | 'foreign'> {
  try {
    const s = await lstat(path);
    if (!s.isFile()) return 'foreign';
    return (await readFile(path, 'utf8')).includes(HOOK_MARKER) ? 'ours' : 'foreign';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function writeHook(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o755 });
  await chmod(path, 0o755);
}

async function install(io: Io, force: boolean): Promise<number> {
  const p = await hookPaths(io);
  const out = (s: string) => io.stdout(`${s}\n`);
  const current = await kind(p.hook);
  if (current === 'ours') {
    const text = await readFile(p.hook, 'utf8');
    const script = hookScript(process.execPath, BIN, createdFolder(text));
    if (text === script) {
      out(`pii-scan: the pre-commit hook is already installed: ${p.show(p.hook)}`);
      return EXIT.clean;
    }
    await writeHook(p.hook, script);
    out(`pii-scan: updated the pre-commit hook: ${p.show(p.hook)}`);
    return EXIT.clean;
  }
  let created: string | undefined;
  if (current === 'missing') {
    created = await mkdir(p.dir, { recursive: true });
  } else {
    const aside = force ? p.replaced : p.chained;
    for (const taken of [p.chained, p.replaced]) {
      if (await exists(taken)) {
        throw new UsageError(
          `${p.show(p.hook)} is not pii-scan's hook and ${p.show(taken)} is already there (from an earlier install?); ` +
            'move one of them away, then install again',
        );
      }
    }
    const text = await readFile(p.hook, 'utf8').catch(() => '');
    await rename(p.hook, aside);
    if (force) out(`pii-scan: set your pre-commit hook aside as ${p.show(aside)} (it does not run; pii-scan hook uninstall puts it back)`);
    else out(`pii-scan: kept your pre-commit hook as ${p.show(aside)}: it runs first, and its failure still blocks the commit`);
    if (text.includes('pre-commit.com')) out('  note: that hook is the pre-commit framework\'s; you can list pii-scan in .pre-commit-config.yaml instead (see the README)');
  }
  await writeHook(p.hook, hookScript(process.execPath, BIN, created));
  out(`pii-scan: installed the pre-commit hook: ${p.show(p.hook)}`);
  if (/(^|\/)\.husky(\/|$)/.test(toPosix(p.dir))) {
    out('  note: core.hooksPath points into .husky, which husky rewrites; add `pii-scan scan --staged` to .husky/pre-commit instead (see the README)');
  }
  out('  every commit now runs `pii-scan scan --staged`; `git commit --no-verify` skips it for one commit');
  return EXIT.clean;
}

function createdFolder(script: string): string | undefined {
  const line = script.split('\n').find((l) => l.startsWith(CREATED_MARKER));
  if (!line) return undefined;
  try {
    const v = JSON.parse(line.slice(CREATED_MARKER.length)) as unknown;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

async function uninstall(io: Io): Promise<number> {
  const p = await hookPaths(io);
  const out = (s: string) => io.stdout(`${s}\n`);
  const current = await kind(p.hook);
  const backups = [];
  for (const b of [p.chained, p.replaced]) if (await exists(b)) backups.push(b);
  if (current === 'foreign') {
    if (backups.length === 0) {
      out(`pii-scan: ${p.show(p.hook)} is not pii-scan's hook; left alone`);
      return EXIT.clean;
    }
    io.stderr(
      `pii-scan: ${p.show(p.hook)} is no longer pii-scan's hook (another tool replaced it), so ${backups.map(p.show).join(' and ')} ` +
        'was not put back; move it back yourself if you want it\n',
    );
    return EXIT.error;
  }
  if (backups.length > 1) {
    throw new UsageError(`both ${backups.map(p.show).join(' and ')} exist; move one of them away, then uninstall again`);
  }
  let created: string | undefined;
  if (current === 'ours') {
    created = createdFolder(await readFile(p.hook, 'utf8'));
    await unlink(p.hook);
    out(`pii-scan: removed the pre-commit hook: ${p.show(p.hook)}`);
  } else if (backups.length === 0) {
    out(`pii-scan: no pii-scan hook in ${p.show(p.dir)}`);
    return EXIT.clean;
  }
  const backup = backups[0];
  if (backup !== undefined) {
    await rename(backup, p.hook);
    out(`pii-scan: put your pre-commit hook back: ${p.show(p.hook)}`);
  } else if (created !== undefined) {
    await removeEmptyFolders(p.dir, created);
  }
  return EXIT.clean;
}

/** rmdir `dir` and its parents up to `top` (the first folder install created), while they are empty. */
async function removeEmptyFolders(dir: string, top: string): Promise<void> {
  const rel = relative(top, dir);
  if (rel.startsWith('..') || resolve(top, rel) !== dir) return;
  for (let d = dir; ; d = dirname(d)) {
    if ((await readdir(d).catch(() => ['?'])).length > 0) return;
    await rmdir(d).catch(() => {});
    if (d === top || dirname(d) === d) return;
  }
}
