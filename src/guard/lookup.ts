/** Recipients checked against the roster: known (and as whom), unknown, or a probable typo. Pure. */
import type { AddressKind as ChannelAddresses } from '../config/guard-config.js';
import { emailNearMiss, phoneNearMiss, type NearMiss } from './near-miss.js';
import { domainOf, parseAddress, type Address } from './recipients.js';
import type { Roster, RosterPerson } from './roster.js';

export interface Recipient extends Address {
  /** As typed (`--to`, an .eml header), or `group:NAME` for a group's member. */
  input: string;
  known: boolean;
  /** The roster person, when known as one (not for an address approved only by its domain). */
  name?: string;
  /** Approved because its domain is in the roster's `domains`. */
  byDomain?: boolean;
  nearMiss?: NearMiss;
}

/** A recipient the guard cannot check; the CLI reports it and exits 2. */
export class RecipientError extends Error {}

export const GROUP_PREFIX = 'group:';

/** Each input → one or more recipients (a group expands to its members); duplicates are dropped. */
export function resolveRecipients(inputs: readonly string[], roster: Roster, addresses: ChannelAddresses, region: string): Recipient[] {
  const out: Recipient[] = [];
  const seen = new Set<string>();
  const add = (r: Recipient): void => {
    if (seen.has(r.normalized)) return;
    seen.add(r.normalized);
    out.push(r);
  };
  for (const input of inputs) {
    if (input.toLowerCase().startsWith(GROUP_PREFIX)) {
      const name = input.slice(GROUP_PREFIX.length).trim();
      const members = roster.groups.get(name);
      if (!members) {
        const known = [...roster.groups.keys()];
        throw new RecipientError(`${input}: no group '${name}' in ${roster.file}${known.length ? ` (groups: ${known.join(', ')})` : ' (it defines no groups)'}`);
      }
      for (const person of members) add({ ...contactFor(person, addresses), input, known: true, name: person.name });
      continue;
    }
    const address = parseAddress(input, region);
    if (!address) throw new RecipientError(`'${input}' is neither a phone number nor an email address`);
    add(lookup(input, address, roster));
  }
  return out;
}

/** One recipient against the roster. */
export function lookup(input: string, address: Address, roster: Roster): Recipient {
  const person = roster.byAddress.get(address.normalized);
  if (person) return { ...address, input, known: true, name: person.name };
  if (address.kind === 'email' && roster.domains.includes(domainOf(address.normalized))) {
    return { ...address, input, known: true, byDomain: true };
  }
  const nearMiss = address.kind === 'phone' ? phoneNearMiss(address, roster) : emailNearMiss(address, roster);
  return { ...address, input, known: false, ...(nearMiss ? { nearMiss } : {}) };
}

/** The member's address on this channel: a phone for SMS, an email for email. */
function contactFor(person: RosterPerson, addresses: ChannelAddresses): Address {
  const [phone, email] = [person.phones[0], person.emails[0]];
  return (addresses === 'email' ? (email ?? phone) : (phone ?? email))!;
}
