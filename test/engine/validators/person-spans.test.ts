import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MIN_CONFIDENCE } from '../../../src/cli/shared-options.js';
import { scanText } from '../../../src/engine/scanner.js';
import { SETTINGS, shippedRules } from '../../helpers/rules.js';

const rules = await shippedRules();
const people = (text: string) => scanText(rules, text, SETTINGS).filter((f) => f.entity === 'PERSON');
/** The PERSON values reported in `text` at the default threshold. */
const names = (text: string): string[] => people(text).filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE).map((f) => f.value);
/** Every PERSON value at any confidence: what redaction at --min-confidence 0 would mask. */
const anyNames = (text: string): string[] => people(text).map((f) => f.value);

describe('PERSON spans are the name only (issue 21)', () => {
  it.each([
    ['Call John at 07700-900-123 for details', 'John'],
    ['Dear Clifford,\n blah blah', 'Clifford'],
    ['Tell Fatima the forms are ready', 'Fatima'],
    ['Ask Rahul Sharma about the lease', 'Rahul Sharma'],
    ['Email Kwame Mensah the contract', 'Kwame Mensah'],
  ])('%s', (text, value) => {
    // Redaction masks what a span covers: the greeting or verb must stay readable at any threshold.
    for (const v of anyNames(text)) expect(value.includes(v)).toBe(true);
  });

  it('still reads a surname that is also a verb after a title', () => {
    expect(names('Mr. Call signed the form')).toEqual(['Call']);
  });
});

describe('second names, capitals after a label, unknown names after a strong label (issue 21)', () => {
  it.each([
    ['Dear Ananya and Vikram,', ['Ananya', 'Vikram']],
    ['Hi Oksana & Dmitri,', ['Oksana', 'Dmitri']],
    ['To: Samira Benali; Yaw Boateng', ['Samira Benali', 'Yaw Boateng']],
    ['Witness: Maria Garcia, Tunde Bakare', ['Maria Garcia', 'Tunde Bakare']],
    ['OPERATOR: KHOURY, RAMI  LIC STATUS: VALID', ['KHOURY, RAMI']],
    ['Driver: Amadou Bah', ['Amadou Bah']],
    ['Next of kin: Tavita Mauga', ['Tavita Mauga']],
  ])('%s', (text, values) => {
    expect(names(text)).toEqual(values);
  });

  it.each([
    'Dear Sir and Madam,',
    'Dear Sir or Madam, and Colleagues,',
    'Smith & Wesson recalled a model.',
    'Terms and Conditions apply.',
    'Johnson & Johnson reported earnings.',
    'To: All Staff; Night Shift',
    'Owner: Platform Team',
    'Subject: Quarterly Report',
    'Driver: Realtek Audio',
    'Driver: NVIDIA GeForce',
    'Status: Not Started',
    'Contact: Sales Team, Support Desk',
    'OPERATOR: NAT, IP',
    'Driver: Summer Audio',
  ])('quiet: %s', (text) => {
    expect(names(text)).toEqual([]);
  });

  // The label is read before this copy of the value, not before the first copy in the text.
  it('reads the label before the copy being judged when a value stands twice', () => {
    expect(anyNames('Amadou Bah waved.\nDriver: Amadou Bah')).toEqual(['Amadou Bah']);
    expect(people('Amadou Bah waved.\nDriver: Amadou Bah').map((f) => f.line)).toEqual([2]);
    expect(people('Driver: Amadou Bah\nAmadou Bah waved.').map((f) => f.line)).toEqual([1]);
  });
});
