/**
 * Overlap resolution between rules: one finding per span. Pure.
 *
 * - Findings of different rules on the identical span: the best is reported (confidence, then
 *   severity, then rule order); the others become its `alternatives`, so nothing is silently lost.
 * - A finding wholly inside another, less confident and no more severe, becomes an alternative of
 *   the one containing it (a passport-shaped run inside a longer, surer account number). A name
 *   inside a street address's street (before its first comma or line break) does so whatever its
 *   confidence: it is the street's name (`2029 Calle Rosa Maria`, `300 Rosa Parks Blvd`).
 * - Any other overlap (crossing spans, or a contained finding at least as sure or more severe)
 *   keeps both: each may be what the text holds, and a gate must still see the more severe one.
 * Suppressed findings (`pii-scan:allow`) take no part: they are counted where they are dropped.
 */
import { severityRank, type Alternative, type Finding } from '../model/finding.js';

const endOf = (f: Finding): number => f.index + f.value.length;

/** Whether `a` should be reported rather than `b` on the same span; `order` is the rules' load order. */
function better(a: Finding, b: Finding, order: (f: Finding) => number): boolean {
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  const s = severityRank(a.severity) - severityRank(b.severity);
  if (s !== 0) return s > 0;
  return order(a) < order(b);
}

/** Entities that, wholly inside the first line of a finding of one of the listed entities (a street), are part of it. */
const PART_OF: Readonly<Record<string, ReadonlySet<string>>> = { PERSON: new Set(['STREET_ADDRESS']) };

/** Whether `inner`, wholly inside `outer`, is outer's rather than a finding of its own. */
function containedBy(outer: Finding, inner: Finding): boolean {
  if (severityRank(outer.severity) < severityRank(inner.severity)) return false;
  if (outer.confidence > inner.confidence) return true;
  // Before the first comma or line break: the street's name. After it, a name may be a person's
  // between the street and the city ("12 Main St, John Smith, Springfield, IL").
  return PART_OF[inner.entity]?.has(outer.entity) === true && !/[,\n]/.test(outer.value.slice(0, endOf(inner) - outer.index));
}

const alternativeOf = (f: Finding): Alternative => ({ entity: f.entity, ruleId: f.ruleId, confidence: f.confidence });

/**
 * The findings of one text (or of a stretch no later finding can overlap) with overlaps resolved,
 * in their given order. A finding that wins gets a copy with `alternatives`; the others are as given.
 */
export function resolveOverlaps(findings: readonly Finding[], order: (f: Finding) => number): Finding[] {
  if (findings.length < 2) return findings as Finding[];
  const live = findings.map((_, i) => i).filter((i) => !findings[i]!.suppressed);
  // By start, longest first: a container comes before what it contains, identical spans side by side.
  live.sort((i, j) => findings[i]!.index - findings[j]!.index || endOf(findings[j]!) - endOf(findings[i]!) || i - j);
  const lost = new Set<number>();
  /** Per winner, what it won over. */
  const won = new Map<number, Alternative[]>();
  const beat = (winner: number, loser: number): void => {
    const list = won.get(winner) ?? [];
    list.push(alternativeOf(findings[loser]!), ...(won.get(loser) ?? []), ...(findings[loser]!.alternatives ?? []));
    won.set(winner, list);
    won.delete(loser);
    lost.add(loser);
  };
  /** Winners whose span may still contain a later finding, ordered by start. */
  let open: number[] = [];
  for (let k = 0; k < live.length; ) {
    // The group of findings on this identical span: one winner.
    const first = findings[live[k]!]!;
    let best = live[k]!;
    let m = k + 1;
    for (; m < live.length && findings[live[m]!]!.index === first.index && endOf(findings[live[m]!]!) === endOf(first); m++) {
      const other = live[m]!;
      if (better(findings[other]!, findings[best]!, order)) {
        beat(other, best);
        best = other;
      } else beat(best, other);
    }
    k = m;
    const f = findings[best]!;
    open = open.filter((o) => endOf(findings[o]!) > f.index);
    const container = open.find((o) => {
      const c = findings[o]!;
      return endOf(c) >= endOf(f) && containedBy(c, f);
    });
    if (container !== undefined) beat(container, best);
    else open.push(best);
  }
  if (lost.size === 0) return findings as Finding[];
  const out: Finding[] = [];
  findings.forEach((f, i) => {
    if (lost.has(i)) return;
    const alternatives = won.get(i);
    if (!alternatives) out.push(f);
    else out.push({ ...f, alternatives: [...(f.alternatives ?? []), ...alternatives].sort((a, b) => b.confidence - a.confidence) });
  });
  return out;
}

/**
 * Overlap resolution over a stream of findings. A batch comes with `cut`: no later finding starts
 * before it, so only findings reaching past it can still meet one; from the first such finding on,
 * findings wait for the next batch, and the result is the same for any chunk sizes.
 */
export class OverlapStage {
  private pending: Finding[] = [];

  constructor(private readonly order: (f: Finding) => number) {}

  add(findings: Finding[], cut: number): Finding[] {
    const all = this.pending.length > 0 ? this.pending.concat(findings) : findings;
    if (all.length === 0) return all;
    // Most batches hold no overlap at all: one pass finds that, with nothing to copy or sort.
    const out = disjoint(all) ? all : resolveOverlaps(all, this.order);
    let keep = cut === Infinity ? out.length : out.findIndex((f) => endOf(f) > cut);
    if (keep < 0) keep = out.length;
    this.pending = out.slice(keep);
    return keep === out.length ? out : out.slice(0, keep);
  }
}

/** Whether no two findings overlap, for findings in order of position (else: not known, false). */
function disjoint(findings: readonly Finding[]): boolean {
  let end = -1;
  for (const f of findings) {
    if (f.index < end) return false;
    end = endOf(f);
  }
  return true;
}
