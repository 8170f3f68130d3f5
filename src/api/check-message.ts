/** checkMessage: the send guard's verdict on a message, as `pii-scan check-message -f json` gives it. */
import { resolve } from 'node:path';
import { DEFAULT_BLOCK_ON, DEFAULT_UNENCRYPTED_BLOCK_ON, findChannel, knownChannels } from '../guard/guard-config.js';
import { resolveRecipients } from '../guard/lookup.js';
import { splitRecipientArgs } from '../guard/recipients.js';
import { parseRoster } from '../guard/roster.js';
import { decide, type Policy } from '../guard/verdict.js';
import { collectScan } from '../run/run-scan.js';
import { readUserText } from '../sources/user-file.js';
import { load, notes, runOptions, shownFindings } from './load.js';
import type { CheckMessageOptions, CheckMessageResult } from './types.js';

/** `body`: the message text. Throws on what the CLI refuses with exit 2 (no roster, an unknown channel, an unreadable body). */
export async function checkMessage(body: string, options: CheckMessageOptions): Promise<CheckMessageResult> {
  const l = await load(options);
  const guard = l.config.guard;
  const channelName = options.channel ?? guard?.defaultChannel;
  if (channelName === undefined) throw new Error(`say how the message goes: options.channel (known channels: ${knownChannels(guard).join(', ')})`);
  const channel = findChannel(channelName, guard);
  if (!channel) throw new Error(`unknown channel '${channelName}'; known channels: ${knownChannels(guard).join(', ')}`);
  const rosterFile = options.roster !== undefined ? resolve(l.cwd, options.roster) : l.config.roster;
  if (rosterFile === undefined) throw new Error('no roster: give options.roster, or roster: FILE in .pii-scan.yaml');
  const roster = parseRoster(options.roster ?? rosterFile, readUserText(rosterFile, 'roster'), l.region);
  const inputs = splitRecipientArgs(options.to);
  if (inputs.length === 0) throw new Error('no recipients: give options.to');
  const recipients = resolveRecipients(inputs, roster, channel.addresses, l.region);

  const attach = options.attach ?? [];
  const scan = await collectScan(runOptions(l, ['-', ...attach], [Buffer.from(body, 'utf8')]));
  const attached = new Set(attach);
  // As in the CLI: an attachment that cannot be read is a reason of the verdict; an unreadable body is an error.
  const diagnostics = scan.diagnostics.map((d) => (d.level === 'error' && attached.has(d.path) ? { ...d, level: 'skipped' as const } : d));
  const failed = diagnostics.find((d) => d.level === 'error');
  if (failed) throw new Error(`${failed.path}: ${failed.message}`);
  const policy: Policy = {
    blockOn: options.blockOn ?? guard?.blockOn ?? DEFAULT_BLOCK_ON,
    unencryptedBlockOn: guard?.unencryptedBlockOn ?? DEFAULT_UNENCRYPTED_BLOCK_ON,
    blockUnencrypted: guard?.blockUnencrypted ?? true,
  };
  const notScanned = diagnostics.filter((d) => d.level === 'skipped').map((d) => ({ path: d.path, message: d.message }));
  const decision = decide({ findings: scan.findings, recipients, channel, policy, notScanned });
  return {
    verdict: decision.verdict,
    reasons: decision.reasons,
    channel: { name: channel.name, encrypted: channel.encrypted },
    recipients: recipients.map((r) => ({ input: r.input, kind: r.kind, normalized: r.normalized, display: r.display, known: r.known, ...(r.name !== undefined ? { name: r.name } : {}) })),
    findings: shownFindings(l, scan.findings),
    notes: notes(diagnostics),
  };
}
