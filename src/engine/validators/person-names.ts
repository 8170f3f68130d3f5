/**
 * The name tables as lookups, made the first time a name is judged: a scan with no capitalised word
 * pair (most drafts, most code) never pays for them. Each is looked up in its own string (word-table.ts).
 */
import { COMMON_GIVEN_NAMES, COMMON_SURNAMES, GIVEN_NAMES, ORGANISATIONS, PLACES, SURNAMES, US_COUNTIES, WORDS } from './person-names-table.js';
import { WordTable } from './word-table.js';

export interface WordLookup {
  has(word: string): boolean;
}

export interface NameTables {
  given: WordLookup;
  commonGiven: WordLookup;
  /** Folded surname → its rank (0 is the most frequent). */
  surnameRank: { get(word: string): number | undefined };
  /** Ranks below this are common surnames. */
  commonSurnames: number;
  places: WordLookup;
  /** US counties, folded (many are surnames too: Jackson, Madison, Marion). */
  counties: WordLookup;
  /** Firms and brands named after people, as their folded name words joined by a space ("CHARLES SCHWAB"). */
  organisations: WordLookup;
  /** Lower-case English words. */
  words: WordLookup;
}

let tables: NameTables | undefined;

export function nameTables(): NameTables {
  tables ??= {
    given: new WordTable(GIVEN_NAMES),
    commonGiven: new WordTable(COMMON_GIVEN_NAMES),
    surnameRank: new WordTable(SURNAMES),
    commonSurnames: COMMON_SURNAMES,
    places: new WordTable(PLACES),
    // Entries of several words, separated by '|'; two short lists, kept as sets.
    counties: new Set(US_COUNTIES.split('|')),
    organisations: new Set(ORGANISATIONS.split('|')),
    words: new WordTable(WORDS),
  };
  return tables;
}
