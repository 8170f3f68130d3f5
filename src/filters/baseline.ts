/**
 * A baseline: the findings a project already knows about, so a scan reports only new ones.
 *
 * Each entry is a rule id, a path (relative to the baseline file, '/'-separated) and an
 * HMAC-SHA256 of the rule, the path and the normalised value, keyed with a random salt stored in
 * the file. The value itself is never written, nor an unkeyed hash of it. The salt stops
 * precomputed tables and makes equal values in different files look unrelated; it does NOT stop a
 * holder of the file from testing guesses (there are only a billion nine-digit numbers), so the
 * file is metadata to keep where the scanned data may be seen.
 *
 * Matching counts: a file with an entry's value twice has two entries (occurrence 1 and 2), and a
 * third copy is new. Lines and columns are not recorded, so a value that moves stays known.
 */
import type { StaleEntry } from '../model/scan.js';
import { jsonSyntaxError } from '../documents/json.js';
import { createHmac, randomBytes } from 'node:crypto';
import { normalizeValue } from '../model/rule.js';
import type { Finding } from '../model/finding.js';
import { compareText } from '../text/compare.js';

export const BASELINE_VERSION = 1;
const SALT_BYTES = 32;
const MIN_SALT_BYTES = 16;
const HASH_DOMAIN = 'pii-scan-baseline/v1';

export interface BaselineEntry {
  /** Relative to the baseline file's folder, '/'-separated. */
  path: string;
  ruleId: string;
  entity: string;
  /** HMAC-SHA256(salt, rule, path, normalised value), hex. */
  hash: string;
  /** 1 for the first finding with this hash in the file, 2 for the second, … */
  occurrence: number;
}

export interface Baseline {
  salt: Buffer;
  entries: BaselineEntry[];
}

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

export function valueHash(salt: Buffer, ruleId: string, path: string, value: string): string {
  return createHmac('sha256', salt).update(`${HASH_DOMAIN}\0${ruleId}\0${path}\0${normalizeValue(value)}`).digest('hex');
}

/** Builds entries from findings, numbering repeats of a value within a file. */
export class BaselineBuilder {
  private readonly entries: BaselineEntry[] = [];
  private readonly seen = new Map<string, number>();

  constructor(readonly salt: Buffer) {}

  add(path: string, f: Finding): void {
    const hash = valueHash(this.salt, f.ruleId, path, f.value);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    this.entries.push({ path, ruleId: f.ruleId, entity: f.entity, hash, occurrence });
  }

  build(): Baseline {
    const sorted = [...this.entries].sort(
      (a, b) => compareText(a.path, b.path) || compareText(a.ruleId, b.ruleId) || compareText(a.hash, b.hash) || a.occurrence - b.occurrence,
    );
    return { salt: this.salt, entries: sorted };
  }
}


