/**
 * The name tables as sets, made the first time a name is judged: a scan with no capitalised word
 * pair (most drafts, most code) never pays for them.
 */
import { COMMON_GIVEN_NAMES, COMMON_SURNAMES, GIVEN_NAMES, ORGANISATIONS, PLACES, SURNAMES, US_COUNTIES, WORDS } from './person-names-table.js';

export interface NameTables {
  given: ReadonlySet<string>;
  commonGiven: ReadonlySet<string>;
  /** Folded surname → its rank (0 is the most frequent). */
  surnameRank: ReadonlyMap<string, number>;
  /** Ranks below this are common surnames. */
  commonSurnames: number;
  places: ReadonlySet<string>;
  /** US counties, folded (many are surnames too: Jackson, Madison, Marion). */
  counties: ReadonlySet<string>;
  /** Firms and brands named after people, as their folded name words joined by a space ("CHARLES SCHWAB"). */
  organisations: ReadonlySet<string>;
  /** Lower-case English words. */
  words: ReadonlySet<string>;
}

let tables: NameTables | undefined;

export function nameTables(): NameTables {
  if (tables) return tables;
  const surnameRank = new Map<string, number>();
  SURNAMES.split(' ').forEach((s, i) => surnameRank.set(s, i));
  tables = {
    given: new Set(GIVEN_NAMES.split(' ')),
    commonGiven: new Set(COMMON_GIVEN_NAMES.split(' ')),
    surnameRank,
    commonSurnames: COMMON_SURNAMES,
    places: new Set(PLACES.split(' ')),
    counties: new Set(US_COUNTIES.split('|')),
    organisations: new Set(ORGANISATIONS.split('|')),
    words: new Set(WORDS.split(' ')),
  };
  return tables;
}
