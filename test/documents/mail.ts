/** Raw MIME for the email tests, written as mail clients write it (CRLF, folded base64, boundaries). */

export interface Part {
  headers: string[];
  body: string;
}

/** A leaf part. */
export const part = (headers: string[], body: string): Part => ({ headers, body });

/** A multipart part holding `parts`, with a preamble as clients write one. */
export function multipart(subtype: string, boundary: string, parts: Part[], headers: string[] = []): Part {
  const body = ['This is a multi-part message in MIME format.', ...parts.flatMap((p) => [`--${boundary}`, render(p)]), `--${boundary}--`, ''].join('\r\n');
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`, ...headers], body };
}

/** A file attached in base64, folded at 76 columns. */
export function attached(name: string, type: string, bytes: Uint8Array | string, disposition = 'attachment'): Part {
  const b64 = Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');
  return part([`Content-Type: ${type}; name="${name}"`, `Content-Disposition: ${disposition}; filename="${name}"`, 'Content-Transfer-Encoding: base64'], b64);
}

export const render = (p: Part): string => [...p.headers, '', p.body].join('\r\n');

/** A whole message: its own headers, MIME-Version, then the content part's headers and body. */
export function message(headers: string[], content: Part): string {
  return render({ headers: [...headers, 'MIME-Version: 1.0', ...content.headers], body: content.body });
}

export const plain = (text: string, headers: string[] = []): Part => part(['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 7bit', ...headers], text);
export const html = (markup: string): Part => part(['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: 7bit'], markup);

export const DRAFT_HEADERS = ['From: Sgt. M. Ramos <m.ramos@agency.example.gov>', 'Subject: FOW for tomorrow', 'Date: Mon, 10 Jun 2024 21:14:00 -0700'];
