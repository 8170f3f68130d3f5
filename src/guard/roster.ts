/**
 * The roster: who may receive a team's messages. Parsed and validated completely before any
 * message is checked; every problem is `file:line: field: problem`. Pure.
 *
 *   recipients:                      # required, at least one
 *     - name: R. Lopez               # required, unique
 *       phones: ['+1 (202) 555-0143'] # any common format; the default region applies without +
 *       emails: [r.lopez@agency.example.gov]
 *   domains: [agency.example.gov]    # every address at these domains is approved
 *   groups:
 *     field-team: [R. Lopez]         # --to group:field-team sends to these people
 */
import { ConfigError, Fields, YamlSource, yaml } from '../config/yaml-source.js';
import { normalizeEmail, normalizePhone, type Address } from './recipients.js';

export interface RosterPerson {
  name: string;
  phones: Address[];
  emails: Address[];
}

export interface Roster {
  file: string;
  people: RosterPerson[];
  /** Approved email domains, lower case. */
  domains: string[];
  /** Group name → its members, in roster order. */
  groups: Map<string, RosterPerson[]>;
  /** Normalised phone or email → the person it belongs to. */
  byAddress: Map<string, RosterPerson>;
}

const ROSTER_FIELDS = ['recipients', 'domains', 'groups'];
const PERSON_FIELDS = ['name', 'phones', 'emails'];
const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** More recipients than a team's roster holds: refused before any is checked (each costs a phone parse). */
export const MAX_ROSTER_RECIPIENTS = 10_000;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function parseRoster(file: string, text: string, region: string): Roster {
  const src = YamlSource.parse(file, text);
  // Every roster value is text: with YAML's default schema `+12025550143` would become a number
  // and lose its `+`. The failsafe schema keeps scalars as written; lines still come from `src`.
  const value = emptyToNull(yaml().parseDocument(text, { schema: 'failsafe', uniqueKeys: true }).toJS());
  if (value === null || value === undefined) throw new ConfigError(file, 1, '', 'the roster is empty; it needs a recipients: list');
  const f = Fields.root(src, value);
  f.onlyKnown(ROSTER_FIELDS);

  const people: RosterPerson[] = [];
  const byName = new Map<string, RosterPerson>();
  const byAddress = new Map<string, RosterPerson>();
  const items = f.list('recipients', true)!;
  if (items.length > MAX_ROSTER_RECIPIENTS) {
    throw src.error(f.at('recipients'), `${items.length} recipients is more than the limit of ${MAX_ROSTER_RECIPIENTS}`);
  }
  items.forEach((_, i) => {
    const p = f.child('recipients', i);
    p.onlyKnown(PERSON_FIELDS);
    const name = nonEmpty(p, 'name', true)!;
    const prior = byName.get(name.toLowerCase());
    if (prior) throw src.error(p.at('name'), 'this name is listed twice; names must be unique (groups refer to them)');
    const person: RosterPerson = { name, phones: [], emails: [] };
    p.stringList('phones').forEach((raw, j) => {
      const phone = normalizePhone(raw, region);
      if (!phone || !phone.valid) {
        throw src.error([...p.at('phones'), j], `not a valid phone number (region ${region} for numbers without +country code)`);
      }
      person.phones.push(phone);
      claim(byAddress, phone.normalized, person, () => src.error([...p.at('phones'), j], `${phone.display} is already listed for ${byAddress.get(phone.normalized)!.name}`));
    });
    p.stringList('emails').forEach((raw, j) => {
      const email = normalizeEmail(raw);
      if (!email) throw src.error([...p.at('emails'), j], 'not a valid email address');
      person.emails.push(email);
      claim(byAddress, email.normalized, person, () => src.error([...p.at('emails'), j], `${email.normalized} is already listed for ${byAddress.get(email.normalized)!.name}`));
    });
    if (person.phones.length + person.emails.length === 0) throw src.error(p.path, 'a recipient needs at least one phone or email');
    byName.set(name.toLowerCase(), person);
    people.push(person);
  });

  const domains = f.stringList('domains').map((raw, i) => {
    const d = raw.trim().toLowerCase().replace(/^@/, '');
    if (!DOMAIN.test(d)) throw src.error(f.at('domains').concat(i), `'${raw}' is not a domain name (like agency.example.gov)`);
    return d;
  });

  const groups = new Map<string, RosterPerson[]>();
  if (f.has('groups')) {
    const g = f.child('groups');
    for (const groupName of Object.keys(g.obj)) {
      if (!GROUP_NAME.test(groupName)) throw src.error(g.at(groupName), 'group names are letters, digits, . _ and -');
      const members = g.stringList(groupName).map((member, j) => {
        const person = byName.get(member.trim().toLowerCase());
        if (!person) throw src.error([...g.at(groupName), j], 'not a name in recipients');
        return person;
      });
      if (members.length === 0) throw src.error(g.at(groupName), 'a group needs at least one member');
      groups.set(groupName, members);
    }
  }
  return { file, people, domains, groups, byAddress };
}

/** Failsafe reads `name:` (nothing) as ''; treat it as missing, as the default schema would. */
function emptyToNull(v: unknown): unknown {
  if (v === '') return null;
  if (Array.isArray(v)) return v.map(emptyToNull);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, emptyToNull(x)]));
  return v;
}

function nonEmpty(f: Fields, key: string, required: boolean): string | undefined {
  const s = required ? f.string(key, { required: true }) : f.string(key);
  if (s !== undefined && s.trim() === '') throw f.src.error(f.at(key), required ? 'is required' : 'must not be empty');
  return s?.trim();
}

/** One address belongs to one person: otherwise "who is this?" has two answers. */
function claim(map: Map<string, RosterPerson>, key: string, person: RosterPerson, conflict: () => ConfigError): void {
  const owner = map.get(key);
  if (owner && owner !== person) throw conflict();
  map.set(key, person);
}
