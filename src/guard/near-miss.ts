/**
 * Probable typos: an unknown recipient one or two keystrokes from someone on the roster. In the
 * incident a mistyped number added a stranger to the group; that is the mistake to catch. Pure.
 */
import { domainOf, type Address } from './recipients.js';
import type { Roster } from './roster.js';

/** Phones: at most this many edits (substitution, insertion, deletion, adjacent transposition). */
export const PHONE_MAX_EDITS = 2;
/** Emails: one edit; addresses are longer and more varied, so two would match strangers. */
export const EMAIL_MAX_EDITS = 1;

export interface NearMiss {
  /** The roster person meant, when the suggestion is one of theirs. */
  name?: string;
  /** The roster phone or address (or the address at the approved domain) that was probably meant, as shown. */
  suggestion: string;
  normalized: string;
  /** Edits between what was typed and the suggestion. */
  distance: number;
  /** What the typed value is close to. */
  to: 'phone' | 'email' | 'domain';
}

/**
 * Optimal string alignment distance (restricted Damerau–Levenshtein): insertions, deletions,
 * substitutions and swaps of two adjacent characters each count as one edit — a swapped
 * pair of digits is one slip of the fingers, not two.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** The closest roster phone within PHONE_MAX_EDITS of an unknown phone (ties: roster order). */
export function phoneNearMiss(phone: Address, roster: Roster): NearMiss | undefined {
  const typed = phone.normalized.replace(/\D/g, '');
  let best: NearMiss | undefined;
  for (const person of roster.people) {
    for (const p of person.phones) {
      const d = editDistance(typed, p.normalized.replace(/\D/g, ''));
      if (d === 0 || d > PHONE_MAX_EDITS || (best && d >= best.distance)) continue;
      best = { name: person.name, suggestion: p.display, normalized: p.normalized, distance: d, to: 'phone' };
    }
  }
  return best;
}

/**
 * An unknown email one edit from a roster address, else whose domain is one edit from an
 * approved domain or from a roster address's domain (`agency.exmaple.gov`).
 */
export function emailNearMiss(email: Address, roster: Roster): NearMiss | undefined {
  for (const person of roster.people) {
    for (const e of person.emails) {
      const d = editDistance(email.normalized, e.normalized);
      if (d > 0 && d <= EMAIL_MAX_EDITS) return { name: person.name, suggestion: e.normalized, normalized: e.normalized, distance: d, to: 'email' };
    }
  }
  const typedDomain = domainOf(email.normalized);
  const local = email.normalized.slice(0, email.normalized.length - typedDomain.length - 1);
  const domains = [...new Set([...roster.domains, ...roster.people.flatMap((p) => p.emails.map((e) => domainOf(e.normalized)))])];
  for (const domain of domains) {
    const d = editDistance(typedDomain, domain);
    if (d === 0 || d > EMAIL_MAX_EDITS) continue;
    const suggestion = `${local}@${domain}`;
    const owner = roster.byAddress.get(suggestion);
    return { ...(owner ? { name: owner.name } : {}), suggestion, normalized: suggestion, distance: d, to: 'domain' };
  }
  return undefined;
}