/** One entry per line, so a baseline under version control diffs entry by entry. */
export function serializeBaseline(b: Baseline): string {
  const head = {
    version: BASELINE_VERSION,
    tool: 'pii-scan',
    about:
      'Findings `pii-scan scan --baseline` does not report. No value is stored: each hash is an HMAC-SHA256 of rule, path and value keyed with the salt, ' +
      'which anyone holding this file can still use to test guessed values. Keep it only where the scanned files may be seen.',
    hash: 'hmac-sha256',
    salt: b.salt.toString('base64'),
  };
  const lines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const entries = b.entries.map((e) => `    ${JSON.stringify({ path: e.path, ruleId: e.ruleId, entity: e.entity, hash: e.hash, occurrence: e.occurrence })}`);
  return `{\n${lines.join('\n')}\n  "entries": [${entries.length > 0 ? `\n${entries.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** Parse and check a baseline file; throws an Error whose message names the problem. */
export function parseBaseline(text: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text; this says only where.
    throw new Error(`not valid JSON: ${jsonSyntaxError(text)}`);
  }
  if (!isObject(doc)) throw new Error('expected a JSON object');
  if (doc['version'] !== BASELINE_VERSION) throw new Error(`version: unsupported (expected ${BASELINE_VERSION})`);
  if (doc['hash'] !== 'hmac-sha256') throw new Error('hash: unsupported (expected "hmac-sha256")');
  const saltText = doc['salt'];
  const salt = typeof saltText === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(saltText) ? Buffer.from(saltText, 'base64') : undefined;
  if (!salt || salt.length < MIN_SALT_BYTES) throw new Error(`salt: expected at least ${MIN_SALT_BYTES} random bytes in base64`);
  const list = doc['entries'];
  if (!Array.isArray(list)) throw new Error('entries: expected a list');
  const entries: BaselineEntry[] = [];
  const keys = new Set<string>();
  list.forEach((e: unknown, i) => {
    const where = `entries[${i}]`;
    if (!isObject(e)) throw new Error(`${where}: expected an object`);
    const str = (k: string): string => {
      const v = e[k];
      if (typeof v !== 'string' || v === '') throw new Error(`${where}.${k}: expected text`);
      return v;
    };
    const entry = { path: str('path'), ruleId: str('ruleId'), entity: str('entity'), hash: str('hash'), occurrence: e['occurrence'] };
    if (!/^[0-9a-f]{64}$/.test(entry.hash)) throw new Error(`${where}.hash: expected 64 hex digits`);
    if (typeof entry.occurrence !== 'number' || !Number.isInteger(entry.occurrence) || entry.occurrence < 1) {
      throw new Error(`${where}.occurrence: expected a whole number from 1`);
    }
    const key = `${entry.hash}#${entry.occurrence}`;
    if (keys.has(key)) throw new Error(`${where}: listed twice`);
    keys.add(key);
    entries.push(entry as BaselineEntry);
  });
  return { salt, entries };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Answers, finding by finding, whether the baseline already knows it; remembers what matched. */
export class BaselineMatcher {
  /** Entries by hash, with how many occurrences were found so far. */
  private readonly known = new Map<string, { entries: BaselineEntry[]; found: number }>();
  private readonly paths = new Set<string>();
  private readonly readFiles = new Set<string>();

  constructor(private readonly baseline: Baseline) {
    for (const e of baseline.entries) {
      const k = this.known.get(e.hash);
      if (k) k.entries.push(e);
      else this.known.set(e.hash, { entries: [e], found: 0 });
      this.paths.add(e.path);
    }
  }

  get size(): number {
    return this.baseline.entries.length;
  }

  /** The baseline as seen from one file (by its path relative to the baseline file). */
  file(path: string): FileBaseline | undefined {
    if (!this.paths.has(path)) return undefined;
    return {
      hashOf: (f) => valueHash(this.baseline.salt, f.ruleId, path, f.value),
      take: (hash) => {
        const k = this.known.get(hash);
        if (!k || k.found >= k.entries.length) return false;
        k.found++;
        return true;
      },
      knows: (hash) => this.known.has(hash),
    };
  }

  /** Note that a file was read to the end: its unmatched entries are stale. */
  markScanned(path: string): void {
    this.readFiles.add(path);
  }

  /** Entries not matched in files that were scanned, or whose file no longer exists. */
  stale(exists: (path: string) => boolean): StaleEntry[] {
    const out = new Map<string, StaleEntry>();
    for (const { entries, found } of this.known.values()) {
      const first = entries[0]!;
      const missing = entries.length - found;
      if (missing <= 0) continue;
      if (!this.readFiles.has(first.path) && exists(first.path)) continue;
      const key = `${first.path}\0${first.ruleId}`;
      const s = out.get(key);
      if (s) s.count += missing;
      else out.set(key, { path: first.path, ruleId: first.ruleId, entity: first.entity, count: missing });
    }
    return [...out.values()].sort((a, b) => compareText(a.path, b.path) || compareText(a.ruleId, b.ruleId));
  }
}

/** The baseline as seen from one file. */
export interface FileBaseline {
  hashOf(f: Finding): string;
  /** True (and counted) when the baseline still has an unmatched occurrence of this hash. */
  take(hash: string): boolean;
  /** Whether the baseline lists this hash at all. */
  knows(hash: string): boolean;
}
