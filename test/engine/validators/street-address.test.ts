import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { check, isValid } from './helpers.js';
import { getValidator } from '../../../src/engine/validators/index.js';
import { statesOfZipPrefix } from '../../../src/engine/validators/street-address.js';
import { AMBIGUOUS_SUFFIXES, STREET_SUFFIXES } from '../../../src/engine/validators/street-suffixes.js';

const adjust = (value: string): number => check('street-address', value).adjust ?? 0;

describe('ZIP prefix table', () => {
  it.each([
    [5, 'NY'], [100, 'NY'], [149, 'NY'], [21, 'MA'], [606, 'IL'], [627, 'IL'], [733, 'TX'], [885, 'TX'], [201, 'VA'],
    [200, 'DC'], [902, 'CA'], [995, 'AK'], [967, 'HI'], [6, 'PR'], [969, 'GU'], [340, 'AA'],
  ])('prefix %i belongs to %s', (prefix, state) => {
    expect(statesOfZipPrefix(prefix)).toContain(state);
  });

  it.each([0, 4, 213, 269, 999 + 1])('prefix %i is no state\'s', (prefix) => {
    expect(statesOfZipPrefix(prefix)).toBeUndefined();
  });

  it('is what scripts/zip-prefixes.mjs writes', () => {
    const generated = execFileSync(process.execPath, ['--input-type=module', '-e', "import { render } from './scripts/zip-prefixes.mjs'; process.stdout.write(render());"], { encoding: 'utf8' });
    expect(readFileSync('src/engine/validators/zip-prefixes.ts', 'utf8')).toBe(generated);
  });
});

describe('street-address validator', () => {
  it('raises a city, state and ZIP, most when the ZIP prefix is the state\'s', () => {
    const bare = adjust('1423 N Elm St');
    const agrees = adjust('1423 N Elm St, Springfield, IL 62704');
    const disagrees = adjust('1423 N Elm St, Springfield, IL 10001');
    expect(agrees).toBeGreaterThan(bare);
    expect(disagrees).toBeLessThan(agrees);
    expect(disagrees).toBeGreaterThanOrEqual(bare);
    expect(check('street-address', '1423 N Elm St, Springfield, IL 10001').note).toContain("NY's, not IL's");
  });

  it('raises a unit', () => {
    expect(adjust('1423 N Elm St Apt 3B')).toBeGreaterThan(adjust('1423 N Elm St'));
    expect(adjust('350 W 42nd St #210')).toBeGreaterThan(adjust('350 W 42nd St'));
  });

  it('lowers an everyday-word suffix with no unit and no city', () => {
    expect(adjust('12 Oak Park')).toBeLessThan(adjust('12 Oak Ave'));
    expect(adjust('12 Oak Park, Apt 2')).toBeGreaterThan(adjust('12 Oak Park'));
    expect(adjust('12 Oak Park, Austin, TX 78701')).toBeGreaterThan(adjust('12 Oak Ave'));
  });

  it('reads the street in capitals and with a numbered name', () => {
    expect(isValid('street-address', '4410 OLD MILL RD UNIT 4')).toBe(true);
    expect(isValid('street-address', '1819 W 12TH ST, DES MOINES IA 50314')).toBe(true);
    expect(check('street-address', '29 Prospect Park West, Brooklyn, NY 11215').note).toContain('park');
  });

  it('accepts routes and boxes', () => {
    expect(check('street-address', '23110 State Route 9, Apt 2').note).toContain('route');
    expect(check('street-address', 'P.O. Box 123, Austin, TX 78701').note).toContain('PO box');
    expect(isValid('street-address', 'RR 2 Box 18')).toBe(true);
  });

  it.each([
    '3 blocks down the street', // prose: lower-case words
    '3 Blocks down the Street',
    '12 Main street', // lower-case suffix
    '1423 N Elm St, Springfield, XX 62704', // no such state
    '1423 N Elm St, Springfield, il 62704',
    '12 Apples, Pears, and Plums, Fruit IL 62704', // no street suffix before the city
  ])('rejects %j', (value) => {
    expect(isValid('street-address', value)).toBe(false);
  });
});

