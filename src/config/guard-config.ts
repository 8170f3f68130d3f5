/**
 * The `guard:` section of `.pii-scan.yaml`: when check-message blocks, and which channels are
 * end-to-end encrypted. Pure; parsed with the config's own located readers.
 */
import { SEVERITIES, type Severity } from '../model/finding.js';
import type { Fields } from './yaml-source.js';

/** Which kind of address a channel delivers to; decides what a `group:` member expands to. */
export const ADDRESS_KINDS = ['phone', 'email', 'any'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export interface Channel {
  name: string;
  /** End-to-end encrypted: only the sender and the recipients can read what is sent. */
  encrypted: boolean;
  addresses: AddressKind;
}

export interface GuardConfig {
  /** Findings at or above this block a message that has a recipient not on the roster. */
  blockOn?: Severity;
  /** Findings at or above this block a message over an unencrypted channel, even to the roster. */
  unencryptedBlockOn?: Severity;
  /** `false` turns the unencrypted-channel rule off. */
  blockUnencrypted?: boolean;
  /** The channel when --channel is not given. */
  defaultChannel?: string;
  /** Declared or overridden channels, merged over the built-in ones. */
  channels: Record<string, Channel>;
}

export const DEFAULT_BLOCK_ON: Severity = 'medium';
export const DEFAULT_UNENCRYPTED_BLOCK_ON: Severity = 'high';

/**
 * "Encrypted" means end-to-end. SMS and MMS cross carriers in clear text; email is at best
 * encrypted hop by hop; Teams and Slack are readable by the workspace operator.
 */
export const BUILTIN_CHANNELS: Readonly<Record<string, Channel>> = {
  sms: { name: 'sms', encrypted: false, addresses: 'phone' },
  mms: { name: 'mms', encrypted: false, addresses: 'phone' },
  email: { name: 'email', encrypted: false, addresses: 'email' },
  signal: { name: 'signal', encrypted: true, addresses: 'phone' },
  whatsapp: { name: 'whatsapp', encrypted: true, addresses: 'phone' },
  imessage: { name: 'imessage', encrypted: true, addresses: 'any' },
  teams: { name: 'teams', encrypted: false, addresses: 'email' },
  slack: { name: 'slack', encrypted: false, addresses: 'email' },
};

const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const GUARD_FIELDS = ['blockOn', 'unencryptedBlockOn', 'blockUnencrypted', 'defaultChannel', 'channels'];

/** Read `guard:`; every problem is a located ConfigError. */
export function parseGuardConfig(f: Fields): GuardConfig {
  f.onlyKnown(GUARD_FIELDS);
  const channels: Record<string, Channel> = {};
  if (f.has('channels')) {
    const list = f.child('channels');
    for (const name of Object.keys(list.obj)) {
      if (!CHANNEL_NAME.test(name)) {
        throw list.src.error(list.at(name), 'channel names are lower-case letters, digits, - and _');
      }
      const c = list.child(name);
      c.onlyKnown(['encrypted', 'addresses']);
      const builtin = BUILTIN_CHANNELS[name];
      const encrypted = c.boolean('encrypted') ?? builtin?.encrypted;
      if (encrypted === undefined) throw c.src.error(c.at('encrypted'), 'is required for a channel that is not built in (true or false)');
      channels[name] = { name, encrypted, addresses: c.oneOf('addresses', ADDRESS_KINDS) ?? builtin?.addresses ?? 'any' };
    }
  }
  const blockOn = f.oneOf('blockOn', SEVERITIES);
  const unencryptedBlockOn = f.oneOf('unencryptedBlockOn', SEVERITIES);
  const blockUnencrypted = f.boolean('blockUnencrypted');
  const defaultChannel = f.string('defaultChannel');
  if (defaultChannel !== undefined && !channels[defaultChannel] && !BUILTIN_CHANNELS[defaultChannel]) {
    throw f.src.error(f.at('defaultChannel'), `unknown channel '${defaultChannel}'; known channels: ${knownChannels({ channels }).join(', ')}`);
  }
  return {
    channels,
    ...(blockOn !== undefined ? { blockOn } : {}),
    ...(unencryptedBlockOn !== undefined ? { unencryptedBlockOn } : {}),
    ...(blockUnencrypted !== undefined ? { blockUnencrypted } : {}),
    ...(defaultChannel !== undefined ? { defaultChannel } : {}),
  };
}

export function knownChannels(guard: Pick<GuardConfig, 'channels'> | undefined): string[] {
  return [...new Set([...Object.keys(BUILTIN_CHANNELS), ...Object.keys(guard?.channels ?? {})])];
}

/** The channel by name (case-insensitive), or undefined when neither built in nor declared. */
export function findChannel(name: string, guard: GuardConfig | undefined): Channel | undefined {
  const key = name.toLowerCase();
  return guard?.channels[key] ?? BUILTIN_CHANNELS[key];
}
