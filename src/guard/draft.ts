/**
 * A draft (.eml) for the send guard: its recipients from To, Cc and Bcc, read with the same email
 * reader the scan uses (src/documents/eml.ts). The draft's content (every header, body part and
 * attachment) is scanned as `pii-scan scan draft.eml` scans it; only the addressing is left out of
 * the findings, since the guard checks those addresses against the roster itself.
 */
import { parseMail } from '../documents/eml.js';
import type { FindingLocation } from '../documents/types.js';
import { parseAddressList } from './recipients.js';

export interface DraftRecipient {
  header: 'To' | 'Cc' | 'Bcc';
  /** As written, for the roster lookup to normalise (or refuse). */
  address: string;
}

const RECIPIENT_HEADERS: Record<string, DraftRecipient['header']> = { to: 'To', cc: 'Cc', bcc: 'Bcc' };

/**
 * Addresses in To, Cc and Bcc, in header order. The address lists are split by parseAddressList,
 * not postal-mime's addressParser: that one reads a bare `(202) 555-0186` as a comment and a
 * name, losing the area code, and keeps MMS's `/TYPE=PLMN`.
 */
export async function draftRecipients(bytes: Uint8Array): Promise<DraftRecipient[]> {
  const { headers } = await parseMail(bytes);
  const out: DraftRecipient[] = [];
  for (const h of headers) {
    const header = RECIPIENT_HEADERS[h.key];
    if (header) for (const address of parseAddressList(h.value)) out.push({ header, address });
  }
  return out;
}

/** Headers that address the message: what they hold is the recipients (and sender), not content. */
const ADDRESSING = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'bcc']);

/** Whether a finding sits in the draft's own addressing headers (not in an attached message's). */
export function inAddressing(location: FindingLocation | undefined): boolean {
  return location?.kind === 'eml' && location.part === 'header' && !location.chain?.length && ADDRESSING.has((location.header ?? '').toLowerCase());
}
