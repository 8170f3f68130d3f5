/**
 * Temporary files and folders: a file's bytes while it is redacted (a spooled stdin is raw PII),
 * a report while it is written. Each is registered while it exists; Ctrl-C, SIGTERM or SIGHUP
 * removes every one still registered before the process dies of that signal, so an interrupted
 * run leaves nothing behind.
 * The handlers are installed only while something is registered.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  uninstall();
  // Die of the same signal, as the shell expects (exit status 128 + n).
  process.kill(process.pid, signal);
}

function install(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
}

function removeAll(): void {
  for (const path of live) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // nothing more can be done while dying
    }
  }
  live.clear();
}

/** Register a temporary file or folder while it exists. */
export function trackTemp(path: string): void {
  if (live.size === 0) install();
  live.add(path);
}

/** It was renamed into place, or is kept on purpose: no longer removed on a signal. */
export function releaseTemp(path: string): void {
  if (live.delete(path) && live.size === 0) uninstall();
}

/** Remove a registered temporary file or folder (nothing if already gone). */
export async function removeTemp(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true }).catch(() => {});
  releaseTemp(path);
}