describe('street-address validator: real-world shapes', () => {
  const around = (value: string, text: string, at = text.indexOf(value)) => getValidator('street-address')!.validate({ value, options: {}, settings: { defaultRegion: 'US' }, around: text, at });
  const accepted = (r: ReturnType<typeof around>) => (typeof r === 'boolean' ? r : r.valid);

  it('reads an address in lower case only with a unit, an agreeing city and ZIP, or a word for a place before it', () => {
    expect(isValid('street-address', '5120 s halsted st')).toBe(false);
    expect(accepted(around('5120 s halsted st', 'drop it off at 5120 s halsted st'))).toBe(true);
    expect(accepted(around('5120 s halsted st', 'there were 5120 s halsted st'))).toBe(false);
    expect(isValid('street-address', '77 n main st apt 2b')).toBe(true);
    expect(check('street-address', '402 e olive ave unit 9 fresno ca 93728').note).toContain("ZIP prefix is CA's");
    // Prose, even after a cue: a word of prose is no street name.
    expect(accepted(around('5 on main st', 'meet at 5 on main st'))).toBe(false);
    expect(accepted(around('3 blocks down the street', 'at 3 blocks down the street'))).toBe(false);
    // An everyday-word suffix in lower case needs more than a cue.
    expect(accepted(around('12 oak park', 'at 12 oak park'))).toBe(false);
    // The cue is read before this copy of the value, not the first copy in the text.
    const twice = 'there were 5120 s halsted st signs; drop it off at 5120 s halsted st';
    expect(accepted(around('5120 s halsted st', twice, twice.lastIndexOf('5120')))).toBe(true);
    expect(accepted(around('5120 s halsted st', twice, twice.indexOf('5120')))).toBe(false);
  });

  it('reads street types before the name', () => {
    expect(check('street-address', '880 Camino del Rio, San Diego, CA 92108').note).toContain('street type camino');
    expect(isValid('street-address', '14 Calle Sol Apt 2')).toBe(true);
    expect(isValid('street-address', '301 Avenida Las Palmas')).toBe(true);
    expect(isValid('street-address', '55 Via Tesoro')).toBe(true);
    expect(isValid('street-address', '12 Paseo Grande')).toBe(true);
    expect(isValid('street-address', '1200 Avenue of the Pines')).toBe(true);
    expect(isValid('street-address', '1200 Avenue Lopez')).toBe(false);
    expect(isValid('street-address', '3 Via FedEx')).toBe(false);
    expect(isValid('street-address', '2 Via UPS')).toBe(false);
    // A street type before the name is no copyright year's neighbour.
    expect(adjust('2029 Calle Rosa Maria')).toBe(adjust('1423 Calle Rosa Maria'));
  });

  it('reads a name with an honorific inside, and Dr as a name word before another suffix', () => {
    expect(check('street-address', '22 Dr Carter G Woodson Ave').note).toContain('suffix avenue');
    expect(check('street-address', '4100 Dr Martin Luther King Jr Blvd').note).toContain('suffix boulevard');
    expect(isValid('street-address', '900 Rev Ralph David Abernathy Blvd SW')).toBe(true);
  });

  it('reads grid, hyphenated, fractional and lettered-road house numbers', () => {
    for (const v of ['N8123 Elm Rd', 'W231S5678 Oak Ct', '72-15 37th Ave', '1214 1/2 Pine St']) expect([v, isValid('street-address', v)]).toEqual([v, true]);
    expect(check('street-address', '1450 E 900 S').note).toContain('grid');
    expect(check('street-address', '1450 E 900 S, Salt Lake City, UT 84105').adjust).toBeGreaterThan(0.3);
    expect(check('street-address', 'W2950 County Road JJ').note).toContain('route');
    expect(isValid('street-address', '1450 E 905 S')).toBe(false);
  });

  it('reads OCR look-alikes in a house number only before a street with a real suffix', () => {
    for (const v of ['2O5 Birch Ave', 'l17 Main St', '4I0 Oak Dr']) expect(check('street-address', v).note).toContain('OCR');
    expect(isValid('street-address', 'lOl Main St')).toBe(false); // mostly letters
    expect(isValid('street-address', '2O5 Birch Park')).toBe(false); // an everyday-word suffix
    expect(isValid('street-address', 'L17 Main St')).toBe(false); // no look-alike of a digit
  });

  it('reads general delivery and military mail', () => {
    expect(check('street-address', 'General Delivery, Kayenta, AZ 86033').note).toContain('general delivery');
    for (const v of ['PSC 1234 Box 567, APO AE 09012', 'CMR 480 Box 23, APO AE 09128', 'Unit 2050 Box 44, DPO AP 96521', 'USS Nimitz FPO AP 96620', 'PSC 1234 Box 567']) {
      expect([v, check('street-address', v).note]).toEqual([v, expect.stringContaining('military')]);
    }
    expect(isValid('street-address', 'Unit 2050 Box 44')).toBe(false);
  });

  it('reads a street with no suffix before a unit and a ZIP that is the state\'s, and a numbered route\'s box', () => {
    expect(check('street-address', '332 Grand Concourse Apt 6F, Bronx, NY 10451').note).toContain('no suffix');
    expect(check('street-address', '332 Grand Concourse Apt 6F, Bronx, NY 10451').adjust).toBeLessThan(adjust('332 Grand Ave Apt 6F, Bronx, NY 10451'));
    expect(isValid('street-address', '332 Grand Concourse Apt 6F, Bronx, NJ 10451')).toBe(false);
    expect(isValid('street-address', '332 Grand Concourse, Bronx, NY 10451')).toBe(false);
    expect(check('street-address', 'Route 9 Box 12, Elkins, WV 26241').note).toContain('PO box or rural route');
  });

  it('raises every USPS unit designator', () => {
    for (const unit of ['Fl 3', 'Floor 3', 'Rm 4', 'Lot 12', 'Spc 9', 'Space 9', 'Trlr 4', 'Bsmt', 'Frnt', 'Rear', 'Dept 7', 'Ofc 2', 'Ph 2', 'Pier 39', 'Slip 4', 'Hngr 2', 'Lbby', 'Lowr', 'Uppr']) {
      expect([unit, adjust(`400 Elm St ${unit}`)]).toEqual([unit, adjust('400 Elm St Apt 2')]);
    }
  });
});

