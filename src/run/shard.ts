/**
 * `--shard K/N`: a deterministic, balanced share of the inputs, by a hash of each path as shown
 * (relative to the working folder), so every runner of a CI matrix or batch job agrees on who scans what.
 */

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

/** 32-bit FNV-1a of the UTF-8 bytes of `s`. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Whether a path (as shown) belongs to the shard. Standard input belongs to shard 1 only. */
export function inShard(display: string, kind: 'file' | 'stdin' | 'git-blob', shard: Shard): boolean {
  if (kind === 'stdin') return shard.index === 1;
  return fnv1a(display) % shard.total === shard.index - 1;
}

export class ShardError extends Error {}

function parsePair(value: string, origin: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) throw new ShardError(`${origin}: expected K/N such as 2/4 (K from 1 to N), got "${value}"`);
  return checked(Number(m[1]), Number(m[2]), origin);
}

function checked(index: number, total: number, origin: string): Shard {
  if (!Number.isSafeInteger(total) || total < 1) throw new ShardError(`${origin}: the number of shards must be 1 or more, got ${total}`);
  if (!Number.isSafeInteger(index) || index < 1 || index > total) throw new ShardError(`${origin}: shard ${index} is not between 1 and ${total}`);
  return { index, total };
}

function int(env: Record<string, string | undefined>, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v.trim() === '') return undefined;
  if (!/^\s*\d+\s*$/.test(v)) throw new ShardError(`--shard auto: ${name} must be a whole number, got "${v}"`);
  return Number(v);
}

/**
 * `K/N`, or `auto`: PII_SCAN_SHARD (K/N, or K with PII_SCAN_SHARDS), GitLab `parallel`
 * (CI_NODE_INDEX/CI_NODE_TOTAL, 1-based), Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX, 0-based,
 * with PII_SCAN_SHARDS). GitHub Actions matrices have no standard variable: pass `--shard ${{ matrix.shard }}/N`.
 */
export function parseShard(value: string, env: Record<string, string | undefined>): Shard {
  if (value.trim() !== 'auto') return parsePair(value, '--shard');
  const own = env['PII_SCAN_SHARD'];
  if (own !== undefined && own.trim() !== '') {
    if (own.includes('/')) return parsePair(own, '--shard auto: PII_SCAN_SHARD');
    const total = int(env, 'PII_SCAN_SHARDS');
    if (total === undefined) throw new ShardError('--shard auto: PII_SCAN_SHARD is set without PII_SCAN_SHARDS (or give PII_SCAN_SHARD=K/N)');
    return checked(int(env, 'PII_SCAN_SHARD')!, total, '--shard auto: PII_SCAN_SHARD/PII_SCAN_SHARDS');
  }
  const gitlab = int(env, 'CI_NODE_INDEX');
  if (gitlab !== undefined) {
    const total = int(env, 'CI_NODE_TOTAL');
    if (total === undefined) throw new ShardError('--shard auto: CI_NODE_INDEX is set without CI_NODE_TOTAL');
    return checked(gitlab, total, '--shard auto: CI_NODE_INDEX/CI_NODE_TOTAL');
  }
  const k8s = int(env, 'JOB_COMPLETION_INDEX');
  if (k8s !== undefined) {
    const total = int(env, 'PII_SCAN_SHARDS');
    if (total === undefined) throw new ShardError('--shard auto: JOB_COMPLETION_INDEX is set; give the number of shards in PII_SCAN_SHARDS (the Job\'s completions)');
    return checked(k8s + 1, total, '--shard auto: JOB_COMPLETION_INDEX/PII_SCAN_SHARDS');
  }
  throw new ShardError(
    '--shard auto: no shard variables found (PII_SCAN_SHARD[/PII_SCAN_SHARDS], GitLab CI_NODE_INDEX/CI_NODE_TOTAL, Kubernetes JOB_COMPLETION_INDEX with PII_SCAN_SHARDS); in a GitHub Actions matrix use --shard ${{ matrix.shard }}/N',
  );
}
