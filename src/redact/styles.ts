/**
 * What a redacted value becomes. Every style's output is chosen so that scanning it again
 * finds nothing: masks keep no more than the last four digits, placeholders and pseudonyms
 * carry no digits at all.
 */
import { createHmac } from 'node:crypto';
import { normalizeValue, type MaskStyle, type RedactStyle } from '../model/rule.js';
import { maskShape } from '../masking/mask.js';

/** Letters only (no vowels that spell words, no l/o that read as 1/0): a pseudonym never looks like a number. */
const PSEUDONYM_ALPHABET = 'bcdfghjkmnpqrstvwxz';
const PSEUDONYM_LENGTH = 10;
/** A key shorter than this is refused: a guessable key makes pseudonyms reversible by brute force. */
export const MIN_KEY_BYTES = 16;

export type Pseudonymizer = (entity: string, value: string) => string;

/**
 * A keyed pseudonym (HMAC-SHA256): the same value gives the same pseudonym in every file and
 * run with the same key, so redacted documents still join up; without the key it reveals nothing.
 * Separators and case are ignored, so 536-22-4391 and 536 22 4391 agree.
 */
export function pseudonymizer(key: Buffer): Pseudonymizer {
  if (key.length < MIN_KEY_BYTES) throw new Error(`the key must be at least ${MIN_KEY_BYTES} bytes`);
  return (entity, value) => {
    const mac = createHmac('sha256', key).update(`${entity}\u0000${normalizeValue(value)}`).digest();
    let out = '';
    for (let i = 0; i < PSEUDONYM_LENGTH; i++) out += PSEUDONYM_ALPHABET[mac[i]! % PSEUDONYM_ALPHABET.length];
    return out;
  };
}

export interface Replacement {
  entity: string;
  style: RedactStyle;
  /** The rule's mask style: `last4` keeps the last four characters when masking. */
  mask: MaskStyle;
}

export function replacementText(value: string, r: Replacement, pseudonym?: Pseudonymizer): string {
  switch (r.style) {
    case 'remove':
      return '';
    case 'placeholder':
      return `[${r.entity}]`;
    case 'hash':
      if (!pseudonym) throw new Error('hash redaction needs a key');
      return `[${r.entity}:${pseudonym(r.entity, value)}]`;
    default:
      return maskShape(value, r.mask === 'last4');
  }
}