describe('street-address validator: Puerto Rico, boxes, ranges, routes and bases', () => {
  const around = (value: string, text: string, at = text.indexOf(value)) => getValidator('street-address')!.validate({ value, options: {}, settings: { defaultRegion: 'US' }, around: text, at });
  const accepted = (r: ReturnType<typeof around>) => (typeof r === 'boolean' ? r : r.valid);
  const note = (value: string) => check('street-address', value).note ?? '';

  it('reads a Puerto Rico address before a PR city and ZIP, and the street type first with the number after the name', () => {
    expect(note('Urb. Las Palmas, Calle Ceiba F-12, Mayaguez, PR 00680')).toContain('Puerto Rico address');
    expect(note('URB SANTA ROSA, 41 CALLE 7, BAYAMON PR 00959')).toContain('Puerto Rico address');
    expect(isValid('street-address', 'Urb. Las Palmas, Calle Ceiba F-12, Mayaguez, TX 00680')).toBe(false); // a ZIP that is not the state's
    expect(isValid('street-address', 'Urb. Las Palmas, Mayaguez, TX 75001')).toBe(false); // a PR lead, no PR
    for (const v of ['Calle Luna 318', 'CALLE PALMA 27', 'Calle Ceiba F-12', 'Carr. 3 Km 14.2', 'Km 4.3 Carr 172', 'Res. Las Gladiolas Edif 7 Apt 114', 'Cond. Torres del Mar, Apt 9C']) {
      expect([v, note(v)]).toEqual([v, expect.stringContaining('Puerto Rico street or complex')]);
    }
  });

  it('reads a highway-contract box, and a bare box or drawer only with a city, state and ZIP', () => {
    expect(note('HCR 3 Box 82, Salmon, ID 83467')).toContain('PO box');
    expect(isValid('street-address', 'HCR 3 Box 82')).toBe(true);
    for (const v of ['Box 211, Kotzebue, AK 99752', 'Caller Box 3100, Tamuning, GU 96931', 'Drawer 7, Marfa, TX 79843']) expect([v, note(v)]).toEqual([v, expect.stringContaining('PO box')]);
    expect(isValid('street-address', 'Box 211')).toBe(false);
  });

  it('reads a house-number range on one block, and a Hawaii zone and lot only in Hawaii', () => {
    expect(isValid('street-address', '1502-1506 Oak St')).toBe(true);
    expect(isValid('street-address', '8080-8443 Main St')).toBe(false); // no building spans that
    expect(isValid('street-address', '1506-1502 Oak St')).toBe(false);
    expect(adjust('2019-2021 Main St')).toBeLessThan(adjust('1502-1506 Oak St')); // years
    expect(isValid('street-address', '94-1035 Kipou St, Waipahu, HI 96797')).toBe(true);
    expect(isValid('street-address', '94-1035 Kipou St, Portland, OR 97201')).toBe(false);
    expect(accepted(around('45-210 Kamehameha Hwy', 'home: 45-210 Kamehameha Hwy, Kaneohe, Hawaii'))).toBe(true);
    expect(accepted(around('45-210 Kamehameha Hwy', 'home: 45-210 Kamehameha Hwy'))).toBe(false);
  });

  it('reads US-1 and SR-60 routes, tribal routes (surer with the mile), a building on a base and a naval ship', () => {
    expect(note('3120 US-1 N')).toContain('numbered route');
    expect(note('2200 SR-60')).toContain('numbered route');
    expect(note('4410 Navajo Route 12')).toContain('numbered route');
    expect(note('Navajo Route 12, Mile 9')).toContain('tribal route');
    expect(adjust('BIA Route 15')).toBeLessThan(adjust('BIA Route 15 Mile 3'));
    expect(note('Bldg 3310, Rm 5, Fort Bragg, NC 28310')).toContain('building');
    expect(isValid('street-address', 'Bldg 3310, Rm 5, Fort Bragg, NC 10001')).toBe(false);
    expect(note('USNS Comfort, FPO AA 34090')).toContain('military');
  });

  it('takes "near" as a word for a place before a lower-case street', () => {
    expect(accepted(around('640 w santa clara st', 'near 640 w santa clara st san jose'))).toBe(true);
  });

  it('takes "on" and "outside" as words for a place before a lower-case street', () => {
    expect(accepted(around('318 n garfield ave', 'the blue car on 318 n garfield ave'))).toBe(true);
    expect(accepted(around('318 n garfield ave', 'wait outside 318 n garfield ave'))).toBe(true);
  });

  it('reads a lower-case house number of two digits or more, a direction and a numbered street with no cue', () => {
    const v = around('2716 w 38th st', 'ok 2716 w 38th st is the one');
    expect(accepted(v)).toBe(true);
    expect(typeof v === 'object' && v.note).toContain('a direction and a numbered street');
    expect(accepted(around('5 e 9th st', 'take 5 e 9th st exits'))).toBe(false); // one digit: a count
    expect(accepted(around('2716 w 38th way', 'ok 2716 w 38th way is the one'))).toBe(false); // everyday-word suffix
    expect(accepted(around('2716 w maple st', 'ok 2716 w maple st is the one'))).toBe(false); // not numbered
  });

  it('reads a city (and state) with no ZIP after a lower-case street only after a word for a place', () => {
    expect(check('street-address', '2210 n vine st hollywood').valid).toBe(false);
    const v = around('640 w santa clara st san jose ca', 'near 640 w santa clara st san jose ca');
    expect(accepted(v)).toBe(true);
    expect(typeof v === 'object' && v.note).toContain('with a city and no ZIP');
    expect(accepted(around('640 w santa clara st san jose zz', 'near 640 w santa clara st san jose zz'))).toBe(false); // no such state
    expect(accepted(around('12 main st then we', 'at 12 main st then we'))).toBe(false); // prose after it
    expect(accepted(around('12 Main St Springfield', 'I live at 12 Main St Springfield.'))).toBe(false); // only in lower case
  });
});

