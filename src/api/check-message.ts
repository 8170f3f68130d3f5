/** checkMessage: the send guard's verdict on a message, as `pii-scan check-message -f json` gives it. */
import { judgeMessage, loadRoster, messageRecipients, pickChannel } from '../guard/check-message.js';
import { splitRecipientArgs } from '../guard/recipients.js';
import { collectScan } from '../run/run-scan.js';
import { load, notes, runOptions, shownFindings } from './load.js';
import type { CheckMessageOptions, CheckMessageResult } from './types.js';

/** `body`: the message text. Throws on what the CLI refuses with exit 2 (no roster, an unknown channel, an unreadable body). */
export async function checkMessage(body: string, options: CheckMessageOptions): Promise<CheckMessageResult> {
  const l = await load(options);
  const guard = l.config.guard;
  const channel = pickChannel(options.channel, guard);
  const roster = loadRoster(options.roster, l.config.roster, l.cwd, l.region);
  const recipients = messageRecipients(splitRecipientArgs(options.to), roster, channel, l.region);
  const attach = options.attach ?? [];
  const scan = await collectScan(runOptions(l, ['-', ...attach], [Buffer.from(body, 'utf8')]));
  // As in the CLI: an attachment that cannot be read is a reason of the verdict; an unreadable body is an error.
  const { report, unreadable } = judgeMessage({ scan, attachments: attach, recipients, channel, guard, ...(options.blockOn ? { blockOn: options.blockOn } : {}) });
  const failed = unreadable ? scan.diagnostics.find((d) => d.level === 'error') : undefined;
  if (failed) throw new Error(`${failed.path}: ${failed.message}`);
  return {
    verdict: report.verdict,
    reasons: report.reasons,
    channel: { name: channel.name, encrypted: channel.encrypted },
    recipients: recipients.map((r) => ({ input: r.input, kind: r.kind, normalized: r.normalized, display: r.display, known: r.known, ...(r.name !== undefined ? { name: r.name } : {}) })),
    findings: shownFindings(l, scan.findings),
    notes: notes(scan.diagnostics),
  };
}
