/** Shared by the document tests: the generated fixtures, and a JSON scan with findings' locations. */
import { join } from 'node:path';
import { ROOT, parseJson, runCli, type JsonReport } from '../cli/helpers.js';

export const FIXTURES = join(ROOT, 'fixtures', 'documents');

/** A finding as the JSON report gives it, with where in the document it was found. */
export interface Located {
  path: string;
  entity: string;
  line: number;
  column: number;
  offset: number;
  length: number;
  value: string;
  location?: Record<string, unknown> & { kind: string; chain?: Array<Record<string, unknown> & { kind: string }>; description: string };
}

export async function scanJson(files: string[], cwd = FIXTURES, extra: string[] = []) {
  const r = await runCli(['scan', '--format', 'json', ...extra, ...files], { cwd });
  return { ...r, report: parseJson(r.stdout) as unknown as Omit<JsonReport, 'findings'> & { findings: Located[] } };
}
