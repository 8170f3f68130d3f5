import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { digitGroups, luhnValid, SEP_DASH, SEP_NONE, SEP_SPACE } from './common.js';

/** Card numbers published by payment processors and networks for testing. All pass Luhn. */
const TEST_NUMBERS: ReadonlySet<string> = new Set([
  // Visa
  '4111111111111111', '4242424242424242', '4012888888881881', '4222222222222', '4000056655665556',
  '4000000000000002', '4000000000000077', '4000000000009995', '4000000000000069', '4000000000000127',
  '4000000000000119', '4000002500003155', '4000002760003184', '4000000000003220', '4000000000000341',
  '4000000000000010', '4000000000000028', '4000000000000036', '4000000000000044', '4000000000000093',
  '4000000000000101', '4000000000000259', '4000000000003063', '4000000000009235', '4000000000009979',
  '4000000000009987', '4005519200000004', '4009348888881881', '4012000033330026', '4012000077777777',
  '4217651111111119', '4500600000000061', '4988438843884305', '4444333322221111', '4035501000000008',
  '4166676667666746', '4646464646464644', '4131840000000003',
  // Mastercard
  '5555555555554444', '5105105105105100', '2223003122003222', '5200828282828210', '5454545454545454',
  '5424000000000015', '5500000000000004', '2222400070000005', '5200000000001096', '2223000048400011',
  '5431111111111111', '5555341244441115',
  // American Express
  '378282246310005', '371449635398431', '378734493671000', '370000000000002', '340000000000009',
  '341111111111111',
  // Discover
  '6011111111111117', '6011000990139424', '6011000000000012', '6011601160116611', '6445644564456445',
  '6011000400000000', '6011981111111113',
  // Diners Club
  '30569309025904', '38520000023237', '36227206271667', '3056930009020004', '36700102000000',
  '36148900647913',
  // JCB
  '3530111333300000', '3566002020360505', '3566111111111113', '3528000700000000',
  // UnionPay
  '6200000000000005', '6205500000000000004', '6243030000000001', '6250946000000016', '6212345678901265',
  '6212345678901232', '6250941006528599',
]);

/** Maestro's own IINs (the 12–19 digit debit range beside Mastercard's 51–55). */
const MAESTRO_IINS: ReadonlySet<number> = new Set([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763]);

function prefixNumber(d: string, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 10 + (d.charCodeAt(i) - 48);
  return v;
}

/** The card brand for an IIN and length, or `null` when no listed network issues it. */
export function cardBrand(d: string): string | null {
  const len = d.length;
  const p1 = d.charCodeAt(0) - 48;
  const p2 = prefixNumber(d, 2);
  const p3 = prefixNumber(d, 3);
  const p4 = prefixNumber(d, 4);
  if (p1 === 4) return len === 13 || len === 16 || len === 19 ? 'Visa' : null;
  if (p4 === 1800 || p4 === 2131) return len === 15 ? 'JCB' : null;
  if (p1 === 1) return len === 15 ? 'UATP' : null;
  if (p4 === 5019) return len === 16 ? 'Dankort' : null;
  if (MAESTRO_IINS.has(p4)) return len >= 12 && len <= 19 ? 'Maestro' : null;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len === 16 ? 'Mastercard' : null;
  if (p2 === 34 || p2 === 37) return len === 15 ? 'American Express' : null;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65) return len >= 16 && len <= 19 ? 'Discover' : null;
  if (p2 === 62) return len >= 16 && len <= 19 ? 'UnionPay' : null;
  if (p4 >= 3528 && p4 <= 3589) return len >= 16 && len <= 19 ? 'JCB' : null;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return len >= 14 && len <= 19 ? 'Diners Club' : null;
  return null;
}

/**
 * Printed groupings: fours with a shorter last group (4-4-4-4, 4-4-4-4-3,
 * 4-4-4-1, and 4-4-4 for a 12-digit Maestro), Amex 4-6-5 and Diners 4-6-4.
 */
function groupingOk(groups: readonly number[], len: number): boolean {
  const n = groups.length;
  if (n < 2) return false;
  if (n === 3 && groups[0] === 4 && groups[1] === 6) {
    if (len === 15 && groups[2] === 5) return true;
    if (len === 14 && groups[2] === 4) return true;
  }
  for (let i = 0; i < n - 1; i++) if (groups[i] !== 4) return false;
  const last = groups[n - 1] ?? 0;
  return last >= 1 && last <= 4;
}

function validate({ value }: ValidatorInput): ValidatorResult {
  const g = digitGroups(value);
  if (g === null) return false;
  const d = g.digits;
  if (d.length < 12 || d.length > 19) return false;
  if (g.sep !== SEP_NONE) {
    if (g.sep !== SEP_SPACE && g.sep !== SEP_DASH) return false;
    if (!groupingOk(g.groups, d.length)) return false;
  }
  const brand = cardBrand(d);
  if (brand === null) return false;
  if (!luhnValid(d)) return false;
  if (TEST_NUMBERS.has(d)) return { valid: true, adjust: -0.5, note: 'public test card number' };
  return { valid: true, note: `${brand}, Luhn valid` };
}

export const creditCard: Validator = {
  name: 'credit-card',
  description: 'Payment card number: known network IIN and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Dankort, UATP), Luhn checksum, consistent 4-digit grouping (Amex 4-6-5, Diners 4-6-4); public test numbers scored down',
  validate,
};
