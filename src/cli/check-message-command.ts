/** `pii-scan check-message` (alias `send-check`): the last check before a message leaves. */
import { Option, type Command } from 'commander';
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { ConfigError } from '../config/yaml-source.js';
import type { Severity } from '../engine/types.js';
import { isOwnAddress, readDraft, type Draft } from '../guard/draft.js';
import { DEFAULT_BLOCK_ON, DEFAULT_UNENCRYPTED_BLOCK_ON, findChannel, knownChannels, type Channel } from '../guard/guard-config.js';
import { RecipientError, resolveRecipients } from '../guard/lookup.js';
import { parseAddress, splitRecipientArgs } from '../guard/recipients.js';
import { parseRoster, type Roster } from '../guard/roster.js';
import { decide, type GuardReport, type Policy } from '../guard/verdict.js';
import { formatGuardJson } from '../report/guard-json.js';
import { formatGuardText } from '../report/guard-text.js';
import { collectScan } from '../run/run-scan.js';
import { describeError } from '../sources/inputs.js';
import { readUserFile, readUserText, UserFileError } from '../sources/user-file.js';
import { EXIT, UsageError } from './exit-codes.js';
import { printDiagnostics, useColor, type Io } from './io.js';
import { addRuleOptions, loadRuleOptions, severityOption, type LoadedRules, type RuleOptions, scanRunOptions } from './shared-options.js';

interface CheckFlags extends RuleOptions {
  to?: string[];
  fromEml?: string;
  channel?: string;
  roster?: string;
  attach?: string[];
  blockOn?: Severity;
  format: 'text' | 'json';
  showValues?: boolean;
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
    .option('--show-values', 'print matched values unmasked (they are masked by default)');
  addRuleOptions(cmd).action(async (body: string | undefined, flags: CheckFlags) => {
    io.exitCode = await checkMessage(body, flags, io);
  });
}

async function checkMessage(bodyArg: string | undefined, flags: CheckFlags, io: Io): Promise<number> {
  const loaded = await loadRuleOptions(flags, io);
  const guard = loaded.config.guard;
  const region = loaded.settings.defaultRegion;
  const channel = pickChannel(flags, loaded);
  const roster = await loadRoster(flags, loaded, io.cwd);
  const draft = flags.fromEml !== undefined ? await loadDraft(flags.fromEml, io.cwd) : undefined;

  // Recipients: every one must be a phone, an email or a roster group, or nothing is checked.
  const inputs = splitRecipientArgs(flags.to ?? []);
  for (const [i, r] of (draft?.recipients ?? []).entries()) {
    // The draft's headers are its content: say which recipient, never what it says.
    if (!parseAddress(r.address, region)) throw new UsageError(`${flags.fromEml}: ${r.header}: recipient ${i + 1} of the draft is neither an email address nor a phone number`);
    inputs.push(r.address);
  }
  if (inputs.length === 0) throw new UsageError(`no recipients: give --to${draft ? ` (${flags.fromEml} has no To, Cc or Bcc)` : ' or --from-eml'}`);
  let recipients;
  try {
    recipients = resolveRecipients(inputs, roster, channel.addresses, region);
  } catch (e) {
    if (e instanceof RecipientError) throw new UsageError(e.message);
    throw e;
  }

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

  const scan = await collectScan(scanRunOptions(loaded, { inputs: scanInputs, cwd: io.cwd, gitignore: false, exclude: [], stdin: io.stdin }));
  // An attachment that cannot be read (encrypted, corrupt) is a reason of the verdict, as an unreadable
  // part inside the draft is; an unreadable body means no verdict can be trusted.
  const attached = new Set(attach);
  scan.diagnostics = scan.diagnostics.map((d) => (d.level === 'error' && attached.has(d.path) ? { ...d, level: 'skipped' } : d));
  if (scan.diagnostics.some((d) => d.level === 'error')) {
    printDiagnostics(scan.diagnostics, io);
    return EXIT.error;
  }
  // The draft's own addresses (To, Cc, Bcc, From …) are the recipients checked here, not content they receive.
  if (draft) scan.findings = scan.findings.filter((f) => !(f.path === flags.fromEml && isOwnAddress(f, draft, region)));

  const policy: Policy = {
    blockOn: flags.blockOn ?? guard?.blockOn ?? DEFAULT_BLOCK_ON,
    unencryptedBlockOn: guard?.unencryptedBlockOn ?? DEFAULT_UNENCRYPTED_BLOCK_ON,
    blockUnencrypted: guard?.blockUnencrypted ?? true,
  };
  const notScanned = scan.diagnostics.filter((d) => d.level === 'skipped').map(unread);
  const decision = decide({ findings: scan.findings, recipients, channel, policy, notScanned });
  const report: GuardReport = { ...decision, channel, policy, recipients, scan };
  const opts = { showValues: flags.showValues === true, color: useColor(io.stdoutIsTTY, io.env) };
  io.stdout(flags.format === 'json' ? formatGuardJson(report, opts) : formatGuardText(report, opts));
  printDiagnostics(scan.diagnostics, io);
  return decision.verdict === 'block' ? EXIT.findings : EXIT.clean;
}

function pickChannel(flags: CheckFlags, loaded: LoadedRules): Channel {
  const guard = loaded.config.guard;
  const name = flags.channel ?? guard?.defaultChannel ?? (flags.fromEml !== undefined ? 'email' : undefined);
  const known = knownChannels(guard).join(', ');
  if (name === undefined) throw new UsageError(`say how the message goes: --channel NAME (known channels: ${known})`);
  const channel = findChannel(name, guard);
  if (!channel) throw new UsageError(`unknown channel '${name}'; known channels: ${known} (declare others in guard.channels in .pii-scan.yaml)`);
  return channel;
}

async function loadRoster(flags: CheckFlags, loaded: LoadedRules, cwd: string): Promise<Roster> {
  const file = flags.roster !== undefined ? resolve(cwd, flags.roster) : loaded.config.roster;
  if (file === undefined) throw new UsageError('no roster: give --roster FILE, or roster: FILE in .pii-scan.yaml');
  const shown = flags.roster ?? shortPath(file, cwd);
  let text;
  try {
    text = readUserText(file, 'roster');
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    throw new ConfigError(shown, 0, '', `cannot read roster: ${e.message}`);
  }
  return parseRoster(shown, text, loaded.settings.defaultRegion);
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
