/**
 * Programs from the system some tests check our output with (poppler, tesseract, LibreOffice,
 * pre-commit). `.ci/run` installs them; elsewhere a test that needs one is skipped and named in a
 * todo, so a run without them says what it did not check.
 */
import { it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

const seen = new Map<string, boolean>();

/** Whether `command` runs here (`command versionArg` exits without a spawn error). */
export function installed(command: string, versionArg = '-v'): boolean {
  let ok = seen.get(command);
  if (ok === undefined) seen.set(command, (ok = !spawnSync(command, [versionArg], { encoding: 'utf8' }).error));
  return ok;
}

/** `it` when every command is installed, else a skipped test and a todo naming what is missing. */
export function itWith(commands: readonly string[], pkg: string): typeof it | typeof it.skip {
  const missing = commands.filter((c) => !installed(c));
  if (missing.length === 0) return it;
  it.todo(`${missing.join(', ')} not installed here (apt-get install ${pkg}): tests that check with it are skipped`);
  return it.skip;
}
