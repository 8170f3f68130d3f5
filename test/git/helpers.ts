/** Real git repositories in temporary folders, isolated from the user's and the system's git config. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, childEnv, type CliResult } from '../cli/helpers.js';

/**
 * Environment for git and for the hook's pii-scan: no global or system config, a private HOME, and
 * none of the variables git sets for hooks (so the tests also pass when run from inside a hook).
 * Undefined values are left out of a child's environment.
 */
export function gitEnv(home: string): Record<string, string | undefined> {
  return {
    GIT_DIR: undefined,
    GIT_WORK_TREE: undefined,
    GIT_INDEX_FILE: undefined,
    GIT_COMMON_DIR: undefined,
    GIT_OBJECT_DIRECTORY: undefined,
    GIT_ALTERNATE_OBJECT_DIRECTORIES: undefined,
    GIT_PREFIX: undefined,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, 'gitconfig-global'),
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
  };
}

export interface Repo {
  dir: string;
  env: Record<string, string | undefined>;
  /** Run git; throws with its stderr on failure. */
  git(...args: string[]): string;
  /** Run git and return the result (for commands expected to fail, like a blocked commit). */
  tryGit(...args: string[]): CliResult;
  write(files: Record<string, string | Uint8Array>): void;
  /** Run the built pii-scan in this repository (or a subfolder). */
  cli(argv: string[], opts?: { cwd?: string }): CliResult;
}

/** `git init` with a local identity and no signing; `home` holds the isolated global config. */
export function makeRepo(dir: string, home: string): Repo {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(home, 'gitconfig-global'), '');
  const env = gitEnv(home);
  const tryGitIn = (cwd: string, args: string[]): CliResult => {
    const r = spawnSync('git', args, { cwd, env: { ...childEnv(), ...env }, encoding: 'utf8', timeout: 30_000 });
    if (r.error) throw r.error;
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const repo: Repo = {
    dir,
    env,
    tryGit: (...args) => tryGitIn(dir, args),
    git(...args) {
      const r = tryGitIn(dir, args);
      if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return r.stdout;
    },
    write(files) {
      for (const [rel, content] of Object.entries(files)) {
        const abs = join(dir, rel);
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, content);
      }
    },
    cli(argv, opts = {}) {
      const r = spawnSync(process.execPath, [BIN, ...argv], {
        cwd: opts.cwd ?? dir,
        env: { ...childEnv(), ...env },
        input: '',
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (r.error) throw r.error;
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
  };
  repo.git('init', '-q', '-b', 'main');
  repo.git('config', 'user.name', 'Test User');
  repo.git('config', 'user.email', 'test@example.invalid');
  repo.git('config', 'commit.gpgsign', 'false');
  return repo;
}

/** Stage everything and commit without hooks (setting up history). */
export function commitAll(repo: Repo, message: string): void {
  repo.git('add', '-A');
  repo.git('commit', '-q', '--no-verify', '-m', message);
}

/** Values planted in the tests, as written and as bare digits; no output may contain either. */
export const SSN_A = '536-22-4391';
export const SSN_B = '671-03-2298';
export const SSN_C = '212-44-1234';

export function rawForms(values: readonly string[]): string[] {
  return values.flatMap((v) => [v, v.replace(/[^0-9A-Za-z]/g, '')]);
}
