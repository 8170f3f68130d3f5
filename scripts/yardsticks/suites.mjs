/**
 * What each yardstick names its entities (mapped to pii-scan's) and why each suite's remaining
 * disagreements are deliberate: read by run.mjs, and by the tests without running a yardstick.
 */
/** Presidio's entity names → pii-scan's; null where pii-scan has no such detector. */
export const ENTITY_MAP = {
  CREDIT_CARD: 'CREDIT_CARD',
  US_SSN: 'US_SSN',
  US_ITIN: 'US_ITIN',
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  PHONE_NUMBER: 'PHONE_NUMBER',
  IBAN_CODE: 'IBAN_CODE',
  IP_ADDRESS: 'IP_ADDRESS',
  US_PASSPORT: 'US_PASSPORT',
  ABA_ROUTING_NUMBER: 'US_BANK_ROUTING',
  US_DRIVER_LICENSE: 'US_DRIVER_LICENSE',
  US_BANK_NUMBER: null,
};

/** redact-pii's placeholders → pii-scan's entities; null where pii-scan has no such detector. */
export const REDACT_PII_MAP = {
  CREDIT_CARD_NUMBER: 'CREDIT_CARD',
  US_SOCIAL_SECURITY_NUMBER: 'US_SSN',
  PHONE_NUMBER: 'PHONE_NUMBER',
  IP_ADDRESS: 'IP_ADDRESS',
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  STREET_ADDRESS: 'STREET_ADDRESS',
  PERSON_NAME: 'PERSON',
  LAST_NAME: 'PERSON',
  URL: null,
  DIGITS: null,
  ZIPCODE: null,
  USERNAME: null,
  PASSWORD: null,
  CREDENTIALS: null,
};

/** A case that names no entity: every finding of pii-scan's counts (a text with no PII expects none). */
export const ANY_ENTITY = '*';

/** openredaction's types (PHONE for its PHONE_* types) → pii-scan's entities. */
export const OPENREDACTION_MAP = {
  EMAIL: 'EMAIL_ADDRESS',
  PHONE: 'PHONE_NUMBER',
  CREDIT_CARD: 'CREDIT_CARD',
  SSN: 'US_SSN',
  IBAN: 'IBAN_CODE',
  NAME: 'PERSON',
  ANY: ANY_ENTITY,
};

/**
 * Why a suite's disagreements are deliberate, per yardstick and suite: printed above its cases. A
 * disagreement that is not deliberate is a bug to fix, not a line to add here.
 */
export const DIFFERENCES = {
  Presidio: {
    credit_card:
      'Public test card numbers (4111 1111 1111 1111, 4012 8888 8888 1881 …) are scored down to 0–0.2 and a bare run of digits with no context to 0.45: reported at `--min-confidence 0`. A grouped card right after another number and one space is not a candidate (a run of groups is not cut into cards).',
    us_ssn: 'A bare 9-digit number is ambiguous (SSN, ITIN, passport, routing number, licence): without a context word it is scored 0.05–0.15, with spaces or dots 0.3. Mixed groupings (`078-051121`) are not SSNs.',
    us_itin: 'As for SSNs: a bare 9-digit number without a tax word is scored down; mixed groupings are not ITINs.',
    phone:
      "The fictional 555-0100…0199 range is scored down (0.35 with context, 0.05 without). Presidio's suite reads JP, CN and IL national formats without a `+` and without a phone word; pii-scan reads national formats for the regions of `--region` or of a country named near the number (`Israeli` counts), and only after a phone word (`number` alone is not one).",
    ip: 'Documentation ranges (192.0.2.0/24, 2001:db8::/32) and loopback (::1) are scored down, and a short compressed IPv6 address (`fe80::1`) is weak alone, since `::` is everywhere in code; 0.0.0.0 and a bare `::` are never reported. A CIDR prefix is reported as its address (an overlap), a zone index is left out, and an address inside a longer dotted or word token is not reported (a version, OID or identifier).',
    us_passport: 'A bare 9-digit number without passport context is scored 0.1; where another rule is surer on the same span, the passport is its alternative.',
    aba_routing: 'A routing number needs routing context; a bare one is scored 0.1 or is another rule\'s alternative.',
    us_bank: 'US_BANK_NUMBER (a bare account number) has no pii-scan detector.',
    us_driver_license: 'Licence numbers need licence context (DL, DLN, driver\'s license) or a state beside them; bare letter-digit tokens are not reported, and sequential placeholders are not licences.',
  },
  'redact-pii': {
    PERSON_NAME:
      "redact-pii's names are its test's own (one given name alone in a sign-off: `thanks Joshua`, `-Jon`, `Anna` on its own line; `Foo Bar`). pii-scan's PERSON (docs/people.md) reports a name after a label, a title or a greeting, or a first and last name its name lists know; a lone given name with no such context is an everyday word too often to report, and a two-word pair no name list knows is scored below the default threshold (reported at `--min-confidence 0`). A greeting or a verb before a name (`Dear Clifford`, `Call John`) is never part of the span.",
    PHONE_NUMBER: 'The test numbers use the 555 area code, which is not assigned: libphonenumber-js finds them invalid. `(+44)` is reported from the `+` on (an overlap).',
    CREDIT_CARD_NUMBER: 'The test numbers fail the Luhn check: not card numbers.',
    US_SOCIAL_SECURITY_NUMBER: '123-45-6789 is the advertised sample SSN, on the rule\'s deny list.',
    DIGITS: 'pii-scan does not report bare digits.',
    IP_ADDRESS: 'Nine groups of hex digits are not an IPv6 address (eight at most).',
    STREET_ADDRESS: 'pii-scan reports the whole address, city, state and ZIP included, as one finding (an overlap of the street part).',
    ZIPCODE: 'A ZIP code is part of its STREET_ADDRESS finding, not an entity of its own.',
    USERNAME: 'Credentials are not detected by pii-scan (a secrets scanner\'s job).',
    PASSWORD: 'Credentials are not detected by pii-scan (a secrets scanner\'s job).',
    CREDENTIALS: 'Credentials are not detected by pii-scan (a secrets scanner\'s job).',
    URL: 'pii-scan does not report URLs.',
  },
  openredaction: {
    EMAIL:
      "Addresses at the reserved documentation domains (example.com, .org, .net: RFC 2606) are scored down to 0.25–0.4 and reported at `--min-confidence 0`; openredaction's own tests disagree with each other here (its `detect` tests expect `john@example.com`, its false-positive filter drops it). test.com is a registered domain, not a reserved one: `johndoe@test.com` is an address.",
    PHONE:
      "The numbers are in the UK's 07700 900… range, which Ofcom keeps for drama and never assigns: libphonenumber-js finds them invalid (as it does the 555 numbers of redact-pii's tests), also with `--region GB`. Written without `+44`, a national number is read only for the regions of `--region` (default US) or of a country the message names (docs/detectors.md, Phone regions).",
    CREDIT_CARD:
      'A card number alone, with no card word (a validator test\'s value), is scored 0.45, under the default threshold; 4111 1111 1111 1111 is a published test number (0.2). Both are reported at `--min-confidence 0`.',
    SSN: "123-45-6789 is the advertised sample SSN (and 123 45 6789, 123456789 the same number), on the rule's deny list; openredaction's validator accepts it.",
    NAME:
      "A name in a code comment (`// John Smith wrote this`) is still a person's name (an author in source is PII), so it is reported. `Point A` and `Smith Corp` are scored below the default threshold (PERSON belongs to docs/people.md).",
  },
};
