/** Findings kept by a caller must not keep the scanned text alive: memory stays bounded by what is kept. */
import { beforeAll, expect, it } from '@jest/globals';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { scanText } from '../../src/engine/scanner.js';
import type { RuleSet } from '../../src/engine/ruleset.js';
import type { Finding } from '../../src/model/finding.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

it('keeps no scanned text alive through the findings it returns or what it caches', () => {
  const scan = (count = 300): Finding[] => {
    // About 40 MB of text with a long value (an e-mail address) in every 130 KB: each finding's
    // value is cut from a different chunk of the scanner's buffer.
    const filler = `${'routine log line without anything in it\n'.repeat(3200)}`;
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(`Contact r.lopez${i}@agency-mail.gov about the case.\n`, filler);
    return scanText(rules, parts.join(''), SETTINGS);
  };
  // What a first scan loads for good (name tables, patterns compiled on first use) is not scanned text.
  scan(2);
  gc();
  const before = getHeapStatistics().used_heap_size;
  const findings = scan();
  /x/.exec('x'); // V8 keeps the last subject a regular expression searched: make it this one
  gc();
  const held = getHeapStatistics().used_heap_size - before;
  expect(findings.filter((f) => f.entity === 'EMAIL_ADDRESS')).toHaveLength(300);
  expect(held).toBeLessThan(8 * 1024 * 1024);
});
