/**
 * Watch lists (exact data match): the people whose data must never leave, kept only as salted,
 * slow hashes of their normalised values. A finding whose normalised value hashes to an entry is a
 * WATCHLIST_MATCH. Nothing here reads or writes files; the watch file's text comes in and goes out.
 *
 * Each entry is scrypt(HMAC-SHA256(key, kind ":" normalised), salt): the salt (per file) stops
 * precomputed tables, scrypt makes every guess cost memory and time, and the key — derived from
 * an optional passphrase, never stored — makes guessing impossible without it.
 */
import { createHmac, randomBytes, scryptSync } from 'node:crypto';
import { foldName } from '../engine/validators/person-name.js';
import { STREET_SUFFIXES } from '../engine/validators/street-suffixes.js';
import type { Finding } from '../model/finding.js';

export const WATCHLIST_RULE_ID = 'watchlist';
export const WATCHLIST_ENTITY = 'WATCHLIST_MATCH';
/** Where the passphrase of a keyed watch list is read from (never a flag: flags show in process lists). */
export const WATCHLIST_KEY_ENV = 'PII_SCAN_WATCHLIST_KEY';
const MAGIC = 'pii-scan watch list v1';

/** scrypt cost: 2^14 blocks of 1 KiB (16 MiB, tens of milliseconds a guess). */
export const DEFAULT_COST = { N: 1 << 14, r: 8, p: 1 } as const;
type Cost = { N: number; r: number; p: number };

export type ValueKind = 'name' | 'number' | 'address';

export class WatchListError extends Error {}

const DIRECTIONS: Record<string, string> = { NORTH: 'N', SOUTH: 'S', EAST: 'E', WEST: 'W', NORTHEAST: 'NE', NORTHWEST: 'NW', SOUTHEAST: 'SE', SOUTHWEST: 'SW' };
const UNITS: Record<string, string> = { APARTMENT: 'APT', SUITE: 'STE', UNIT: 'UNIT', FLOOR: 'FL', ROOM: 'RM', BUILDING: 'BLDG' };

/**
 * A value as it is hashed, whatever its formatting: a name's words sorted without case, accents,
 * punctuation or initials (`BROOKS, DAVID` = `David Brooks`); a number's digits (`536-22-4391` =
 * `536224391`); an address's words in capitals with USPS suffixes, directions and units spelt one way.
 */
export function normalise(value: string, kind: ValueKind): string | undefined {
  if (kind === 'number') {
    const digits = value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    return digits.length >= 4 ? digits : undefined;
  }
  const words = foldName(value)
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (kind === 'name') {
    const names = words.filter((w) => w.length > 1 && !/\d/.test(w));
    return names.length >= 2 ? names.sort().join(' ') : undefined;
  }
  const spelt = words.map((w) => {
    const suffix = STREET_SUFFIXES.get(w.toLowerCase());
    return suffix ? suffix.toUpperCase() : DIRECTIONS[w] ?? UNITS[w] ?? w;
  });
  return spelt.length >= 2 && /\d/.test(spelt[0]!) ? spelt.join(' ') : undefined;
}

