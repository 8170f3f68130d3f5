/**
 * A draft (.eml) for the send guard: its recipients from To, Cc and Bcc, read with the same email
 * reader the scan uses (src/documents/eml.ts). The draft's content (every header, body part and
 * attachment) is scanned as `pii-scan scan draft.eml` scans it; only its own addresses are left
 * out of the findings, since the guard checks those against the roster itself.
 */
import type { FindingLocation } from '../model/location.js';
import { parseMail } from '../documents/eml.js';
import { parseAddress, parseAddressList } from './recipients.js';

export interface DraftRecipient {
  header: 'To' | 'Cc' | 'Bcc';
  /** As written, for the roster lookup to normalise (or refuse). */
  address: string;
}

export interface Draft {
  recipients: DraftRecipient[];
  /** Every address in the headers that address the message (From, Sender, Reply-To, To, Cc, Bcc), as written. */
  addresses: string[];
}

const RECIPIENT_HEADERS: Record<string, DraftRecipient['header']> = { to: 'To', cc: 'Cc', bcc: 'Bcc' };

/** Headers that address the message. */
const ADDRESSING = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'bcc']);

/**
 * Recipients in To, Cc and Bcc, in header order, and every address of the addressing headers.
 * The address lists are split by parseAddressList, not postal-mime's addressParser: that one reads
 * a bare `(202) 555-0186` as a comment and a name, losing the area code, and keeps MMS's `/TYPE=PLMN`.
 */
export async function readDraft(bytes: Uint8Array): Promise<Draft> {
  const { headers } = await parseMail(bytes);
  const recipients: DraftRecipient[] = [];
  const addresses: string[] = [];
  for (const h of headers) {
    if (!ADDRESSING.has(h.key)) continue;
    const list = parseAddressList(h.value);
    addresses.push(...list);
    const header = RECIPIENT_HEADERS[h.key];
    if (header) for (const address of list) recipients.push({ header, address });
  }
  return { recipients, addresses };
}

/** A name in an addressing header is an addressee's display name ("Lopez, R." <+1 202 …>), and so is a profile made at it. */
const NAME_ENTITIES = new Set(['PERSON', 'PROFILE']);

/**
 * Whether a finding is one of the draft's own addresses, where it addresses the message: the
 * guard checks those as recipients, and their display names are the addressees' own names.
 * Anything else in those headers (an SSN typed into a display name) is content every recipient
 * sees, as is an attached message's addressing.
 */
export function isOwnAddress(f: { value: string; entity?: string; location?: FindingLocation | undefined }, draft: Draft, region: string): boolean {
  const loc = f.location;
  if (loc?.kind !== 'eml' || loc.part !== 'header' || loc.chain?.length || !ADDRESSING.has((loc.header ?? '').toLowerCase())) return false;
  if (f.entity !== undefined && NAME_ENTITIES.has(f.entity)) return true;
  const norm = (a: string) => parseAddress(a, region)?.normalized ?? a.trim().toLowerCase();
  const value = norm(f.value);
  return draft.addresses.some((a) => norm(a) === value);
}
