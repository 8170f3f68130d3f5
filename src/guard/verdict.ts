/**
 * allow, warn or block: what is in the message (findings), who gets it (recipients against the
 * roster) and how it goes (the channel). Pure; every reason says which rule produced it.
 *
 * - A recipient not on the roster: `block` when a finding is at or above blockOn; otherwise
 *   `warn` when a finding is at or above low or the recipient is a near miss; otherwise `allow`.
 * - A near miss (a probable typo of a roster phone or address) is always a reason of its own.
 * - An unencrypted channel (unless blockUnencrypted is false): `block` when a finding is at or
 *   above unencryptedBlockOn, even if every recipient is on the roster; `warn` for findings
 *   at or above low.
 * - Content that could not be read (an image or other binary attachment, an encrypted or corrupt
 *   document, a part past a nesting limit), in the draft or attached: `block` when any recipient
 *   is not on the roster, since what was not read may be exactly what must not reach them;
 *   otherwise `warn`, naming the input and the part.
 * - Anything else is `allow`: findings that go only to roster recipients over an end-to-end
 *   encrypted channel are reported but do not stop the message.
 */
import type { ScanReport } from '../model/scan.js';
import { severityRank, type Severity } from '../model/finding.js';
import type { Channel } from '../config/guard-config.js';
import type { Recipient } from './lookup.js';
import { compareText } from '../text/compare.js';

export const VERDICTS = ['allow', 'warn', 'block'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type ReasonCode = 'unknown-recipient' | 'near-miss' | 'unencrypted-channel' | 'not-scanned' | 'clear';

export interface Reason {
  code: ReasonCode;
  /** The verdict this reason alone leads to; the message's verdict is the strictest. */
  effect: Verdict;
  /** One line for people; names recipients and entities, never a matched value. */
  message: string;
  /** The recipient (as normalised) the reason is about. */
  recipient?: string;
  /** not-scanned: the input, and inside it the part, that was not read (`draft.eml → attachment scan.png`). */
  part?: string;
}

export interface Policy {
  blockOn: Severity;
  unencryptedBlockOn: Severity;
  blockUnencrypted: boolean;
}

export interface VerdictInput {
  findings: ReadonlyArray<{ entity: string; severity: Severity }>;
  recipients: readonly Recipient[];
  channel: Channel;
  policy: Policy;
  /** Content leaving unchecked: `path` the input or the part inside it, `message` why it was not read. */
  notScanned: ReadonlyArray<{ path: string; message: string }>;
}

export interface Decision {
  verdict: Verdict;
  reasons: Reason[];
}

/** Findings worth a warning start here; `info` never affects the verdict. */
const WARN_FROM: Severity = 'low';

export function decide(input: VerdictInput): Decision {
  const { findings, channel, policy } = input;
  const atOrAbove = (s: Severity) => findings.filter((f) => severityRank(f.severity) >= severityRank(s));
  const sensitive = atOrAbove(WARN_FROM);
  const blocking = atOrAbove(policy.blockOn);
  const reasons: Reason[] = [];

  for (const r of input.recipients.filter((x) => !x.known)) {
    const effect: Verdict = blocking.length > 0 ? 'block' : sensitive.length > 0 || r.nearMiss ? 'warn' : 'allow';
    const miss = r.nearMiss;
    const what =
      effect === 'block'
        ? ` and would receive ${entities(blocking)} (at or above ${policy.blockOn})`
        : sensitive.length > 0
          ? ` and would receive ${entities(sensitive)} (below ${policy.blockOn})`
          : input.notScanned.length > 0
            ? '; nothing sensitive was found in what could be read'
            : '; nothing sensitive was found';
    const guess = miss ? `; did you mean ${miss.name ? `${miss.name} (${miss.suggestion})` : miss.suggestion}?` : '';
    reasons.push({ code: miss ? 'near-miss' : 'unknown-recipient', effect, message: `${r.display} is not on the roster${what}${guess}`, recipient: r.normalized });
  }

  if (!channel.encrypted && sensitive.length > 0) {
    const over = atOrAbove(policy.unencryptedBlockOn);
    if (!policy.blockUnencrypted) {
      reasons.push({ code: 'unencrypted-channel', effect: 'allow', message: `${channel.name} is not end-to-end encrypted, but the channel rule is off (guard.blockUnencrypted: false)` });
    } else if (over.length > 0) {
      reasons.push({
        code: 'unencrypted-channel',
        effect: 'block',
        message: `${channel.name} is not end-to-end encrypted and the message carries ${entities(over)} (at or above ${policy.unencryptedBlockOn}): blocked even to roster recipients`,
      });
    } else {
      reasons.push({
        code: 'unencrypted-channel',
        effect: 'warn',
        message: `${channel.name} is not end-to-end encrypted and the message carries ${entities(sensitive)} (below ${policy.unencryptedBlockOn})`,
      });
    }
  }

  const unknown = input.recipients.filter((r) => !r.known);
  for (const s of input.notScanned) {
    const then = unknown.length > 0 ? ` and ${unknown.map((r) => r.display).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not on the roster` : '; check it yourself before sending';
    reasons.push({ code: 'not-scanned', effect: unknown.length > 0 ? 'block' : 'warn', message: `${s.path} was not scanned (${s.message})${then}`, part: s.path });
  }

  if (!reasons.some((r) => r.effect !== 'allow')) {
    // Findings reach this point only when every recipient is on the roster (an unknown one would warn).
    const how = channel.encrypted ? ` and ${channel.name} is end-to-end encrypted` : '';
    reasons.push({
      code: 'clear',
      effect: 'allow',
      message: sensitive.length === 0 ? `no findings at or above ${WARN_FROM}` : `every recipient is on the roster${how}; the message carries ${entities(sensitive)}`,
    });
  }
  const verdict = VERDICTS[Math.max(...reasons.map((r) => VERDICTS.indexOf(r.effect)))]!;
  return { verdict, reasons };
}

/** `US_SSN ×2, DOCUMENT_MARKING`: entity names, strictest severity first; never values. */
export function entities(findings: ReadonlyArray<{ entity: string; severity: Severity }>): string {
  const by = new Map<string, { rank: number; n: number }>();
  for (const f of findings) {
    const e = by.get(f.entity) ?? { rank: -1, n: 0 };
    by.set(f.entity, { rank: Math.max(e.rank, severityRank(f.severity)), n: e.n + 1 });
  }
  return [...by.entries()]
    .sort(([a, x], [b, y]) => y.rank - x.rank || compareText(a, b))
    .map(([entity, { n }]) => (n > 1 ? `${entity} ×${n}` : entity))
    .join(', ');
}

/** Everything a check-message report shows. */
export interface GuardReport extends Decision {
  channel: Channel;
  policy: Policy;
  recipients: Recipient[];
  /** The scan of the body and attachments (findings, definitions, diagnostics). */
  scan: ScanReport;
}
