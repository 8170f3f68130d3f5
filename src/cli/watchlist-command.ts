/**
 * `pii-scan watchlist create people.csv -o watch.pii`: a watch list of the names, numbers and
 * addresses in a CSV file (a header row names the columns), kept as salted scrypt hashes only. Scans
 * with `--watchlist watch.pii` report any of them as WATCHLIST_MATCH, critical.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { CsvParser } from '../documents/csv.js';
import { createWatchList, DEFAULT_COST, kindOf, WATCHLIST_KEY_ENV, type ValueKind } from '../filters/watchlist.js';
import { openReportFile } from '../fs/write-report.js';
import { readUserFile, UserFileError } from '../sources/user-file.js';
import { EXIT, UsageError } from './exit-codes.js';
import type { Io } from './io.js';

interface CreateFlags {
  output: string;
  cost: number;
}

const parseCost = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 10 || n > 20) throw new InvalidArgumentError('expected a whole number from 10 to 20 (scrypt N = 2^cost)');
  return n;
};

export function registerWatchlist(program: Command, io: Io): void {
  const watchlist = program.command('watchlist').description('watch lists: people whose data must never leave, stored as hashes only');
  watchlist
    .command('create')
    .description(`hash the names, numbers and addresses of a CSV file (header row: name, ssn, address, ...) into a watch list; set ${WATCHLIST_KEY_ENV} to key it with a passphrase`)
    .argument('<csv>', 'CSV file with a header row')
    .requiredOption('-o, --output <file>', 'watch list to write')
    .option('--cost <n>', `scrypt cost: N = 2^n (default ${Math.log2(DEFAULT_COST.N)}); each guess and each check costs 2^n KiB of memory times 8`, parseCost)
    .action((csv: string, flags: CreateFlags) => {
      io.exitCode = create(csv, flags, io);
    });
}

function create(csv: string, flags: CreateFlags, io: Io): number {
  let text: string;
  try {
    text = readUserFile(resolve(io.cwd, csv), 'watchlist').toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof UserFileError) throw new UsageError(`cannot read ${csv}: ${e.message}`);
    throw e;
  }
  const rows = new CsvParser(csv.toLowerCase().endsWith('.tsv') ? '\t' : ',').push(text, true);
  const header = rows[0]?.map((c) => c.text.trim()) ?? [];
  const headed = header.some((h) => kindFromHeader(h) !== undefined);
  const values: { value: string; kind: ValueKind }[] = [];
  let skipped = 0;
  for (const row of headed ? rows.slice(1) : rows) {
    row.forEach((cell, i) => {
      const value = cell.text.trim();
      if (!value) return;
      const kind = kindOf(value, headed ? header[i] : undefined);
      if (kind) values.push({ value, kind });
      else skipped++;
    });
  }
  const passphrase = io.env[WATCHLIST_KEY_ENV] || undefined;
  const cost = flags.cost !== undefined ? { ...DEFAULT_COST, N: 2 ** flags.cost } : DEFAULT_COST;
  const list = createWatchList(values, { ...(passphrase ? { passphrase } : {}), cost });
  const out = openReportFile(resolve(io.cwd, flags.output));
  try {
    out.write(list.text);
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  // Counts only: the file's own values are never printed.
  io.stderr(`pii-scan: wrote ${flags.output}: ${list.entries} entries${passphrase ? ', keyed' : ''}${skipped ? `; ${skipped} cells were not a name, number or address` : ''}\n`);
  return EXIT.clean;
}

const kindFromHeader = (h: string): ValueKind | undefined => (h ? kindOf('', h) : undefined);