describe('street suffixes', () => {
  it('every suffix the rule names is in the USPS list', () => {
    const rule = readFileSync('rules/street-address.yaml', 'utf8');
    const groups = [...rule.matchAll(/\(\?:(st\(\?:reet\)\?\|[^\n]*?|way\|[^\n]*?)\)(?:\\\.\?|\))/g)].map((m) => m[1]!);
    expect(groups.length).toBe(4);
    // Expand the written alternation (st(?:reet)? → st, street) and look each form up.
    const forms = groups.flatMap((g) => expand(g));
    for (const f of forms) expect([f, STREET_SUFFIXES.has(f)]).toEqual([f, true]);
  });

  it('marks only listed suffixes as ambiguous', () => {
    for (const s of AMBIGUOUS_SUFFIXES) expect([s, STREET_SUFFIXES.get(s)]).toEqual([s, s]);
  });
});

/** Every string a small alternation of literals and optional groups matches. */
function expand(re: string): string[] {
  const rx = new RegExp(`^(?:${re})$`);
  // Candidates: each branch with and without its optional parts, kept when the alternation matches them.
  return splitTop(re)
    .flatMap(variants)
    .filter((c) => rx.test(c));
}

function splitTop(re: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of re) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** `st(?:reet)?` → st, street; `b(?:oulevard|lvd)` → boulevard, blvd; `r(?:oa)?d` → rd, road. */
function variants(branch: string): string[] {
  const m = /^([a-z]*)\(\?:([a-z|]+)\)(\??)([a-z]*)$/.exec(branch);
  if (!m) return [branch];
  const [, pre, inner, opt, post] = m;
  const mids = inner!.split('|');
  if (opt) mids.push('');
  return mids.map((x) => `${pre}${x}${post}`);
}

describe("an organisation's published address", () => {
  it('is found, below the default threshold, where a licence or an organisation names it; a person at an address is reported', async () => {
    const { scanText } = await import('../../../src/engine/scanner.js');
    const { SETTINGS, shippedRules } = await import('../../helpers/rules.js');
    const rules = await shippedRules();
    const addresses = (text: string) => scanText(rules, text, SETTINGS).filter((f) => f.entity === 'STREET_ADDRESS');
    for (const text of [
      '1. This LICENSE AGREEMENT is between Example Labs ("Licensor"), having an\noffice at 160 Quarry Avenue, Santa Clara, CA 95051, and the Licensee',
      'Widget Devices, Inc.\nSupport Products Group\nMail Stop 573\n5900 E. Ben White Blvd.\nAustin, TX 78741',
    ]) {
      const found = addresses(text);
      expect(found).toHaveLength(1);
      expect(found[0]!.confidence).toBeLessThan(0.5);
    }
    expect(addresses('Contact Grady Ward\n3449 Martha Ct.\nArcata, CA  95521-4884')[0]!.confidence).toBeGreaterThanOrEqual(0.5);
  });
});
