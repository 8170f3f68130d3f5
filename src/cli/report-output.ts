/**
 * Where a report goes (stdout, or a file written atomically) and the reporter that writes it,
 * with the summary counted as findings pass. Shared by `scan` and `merge`.
 */
import type { FileFinding, ScanOutcome } from '../model/scan.js';
import { resolve } from 'node:path';
import type { RuleDef } from '../model/rule.js';
import { createReporter, type Format } from '../report/format.js';
import { SummaryCounter } from '../report/summary.js';
import { batched, openReportFile, type ReportFile } from '../fs/write-report.js';
import { describeError } from '../sources/inputs.js';
import { sourceRoot } from '../sources/source-root.js';
import { UsageError } from './exit-codes.js';
import { useColor, type Io } from './io.js';

export interface ReportOutput {
  /** True when the report goes to a file (so the terminal is free for a progress line). */
  toFile: boolean;
  counter: SummaryCounter;
  finding(f: FileFinding): void;
  /** Write the summary and move a report file into place. */
  finish(outcome: ScanOutcome): void;
  /** Drop a partial report file (nothing once finished). */
  abort(): void;
}

export async function openReportOutput(
  io: Io,
  opts: { output: string | undefined; format: Format; showValues: boolean; defs: readonly RuleDef[] },
): Promise<ReportOutput> {
  const toFile = opts.output !== undefined;
  let file: ReportFile | undefined;
  if (toFile) {
    try {
      file = openReportFile(resolve(io.cwd, opts.output!));
    } catch (e) {
      throw new UsageError(`cannot write report to ${opts.output}: ${describeError((e as NodeJS.ErrnoException).code, e)}`);
    }
  }
  // A terminal sees each finding as it comes; a pipe or a redirected file gets large writes.
  const stdout = file || io.stdoutIsTTY ? undefined : batched((s) => io.stdout(s));
  const write = file ? file.write : stdout ? stdout.write : (s: string) => io.stdout(s);
  let reporter;
  try {
    reporter = await createReporter(opts.format, write, { showValues: opts.showValues, color: !toFile && useColor(io.stdoutIsTTY, io.env), paths: { cwd: io.cwd, root: sourceRoot(io.cwd) } }, opts.defs);
  } catch (e) {
    file?.abort();
    throw e;
  }
  const counter = new SummaryCounter();
  return {
    toFile,
    counter,
    finding(f) {
      counter.add(f);
      reporter.finding(f);
    },
    finish(outcome) {
      reporter.end(outcome, counter.summary(outcome));
      stdout?.flush();
      file?.commit();
      file = undefined;
    },
    abort() {
      stdout?.flush(); // what was reported stays reported, as when written as it came
      file?.abort();
      file = undefined;
    },
  };
}
