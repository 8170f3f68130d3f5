/** Reading and writing `.pii-scan-baseline.json` (the format is in filters/baseline.ts). */
import { dirname, relative } from 'node:path';
import { ConfigError } from '../config/yaml-source.js';
import { BaselineMatcher, parseBaseline, serializeBaseline, type Baseline } from '../filters/baseline.js';
import { toPosix, type ScanInput } from '../sources/inputs.js';
import { readUserText, UserFileError } from '../sources/user-file.js';
import { openReportFile } from '../fs/write-report.js';

export const DEFAULT_BASELINE = '.pii-scan-baseline.json';

export interface LoadedBaseline {
  /** Absolute path of the file. */
  file: string;
  /** As reports show it (relative to the working folder). */
  display: string;
  matcher: BaselineMatcher;
}

/** Read and check a baseline; any problem is an error (exit 2): a scan must not silently lose it. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readUserText(file, 'baseline');
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    throw new ConfigError(file, 0, '', `cannot read baseline: ${e.message}`);
  }
  try {
    return parseBaseline(text);
  } catch (e) {
    throw new ConfigError(file, 0, '', `not a pii-scan baseline: ${(e as Error).message}`);
  }
}

export function loadBaseline(file: string, display: string): LoadedBaseline {
  return { file, display, matcher: new BaselineMatcher(readBaseline(file)) };
}

/** Where an input's findings are filed in a baseline: its path relative to the baseline's folder. */
export function baselinePath(baselineFile: string, input: ScanInput): string | undefined {
  if (input.kind === 'stdin') return undefined;
  return toPosix(relative(dirname(baselineFile), input.path));
}

/** Write atomically (a temporary file renamed over the old one). */
export function writeBaseline(file: string, baseline: Baseline): void {
  const out = openReportFile(file);
  try {
    out.write(serializeBaseline(baseline));
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
}
