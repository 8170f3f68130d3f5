/**
 * What each path answers. Handlers take the parsed body and return a status and a JSON text;
 * reports come from the same formatters as the CLI's, masked unless the server runs with --show-values.
 */
import type { Answer } from './answer.js';
import type { ScanReport } from '../model/scan.js';
import type { ProjectConfig } from '../config/config-file.js';
import { judgeMessage, MessageCheckError, messageRecipients, pickChannel } from '../guard/check-message.js';
import { knownChannels } from '../config/guard-config.js';
import { splitRecipientArgs } from '../guard/recipients.js';
import type { Roster } from '../guard/roster.js';
import { formatReport } from '../report/format.js';
import { formatGuardJson } from '../report/guard-json.js';
import { scanContents, type LoadedScan, type NamedContent } from '../run/scan-bytes.js';
import { VERSION } from '../runtime/version.js';
import { ApiError } from './limits.js';
import { checkPage } from './page.js';
import { analyze, anonymize } from './presidio.js';

export interface ServeContext {
  loaded: LoadedScan & { config: ProjectConfig };
  /** The roster check-message judges against; absent when none was given or configured (/check-message answers 409). */
  roster?: Roster;
  showValues: boolean;
  /** API requests need a bearer token (the page asks for it). */
  tokenRequired: boolean;
}

export type Handler = (ctx: ServeContext, body: Record<string, unknown>) => Promise<Answer> | Answer;

/** Routes by path: GET ones take no body and no token; POST ones take a JSON object. */
export const ROUTES: Readonly<Record<string, { method: 'GET' | 'POST'; handle: Handler }>> = {
  '/': { method: 'GET', handle: (ctx) => checkPage(pageConfig(ctx)) },
  '/health': { method: 'GET', handle: () => json(200, { status: 'ok', version: VERSION }) },
  '/analyze': { method: 'POST', handle: (ctx, body) => json(200, analyze(ctx.loaded, body)) },
  '/anonymize': { method: 'POST', handle: (_, body) => json(200, anonymize(body)) },
  '/scan': { method: 'POST', handle: scan },
  '/check-message': { method: 'POST', handle: checkMessage },
};

export const json = (status: number, value: unknown): Answer => ({ status, type: 'application/json; charset=utf-8', body: `${JSON.stringify(value)}\n` });

export const errorAnswer = (e: ApiError): Answer => ({
  ...json(e.status, { error: { code: e.code, message: e.message } }),
  ...(e.status === 503 ? { headers: { 'Retry-After': '1' } } : {}),
});

async function scan(ctx: ServeContext, body: Record<string, unknown>): Promise<Answer> {
  const content = 'content_base64' in body ? [attachment(body, 'the document')] : [{ name: 'message', bytes: Buffer.from(requiredText(body), 'utf8') }];
  const report = await scanContents(ctx.loaded, content);
  unreadable(report);
  return { status: 200, type: 'application/json; charset=utf-8', body: await formatReport('json', report, { showValues: ctx.showValues, color: false }) };
}

async function checkMessage(ctx: ServeContext, body: Record<string, unknown>): Promise<Answer> {
  const { loaded } = ctx;
  const guard = loaded.config.guard;
  const region = loaded.settings.defaultRegion;
  if (!ctx.roster) throw new ApiError(409, 'no-roster', 'this server has no roster: start it with --roster FILE, or set roster: in .pii-scan.yaml');
  const contents: NamedContent[] = [];
  const text = body['text'];
  if (text !== undefined && typeof text !== 'string') throw badRequest('text: a string is expected');
  if (typeof text === 'string' && text !== '') contents.push({ name: 'message', bytes: Buffer.from(text, 'utf8') });
  const attachments = body['attachments'] ?? [];
  if (!Array.isArray(attachments)) throw badRequest('attachments: a list of {name, content_base64} is expected');
  const names = new Set(['message']);
  const attached: string[] = [];
  attachments.forEach((a, i) => {
    const item = attachment((a ?? {}) as Record<string, unknown>, `attachments[${i}]`);
    // Each input keeps its own name in the report: a second `scan.pdf` becomes `scan.pdf (2)`.
    let name = item.name;
    for (let n = 2; names.has(name); n++) name = `${item.name} (${n})`;
    names.add(name);
    attached.push(name);
    contents.push({ ...item, name });
  });
  if (contents.length === 0) throw badRequest('nothing to check: give text or attachments');

  let recipients;
  let channel;
  try {
    channel = pickChannel(optionalString(body, 'channel'), guard);
    recipients = messageRecipients(splitRecipientArgs(recipientList(body['recipients'])), ctx.roster, channel, region);
  } catch (e) {
    if (e instanceof MessageCheckError) throw checkError(e, knownChannels(guard));
    throw e;
  }
  const scan = await scanContents(loaded, contents);
  // The policy is the server's (guard: in its config): a request cannot loosen it.
  const { report, unreadable: cannot } = judgeMessage({
    scan,
    attachments: attached,
    recipients,
    channel,
    guard,
  });
  if (cannot) unreadable(report.scan);
  return { status: 200, type: 'application/json; charset=utf-8', body: formatGuardJson(report, { showValues: ctx.showValues, color: false }) };
}

/** A document the scan could not read (corrupt, encrypted, too large) is an answer of its own, not an empty report. */
function unreadable(report: ScanReport): void {
  const error = report.diagnostics.find((d) => d.level === 'error');
  if (error) throw new ApiError(422, 'not-scanned', `the content could not be read: ${error.message}`);
}

function attachment(o: Record<string, unknown>, what: string): NamedContent {
  const b64 = o['content_base64'];
  if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(b64)) throw badRequest(`${what}: content_base64: base64 text is required`);
  const name = o['name'] ?? '';
  if (typeof name !== 'string') throw badRequest(`${what}: name: a string is expected`);
  // Only the last part of the name: it says what the file is, and no path reaches a report.
  const base = name.split(/[\\/]/).pop()!.replace(/[\p{Cc}]/gu, '').slice(0, 255);
  return { name: base === '' || base === 'message' ? 'attachment' : base, bytes: Buffer.from(b64, 'base64') };
}

function requiredText(body: Record<string, unknown>): string {
  const text = body['text'];
  if (typeof text !== 'string') throw badRequest('text (a string) or content_base64 and name is required');
  return text;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw badRequest(`${key}: a string is expected`);
  return v;
}

function recipientList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((r) => typeof r === 'string')) return v as string[];
  if (v === undefined) return [];
  throw badRequest('recipients: a list of phone numbers, email addresses or group:NAME is expected');
}

/** The guard's own messages quote what was asked (a recipient, a channel name); these do not. */
function checkError(e: MessageCheckError, channels: string[]): ApiError {
  switch (e.code) {
    case 'no-channel':
      return badRequest(`channel: say how the message goes (known channels: ${channels.join(', ')})`);
    case 'unknown-channel':
      return badRequest(`channel: not a known channel (known channels: ${channels.join(', ')})`);
    case 'no-recipients':
      return badRequest('recipients: at least one is required');
    case 'bad-recipient':
      return badRequest('recipients: one is neither a phone number, an email address nor a group of the roster');
    default:
      return new ApiError(409, e.code, e.message);
  }
}

const badRequest = (message: string) => new ApiError(400, 'bad-request', message);

function pageConfig(ctx: ServeContext) {
  const guard = ctx.loaded.config.guard;
  return { channels: knownChannels(guard), defaultChannel: guard?.defaultChannel ?? '', tokenRequired: ctx.tokenRequired, showValues: ctx.showValues, roster: ctx.roster !== undefined };
}