/** What kind of value a cell holds, from its column's header or else its shape. */
export function kindOf(cell: string, header = ''): ValueKind | undefined {
  const h = header.toLowerCase();
  if (/name|person|subject|alias/.test(h)) return 'name';
  if (/addr|street|residence/.test(h)) return 'address';
  if (/ssn|number|phone|plate|\bid\b|\bdl\b|license|licence|passport|account|card|a-?num/.test(h)) return 'number';
  if (/^\s*\d+\s+\S+/.test(cell) && /[A-Za-z]{2}/.test(cell)) return 'address';
  if (/^[\d\s().+/-]+$/.test(cell)) return 'number';
  if (/^[\p{L}\s,.'’-]+$/u.test(cell)) return 'name';
  return undefined;
}

/** The kinds a finding of `entity` may be on a watch list as. */
function kindsOfEntity(entity: string): ValueKind[] {
  if (entity === 'PERSON') return ['name'];
  if (entity === 'STREET_ADDRESS') return ['address'];
  return ['number'];
}

function entryHash(key: Buffer, salt: Buffer, cost: Cost, kind: ValueKind, normalised: string): Buffer {
  const keyed = createHmac('sha256', key).update(`${kind}:${normalised}`).digest();
  return scryptSync(keyed, salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r });
}

const keyOf = (passphrase: string | undefined, salt: Buffer): Buffer =>
  // The passphrase, never stored, is stretched like an entry: without it no entry can be guessed.
  passphrase ? scryptSync(passphrase, salt, 32, { ...DEFAULT_COST, maxmem: 256 * DEFAULT_COST.N * DEFAULT_COST.r }) : Buffer.alloc(32);

/** A watch file's text for `values` (each with its kind); the values themselves are not in it. */
export function createWatchList(values: readonly { value: string; kind: ValueKind }[], options: { passphrase?: string; cost?: Cost } = {}): { text: string; entries: number } {
  const cost = options.cost ?? DEFAULT_COST;
  const salt = randomBytes(16);
  const key = keyOf(options.passphrase, salt);
  const hashes = new Set<string>();
  for (const { value, kind } of values) {
    const n = normalise(value, kind);
    if (n !== undefined) hashes.add(entryHash(key, salt, cost, kind, n).toString('base64'));
  }
  const lines = [MAGIC, `scrypt N=${cost.N} r=${cost.r} p=${cost.p}`, `salt ${salt.toString('base64')}`, `keyed ${options.passphrase ? 'yes' : 'no'}`, ...[...hashes].sort()];
  return { text: `${lines.join('\n')}\n`, entries: hashes.size };
}

/** A watch file as workers are handed it: plain data. */
export interface WatchListData {
  cost: Cost;
  salt: string;
  keyed: boolean;
  entries: string[];
}

/** Parse a watch file's text; errors say what is wrong, never quote an entry. */
export function parseWatchList(text: string): WatchListData {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0] !== MAGIC) throw new WatchListError(`not a watch list (it should start with '${MAGIC}')`);
  const cost = /^scrypt N=(\d+) r=(\d+) p=(\d+)$/.exec(lines[1] ?? '');
  const salt = /^salt ([A-Za-z0-9+/=]{16,64})$/.exec(lines[2] ?? '');
  const keyed = /^keyed (yes|no)$/.exec(lines[3] ?? '');
  if (!cost || !salt || !keyed) throw new WatchListError('its header (scrypt cost, salt, keyed) is damaged');
  const [N, r, p] = [Number(cost[1]), Number(cost[2]), Number(cost[3])];
  if ((N & (N - 1)) !== 0 || N < 2 || N > 1 << 20 || r < 1 || r > 32 || p < 1 || p > 16) throw new WatchListError('its scrypt cost is out of range');
  const entries = lines.slice(4);
  entries.forEach((e, i) => {
    if (!/^[A-Za-z0-9+/]{43}=$/.test(e)) throw new WatchListError(`entry ${i + 1} is not a hash`);
  });
  return { cost: { N, r, p }, salt: salt[1]!, keyed: keyed[1] === 'yes', entries };
}

/** A loaded watch list: whether a finding's value is on it. Results are kept per value: each check costs a hash. */
export class WatchList {
  private readonly entries: ReadonlySet<string>;
  private readonly salt: Buffer;
  private readonly key: Buffer;
  private readonly seen = new Map<string, boolean>();

  constructor(
    readonly data: WatchListData,
    passphrase?: string,
  ) {
    if (data.keyed && !passphrase) throw new WatchListError(`it was made with a passphrase: set ${WATCHLIST_KEY_ENV}`);
    this.salt = Buffer.from(data.salt, 'base64');
    this.key = keyOf(data.keyed ? passphrase : undefined, this.salt);
    this.entries = new Set(data.entries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether `f`'s value, normalised as its entity's kind, is on the list. */
  matches(f: Pick<Finding, 'entity' | 'value'>): boolean {
    if (this.entries.size === 0 || f.entity === WATCHLIST_ENTITY || f.entity === 'PROFILE') return false;
    for (const kind of kindsOfEntity(f.entity)) {
      const n = normalise(f.value, kind);
      if (n === undefined) continue;
      const id = `${kind}:${n}`;
      let hit = this.seen.get(id);
      if (hit === undefined) {
        hit = this.entries.has(entryHash(this.key, this.salt, this.data.cost, kind, n).toString('base64'));
        if (this.seen.size > 10_000) this.seen.clear();
        this.seen.set(id, hit);
      }
      if (hit) return true;
    }
    return false;
  }
}

/** The WATCHLIST_MATCH finding for a finding on the list: at its place, critical. */
export function watchlistFinding<F extends Finding>(f: F): F {
  return { ...f, ruleId: WATCHLIST_RULE_ID, entity: WATCHLIST_ENTITY, severity: 'critical', why: `a ${f.entity} on the watch list` };
}
