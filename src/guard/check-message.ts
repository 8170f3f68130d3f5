/**
 * What check-message does around a scan, for every front door (the CLI command, `pii-scan serve`):
 * the channel and roster it is checked against, the recipients resolved, and the scan of the
 * message and its attachments turned into a verdict. How the content is read stays with the caller
 * (files for the CLI, bytes sent to the server).
 */
import type { ScanReport } from '../model/scan.js';
import { relative, resolve } from 'node:path';
import { ConfigError } from '../config/yaml-source.js';
import type { Severity } from '../model/finding.js';
import { readUserText, UserFileError } from '../sources/user-file.js';
import { isOwnAddress, type Draft } from './draft.js';
import { DEFAULT_BLOCK_ON, DEFAULT_UNENCRYPTED_BLOCK_ON, findChannel, knownChannels, type Channel, type GuardConfig } from '../config/guard-config.js';
import { RecipientError, resolveRecipients, type Recipient } from './lookup.js';
import { parseRoster, type Roster } from './roster.js';
import { decide, type GuardReport, type Policy } from './verdict.js';

/** A check that cannot be made as asked (no channel, no roster, a recipient that is no address): the user can fix it. */
export class MessageCheckError extends Error {
  constructor(
    /** What was wrong, for callers that must not echo what was asked (the server). */
    readonly code: 'no-channel' | 'unknown-channel' | 'no-roster' | 'no-recipients' | 'bad-recipient',
    message: string,
  ) {
    super(message);
  }
}

/** The channel asked for, else guard.defaultChannel, else `fallback`. */
export function pickChannel(asked: string | undefined, guard: GuardConfig | undefined, fallback?: string): Channel {
  const name = asked ?? guard?.defaultChannel ?? fallback;
  const known = knownChannels(guard).join(', ');
  if (name === undefined) throw new MessageCheckError('no-channel', `say how the message goes: --channel NAME (known channels: ${known})`);
  const channel = findChannel(name, guard);
  if (!channel) throw new MessageCheckError('unknown-channel', `unknown channel '${name}'; known channels: ${known} (declare others in guard.channels in .pii-scan.yaml)`);
  return channel;
}

/** The roster named (relative to `cwd`), else the config's `roster:`. */
export function loadRoster(asked: string | undefined, configured: string | undefined, cwd: string, region: string): Roster {
  const file = asked !== undefined ? resolve(cwd, asked) : configured;
  if (file === undefined) throw new MessageCheckError('no-roster', 'no roster: give --roster FILE, or roster: FILE in .pii-scan.yaml');
  const shown = asked ?? shortPath(file, cwd);
  let text;
  try {
    text = readUserText(file, 'roster');
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    throw new ConfigError(shown, 0, '', `cannot read roster: ${e.message}`);
  }
  return parseRoster(shown, text, region);
}

/** Every input (a phone, an email, group:NAME) as recipients, or nothing is checked. */
export function messageRecipients(inputs: readonly string[], roster: Roster, channel: Channel, region: string): Recipient[] {
  if (inputs.length === 0) throw new MessageCheckError('no-recipients', 'no recipients: give --to or --from-eml');
  try {
    return resolveRecipients(inputs, roster, channel.addresses, region);
  } catch (e) {
    if (e instanceof RecipientError) throw new MessageCheckError('bad-recipient', e.message);
    throw e;
  }
}

export interface Judgement {
  report: GuardReport;
  /** The message itself could not be read: no verdict can be trusted (the scan's diagnostics say why). */
  unreadable: boolean;
}

export interface JudgeInput {
  scan: ScanReport;
  /** Paths of the attachments in the scan: one that cannot be read is a reason of the verdict, not an error. */
  attachments: readonly string[];
  recipients: Recipient[];
  channel: Channel;
  guard: GuardConfig | undefined;
  blockOn?: Severity;
  /** An .eml draft in the scan (its path): its own addresses are the recipients, not content they receive. */
  draft?: { path: string; draft: Draft; region: string };
}

/** The scan of a message and its attachments, with its recipients and channel, as a verdict. */
export function judgeMessage(input: JudgeInput): Judgement {
  const { scan, guard, channel, recipients, draft } = input;
  // An attachment that cannot be read (encrypted, corrupt) is a reason of the verdict, as an unreadable
  // part inside the draft is; an unreadable body means no verdict can be trusted.
  const attached = new Set(input.attachments);
  scan.diagnostics = scan.diagnostics.map((d) => (d.level === 'error' && attached.has(d.path) ? { ...d, level: 'skipped' } : d));
  if (draft) scan.findings = scan.findings.filter((f) => !(f.path === draft.path && isOwnAddress(f, draft.draft, draft.region)));
  const policy: Policy = {
    blockOn: input.blockOn ?? guard?.blockOn ?? DEFAULT_BLOCK_ON,
    unencryptedBlockOn: guard?.unencryptedBlockOn ?? DEFAULT_UNENCRYPTED_BLOCK_ON,
    blockUnencrypted: guard?.blockUnencrypted ?? true,
  };
  const notScanned = scan.diagnostics.filter((d) => d.level === 'skipped').map(unread);
  const decision = decide({ findings: scan.findings, recipients, channel, policy, notScanned });
  return { report: { ...decision, channel, policy, recipients, scan }, unreadable: scan.diagnostics.some((d) => d.level === 'error') };
}

/**
 * A skipped input or a note on a part inside one, as the part and why: a note reads
 * `attachment scan.png: binary file (NUL bytes); not scanned` (see ExtractContext.notes).
 */
function unread(d: { path: string; message: string }): { path: string; message: string } {
  const part = /^(.*?): (.*); not scanned$/.exec(d.message);
  return part ? { path: `${d.path} → ${part[1]}`, message: part[2]! } : { path: d.path, message: d.message };
}

function shortPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}
