/**
 * The ZIP directory is read as unzip and Python's zipfile read it: every central-directory record
 * within the directory's declared size, whatever the end record's count says; entries with only a
 * local header; ZIP64 records.
 */
import { describe, expect, it } from '@jest/globals';
import { scanJson, type Located } from './helpers.js';
import { HOSTILE } from './hostile-fixtures.js';

const where = (findings: Located[]) => findings.map((f) => `${f.entity} ${f.location?.description ?? '(none)'}`);

describe('ZIP central directory', () => {
  it('an end record that lowers the entry count does not hide the entries after it; the disagreement is a note', async () => {
    const { code, report } = await scanJson(['hidden-entry.zip'], HOSTILE);
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual(['US_SSN entry records.txt']);
    expect(report.diagnostics).toEqual([
      { path: 'hidden-entry.zip', level: 'skipped', message: 'the central directory holds 2 entries, its end record says 1; all 2 read', notScanned: true },
    ]);
  });

  it('an entry with a local header but no central directory record is read', async () => {
    const { code, report } = await scanJson(['local-only.zip'], HOSTILE);
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual(['US_SSN entry records.txt']);
  });

  it('reads ZIP64 archives (sizes and offsets in the ZIP64 extra fields and end record)', async () => {
    const { code, report } = await scanJson(['zip64.zip'], HOSTILE);
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([]);
    expect(where(report.findings)).toEqual(['US_SSN entry records.txt']);
  });
});
