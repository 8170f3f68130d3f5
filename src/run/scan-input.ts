/** One input, start to finish: open it, scan it, apply the threshold and the allow-list. */
import { createReadStream } from 'node:fs';
import { dirname } from 'node:path';
import type { ProjectConfig } from '../config/config-file.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding, ScanSettings } from '../engine/types.js';
import { aboveConfidence, notAllowListed } from '../filters/filters.js';
import { describeError, resolveInputs, type Diagnostic, type Input } from '../sources/inputs.js';
import type { EncodingLabel } from '../text/decoder.js';
import { scanStream } from './scan-stream.js';

const READ_CHUNK = 64 * 1024;

export interface ScanContext {
  ruleSet: RuleSet;
  settings: ScanSettings;
  minConfidence: number;
  /** Normalised allow-listed values. */
  allow: ReadonlySet<string>;
}

export type InputResult =
  | { status: 'scanned'; findings: Finding[]; bytes: number; encoding: EncodingLabel; belowThreshold: number; allowListed: number }
  | { status: 'binary'; reason: string }
  | { status: 'error'; message: string };

export function openInput(input: Input, stdin: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  return input.kind === 'stdin' ? stdin : createReadStream(input.path, { highWaterMark: READ_CHUNK });
}

export async function scanInput(input: Input, source: AsyncIterable<Uint8Array>, ctx: ScanContext): Promise<InputResult> {
  let result;
  try {
    result = await scanStream(source, ctx.ruleSet, ctx.settings);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { status: 'error', message: `cannot read ${input.kind === 'stdin' ? 'standard input' : 'file'}: ${describeError(code, e)}` };
  }
  if (result.status === 'binary') return result;
  const confident = aboveConfidence(result.findings, ctx.minConfidence);
  const findings = notAllowListed(confident, ctx.allow);
  return {
    status: 'scanned',
    findings,
    bytes: result.bytes,
    encoding: result.encoding,
    belowThreshold: result.findings.length - confident.length,
    allowListed: confident.length - findings.length,
  };
}

export interface InputChoice {
  inputs: readonly string[];
  cwd: string;
  config: ProjectConfig;
  gitignore: boolean;
  exclude: readonly string[];
}

/** Arguments → inputs, with the config's excludes (relative to the config) and the command line's (relative to cwd). */
export function resolveRunInputs(opts: InputChoice): Promise<{ inputs: Input[]; diagnostics: Diagnostic[] }> {
  return resolveInputs(opts.inputs, {
    cwd: opts.cwd,
    gitignore: opts.gitignore,
    exclude: [
      { base: opts.config.file ? dirname(opts.config.file) : opts.cwd, patterns: opts.config.exclude },
      { base: opts.cwd, patterns: opts.exclude },
    ],
  });
}
