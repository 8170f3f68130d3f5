/** The hostile-input generator (scripts/fixtures/html-pdf-zip.mjs), typed for the tests that build large inputs from it. */
import { join } from 'node:path';
import { ROOT } from '../cli/helpers.js';

export const HOSTILE = join(ROOT, 'fixtures', 'documents', 'hostile');

export interface HostileGenerator {
  hostileFixtures(): Record<string, Uint8Array | string>;
  tagSoupHtml(size: number): string;
  inflateBombPdf(mb: number): Uint8Array;
  /** `extra(add)` adds objects (a body string, or `{ dict, data }` for a stream) and returns entries for the catalog and the page. */
  onePage(ops: string, extra?: (add: (body: string | { dict: string; data: Buffer }) => number) => { catalog?: string; page?: string }): Uint8Array;
}

export async function hostileGenerator(): Promise<HostileGenerator> {
  return (await import(join(ROOT, 'scripts', 'fixtures', 'html-pdf-zip.mjs'))) as HostileGenerator;
}
