import { describe, expect, it } from '@jest/globals';
import { personNamesIn } from '../../helpers/rules.js';
import { check } from './helpers.js';

/** The PERSON values reported in `text` at the default threshold. */
const names = await personNamesIn();

describe('firms and brands named after people', () => {
  it('count for nothing in running text', () => {
    for (const v of ['Merrill Lynch', 'Hogan Lovells', 'Estee Lauder', "Marie Callender's", 'Dean Witter Reynolds']) {
      const r = check('person-name', v);
      expect(r.valid && r.adjust).toBe(0);
    }
  });

  it.each([
    'Her pension sits with Merrill Lynch these days.',
    'Latham Watkins and Skadden Arps both bid for the work.',
    'He bought a Tommy Hilfiger jacket for the trip.',
    'The Duncan Hines mix was on sale.',
    'Dean Witter Reynolds merged with another broker.',
    'The family had stock in Vera Wang for years.',
    'Grandpa still swears by Betty Crocker.',
  ])('quiet: %s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it.each([
    // A title or a label still says a person is meant.
    ['Mr. Ralph Lauren greeted the guests.', 'Ralph Lauren'],
    ['Witness: Michael Kors', 'Michael Kors'],
    // The firm's words in a person's LAST, FIRST order are a person's.
    ['Klein, Calvin was seen leaving', 'Klein, Calvin'],
  ])('found: %s', (text, value) => {
    expect(names(text)).toEqual([value]);
  });
});

describe('ships, buildings and named things', () => {
  it.each([
    'We sailed past the Lady Margaret at dawn.',
    'The Henry Hudson left the pier at nine.',
    'USS Arleigh Burke returned to Norfolk.',
    'Visitors filled St. Francis Xavier on Sunday.',
    'Lunch is at the Hancock Tower today.',
  ])('quiet: %s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it.each([
    ['Captain Henry Hudson spoke first.', 'Henry Hudson'],
    ['Yesterday Margaret Okoye said no.', 'Margaret Okoye'],
  ])('found: %s', (text, value) => {
    expect(names(text)).toEqual([value]);
  });
});

describe('places and lists of places', () => {
  it.each([
    'Warren, Grant and Clay counties closed their offices.',
    'Harrison, Morgan, Logan and Boone are on the route.',
    'Santa Clara and San Mateo share the line.',
    'The shuttle stops in Shaker Heights and Cedar Falls.',
    'Dakota City and Carson City reported snow.',
    // A city before a dotted state is no LAST, initial.
    'The plant moved to Durham, N.C. in the spring.',
    'Greenville, S.C. and Concord, N.H. sent crews.',
  ])('quiet: %s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it.each([
    // A label vouches for the pair; capitals are a record's LAST, FIRST.
    ['Witness: Warren, Grant', 'Warren, Grant'],
    ['Victim: Logan Boone', 'Logan Boone'],
    ['HARRISON, MORGAN DOB 02/03/1991', 'HARRISON, MORGAN'],
    ['Okafor, Grant was seen leaving', 'Okafor, Grant'],
    ['Mensah, K. signed in', 'Mensah, K'],
  ])('found: %s', (text, value) => {
    expect(names(text)).toEqual([value]);
  });
});
