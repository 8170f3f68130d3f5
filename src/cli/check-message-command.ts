/** `pii-scan check-message` (alias `send-check`): the last check before a message leaves. */
import { Option, type Command } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Severity } from '../model/finding.js';
import { judgeMessage, loadRoster, MessageCheckError, messageRecipients, pickChannel } from '../guard/check-message.js';
import { readDraft, type Draft } from '../guard/draft.js';
import { DEFAULT_BLOCK_ON } from '../config/guard-config.js';
import { parseAddress, splitRecipientArgs } from '../guard/recipients.js';
import { formatGuardJson } from '../report/guard-json.js';
import { formatGuardText } from '../report/guard-text.js';
import { collectScan } from '../run/run-scan.js';
import { describeError } from '../sources/inputs.js';
import { readUserFile, UserFileError } from '../sources/user-file.js';
import { EXIT, UsageError } from './exit-codes.js';
import { noOcrOption, ocrLimits, ocrOption } from './ocr-option.js';
import type { OcrMode } from '../documents/types.js';
import { printDiagnostics, stdinOf, useColor, type Io } from './io.js';
import { addRuleOptions, loadRuleOptions, severityOption, type RuleOptions, scanRunOptions } from './shared-options.js';

interface CheckFlags extends RuleOptions {
  to?: string[];
  fromEml?: string;
  channel?: string;
  roster?: string;
  attach?: string[];
  blockOn?: Severity;
  format: 'text' | 'json';
  showValues?: boolean;
  /** --ocr's mode; `false` with --no-ocr. */
  ocr?: OcrMode | false;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerCheckMessage(program: Command, io: Io): void {
  const cmd = program
    .command('check-message')
    .alias('send-check')
    .description('check a message before it is sent: what it carries, who receives it (against a roster) and over which channel')
    .argument('[body]', 'file holding the message body; - reads standard input (a pipe is read when nothing else is given)')
    .option('--to <recipient>', 'phone number, email address or group:NAME from the roster (repeatable, or a comma-separated list)', collect)
    .option('--from-eml <file>', 'take recipients from the To/Cc/Bcc of this .eml draft, and check the draft (headers, every body part, every attachment), with BODY if given')
    .option('--channel <name>', 'how the message goes: sms, mms, email, signal, whatsapp, imessage, teams, slack, or one declared in guard.channels')
    .option('--roster <file>', 'approved recipients (default: roster: in .pii-scan.yaml)')
    .option('--attach <file>', 'an attachment to scan with the body (repeatable)', collect)
    .addOption(severityOption('--block-on <severity>', `block when a recipient is not on the roster and a finding is at or above this (default guard.blockOn, else ${DEFAULT_BLOCK_ON})`))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(ocrOption())
    .addOption(noOcrOption())
    .option('--show-values', 'print matched values unmasked (they are masked by default)');
  addRuleOptions(cmd).action(async (body: string | undefined, flags: CheckFlags) => {
    io.exitCode = await checkMessage(body, flags, io);
  });
}

async function checkMessage(bodyArg: string | undefined, flags: CheckFlags, io: Io): Promise<number> {
  try {
    return await checkMessageAs(bodyArg, flags, io);
  } catch (e) {
    if (e instanceof MessageCheckError) throw new UsageError(e.message);
    throw e;
  }
}

async function checkMessageAs(bodyArg: string | undefined, flags: CheckFlags, io: Io): Promise<number> {
  const loaded = await loadRuleOptions(flags, io);
  const guard = loaded.config.guard;
  const region = loaded.settings.defaultRegion;
  const channel = pickChannel(flags.channel, guard, flags.fromEml !== undefined ? 'email' : undefined);
  const roster = loadRoster(flags.roster, loaded.config.roster, io.cwd, region);
  const draft = flags.fromEml !== undefined ? await loadDraft(flags.fromEml, io.cwd) : undefined;

  // Recipients: every one must be a phone, an email or a roster group, or nothing is checked.
  const inputs = splitRecipientArgs(flags.to ?? []);
  for (const [i, r] of (draft?.recipients ?? []).entries()) {
    // The draft's headers are its content: say which recipient, never what it says.
    if (!parseAddress(r.address, region)) throw new UsageError(`${flags.fromEml}: ${r.header}: recipient ${i + 1} of the draft is neither an email address nor a phone number`);
    inputs.push(r.address);
  }
  if (inputs.length === 0) throw new UsageError(`no recipients: give --to${draft ? ` (${flags.fromEml} has no To, Cc or Bcc)` : ' or --from-eml'}`);
  const recipients = messageRecipients(inputs, roster, channel, region);

  // The content: BODY (or -) and the draft as `pii-scan scan` reads it (a body given does not make its
  // attachments go unchecked), else a pipe; attachments beside it.
  const attach = flags.attach ?? [];
  if (attach.includes('-')) throw new UsageError('--attach takes files; give - as BODY to read the message from standard input');
  for (const a of attach) if (!/[*?[\]{}]/.test(a)) await mustExist(a, io.cwd); // a pattern is the walk's to match
  const scanInputs: string[] = [];
  if (bodyArg !== undefined) scanInputs.push(bodyArg);
  if (flags.fromEml !== undefined) scanInputs.push(flags.fromEml);
  if (scanInputs.length === 0 && attach.length === 0) {
    if (io.stdinIsTTY) throw new UsageError('no message to check: give BODY_FILE, - to read standard input, --from-eml or --attach');
    scanInputs.push('-');
  }
  scanInputs.push(...attach);

  const scan = await collectScan(scanRunOptions(loaded, { inputs: scanInputs, cwd: io.cwd, gitignore: false, exclude: [], stdin: stdinOf(io), ...ocrLimits(flags) }));
  const { report, unreadable } = judgeMessage({
    scan,
    attachments: attach,
    recipients,
    channel,
    guard,
    ...(flags.blockOn ? { blockOn: flags.blockOn } : {}),
    ...(draft && flags.fromEml !== undefined ? { draft: { path: flags.fromEml, draft, region } } : {}),
  });
  if (unreadable) {
    printDiagnostics(scan.diagnostics, io);
    return EXIT.error;
  }
  const opts = { showValues: flags.showValues === true, color: useColor(io.stdoutIsTTY, io.env) };
  io.stdout(flags.format === 'json' ? formatGuardJson(report, opts) : formatGuardText(report, opts));
  printDiagnostics(scan.diagnostics, io);
  return report.verdict === 'block' ? EXIT.findings : EXIT.clean;
}

async function loadDraft(path: string, cwd: string): Promise<Draft> {
  let bytes;
  try {
    bytes = readUserFile(resolve(cwd, path), 'draft');
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    throw new UsageError(`cannot read ${path}: ${e.message}`);
  }
  try {
    return await readDraft(bytes);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${describeError((e as NodeJS.ErrnoException).code, e)}`);
  }
}

/** A missing --attach file is a mistyped command, not an attachment that cannot be read. */
async function mustExist(path: string, cwd: string): Promise<void> {
  try {
    await stat(resolve(cwd, path));
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${describeError((e as NodeJS.ErrnoException).code, e)}`);
  }
}
