import { describe, expect, it } from '@jest/globals';
import { personNamesIn } from '../../helpers/rules.js';

/** The PERSON values reported in `text` at the default threshold. */
const names = await personNamesIn();

// Issue 21, fourth round: names the lists only half know, found by where they stand.
describe('a line that is a record holds a name in its first field', () => {
  it.each([
    ['Wanjiru Kamau, volunteer coordinator', ['Wanjiru Kamau']],
    ['Wanjiru Kamau | Intake | ext. 2210', ['Wanjiru Kamau']],
    ['-- Meera Pillai | Paralegal | (312) 555-0148', ['Meera Pillai']],
    ['Anjali Venkataraman - night nurse - Mon/Wed', ['Anjali Venkataraman']],
    ['* Wanjiru Kamau (volunteer)', ['Wanjiru Kamau']],
    // A list of two people is no LAST, FIRST: the first is still read alone.
    ['Yulia Tkachuk, Bohdana Tkachuk (parents)', ['Yulia Tkachuk', 'Bohdana Tkachuk']],
  ])('%s', (text, value) => {
    expect(names(text)).toEqual(value);
  });

  it('reads the later items of a numbered list on one line', () => {
    expect(names('1. Ifeanyi Okeke 2. Meera Pillai 3. Wanjiru Kamau')).toEqual(['Ifeanyi Okeke', 'Meera Pillai', 'Wanjiru Kamau']);
  });

  it.each(['Getting Started | Installation | FAQ', 'Release Notes - Version 2', '1. Open Settings 2. Click Apply', 'Dallas Cowboys - schedule', 'Kubernetes Engine, managed clusters', '-- Release Notes'])(
    'quiet: %s',
    (text) => {
      expect(names(text)).toEqual([]);
    },
  );
});

describe('a family relation names the person next to it', () => {
  it.each([
    // Names no list knows: the relation vouches for them as a label would.
    ['He moved in with his wife Nkiruka last year.', 'Nkiruka'],
    ['Grandfather (Kobina) declined to comment.', 'Kobina'],
    ['Emergency: Kobina (brother) 555-0123', 'Kobina'],
  ])('%s', (text, value) => {
    expect(names(text)).toEqual([value]);
  });

  it.each(['Mother Nature (documentary)', 'Sister Act (film) is on tonight', "Mother's Day brunch is booked."])('quiet: %s', (text) => {
    expect(names(text)).toEqual([]);
  });
});

describe('a signature after a dash, an adverb before said, and he or she after a name', () => {
  it.each([
    ['Sent from my phone -- Yolanda', 'Yolanda'],
    // An adverb between a name and said or texted.
    ['omg Svetlana just texted me', 'Svetlana'],
    ['Anjali Venkataraman was released on her own bond.', 'Anjali Venkataraman'],
  ])('%s', (text, value) => {
    expect(names(text)).toEqual([value]);
  });

  it.each(['we went to Georgia and she loved it', 'the meeting moved to Monday, he said', 'I use Python and it works'])('quiet: %s', (text) => {
    expect(names(text)).toEqual([]);
  });
});
