/**
 * Names that are a firm's, a brand's or a place's, not a person's: firms, banks, brands and
 * programmes named after their founders ("Charles Schwab", "Jenny Craig"), places whose name opens
 * or closes with a place's word ("Santa Monica", "Beverly Hills"), and `LAST, FIRST` pairs whose two
 * words are both places ("Jackson, Madison and Marion counties", "Tyler, Lincoln").
 */
import type { NameTables } from './person-names.js';

/** Words a place's name opens with ("Santa Monica", "Fort Worth", "St. Vincent"); no name's first word. */
const PLACE_OPENERS: ReadonlySet<string> = new Set(['SANTA', 'SAN', 'SAINT', 'ST', 'STE', 'FORT', 'FT', 'MOUNT', 'MT', 'PORT', 'CAPE']);
/** Words a place's or a firm's name ends with that are hardly ever a surname ("Beverly Hills", "Disney World", "Chase Bank"). */
const CLOSERS: ReadonlySet<string> = new Set(['HILLS', 'HEIGHTS', 'SPRINGS', 'FALLS', 'WORLD', 'ISLAND', 'ISLANDS', 'HARBOR', 'HARBOUR', 'VALLEY', 'CREEK', 'CANYON', 'VILLAGE', 'TOWNSHIP', 'JUNCTION', 'CITY', 'LANDING', 'BANK', 'BROTHERS', 'BROS', 'TOWER']);

/**
 * Whether the name words (folded, without a final 's) are a firm's or a brand's name ("Charles Schwab"),
 * alone or before one more word that is no common given name ("Dean Witter Reynolds").
 */
export function namesAFirm(tables: NameTables, keys: readonly string[]): boolean {
  for (const n of [2, 3]) {
    if (keys.length < n || keys.length > n + 1 || !tables.organisations.has(keys.slice(0, n).join(' '))) continue;
    if (keys.length === n || !tables.commonGiven.has(keys[n]!)) return true;
  }
  return false;
}

/** Whether two or more name words are a place's or a firm's name by its first or last word ("San Jose", "Culver City", "Chase Bank"). */
export function namesAPlace(keys: readonly string[]): boolean {
  return keys.length >= 2 && (PLACE_OPENERS.has(keys[0]!) || CLOSERS.has(keys[keys.length - 1]!));
}

/** Whether a `LAST, FIRST` pair is two places of a list ("Augusta, Raleigh", "Lafayette, Marion"): both words a county or a large place. */
export function listsPlaces(tables: NameTables, last: string, first: string): boolean {
  const place = (k: string) => tables.counties.has(k) || tables.places.has(k);
  return place(last) && place(first);
}
