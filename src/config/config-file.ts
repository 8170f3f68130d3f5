/** `.pii-scan.yaml`: project settings, validated with file and line on every problem. Pure. */
import { dirname, resolve } from 'node:path';
import { REDACT_STYLES, type RedactStyle } from '../model/rule.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import { regionListProblem } from '../engine/validators/phone.js';
import { Fields, YamlSource } from './yaml-source.js';
import { parseGuardConfig, type GuardConfig } from './guard-config.js';

export interface ProjectConfig {
  /** Where the config was found (absolute), or undefined for defaults only. */
  file?: string;
  /** Extra rule files or folders, absolute. */
  rules: string[];
  /** Whether the rules shipped with pii-scan load. */
  builtinRules: boolean;
  disable: string[];
  /** Severity by rule id or entity name. */
  severity: Record<string, Severity>;
  /** Values never reported (compared without separators and case). */
  allow: string[];
  /** Glob patterns (gitignore syntax) of paths not scanned, relative to the config's folder. */
  exclude: string[];
  minConfidence?: number;
  failOn?: Severity;
  defaultRegion?: string;
  /** `pii-scan redact`: the run's default style, and styles by entity or rule id. */
  redact: { style?: RedactStyle; styles: Record<string, RedactStyle> };
  /** Line of each top-level field, so later checks (unknown rule ids) can point at it. */
  lines: Record<string, number>;
  /** `check-message`: the roster file (absolute; relative to this config in the file). */
  roster?: string;
  /** `check-message`: block thresholds and channels. */
  guard?: GuardConfig;
  /** `scan`: known findings not to report (absolute; relative to this config in the file). */
  baseline?: string;
}

export const CONFIG_NAMES = ['.pii-scan.yaml', '.pii-scan.yml'];

export const DEFAULT_CONFIG: ProjectConfig = {
  rules: [],
  builtinRules: true,
  disable: [],
  severity: {},
  allow: [],
  exclude: [],
  redact: { styles: {} },
  lines: {},
};

const FIELDS = ['rules', 'builtinRules', 'disable', 'severity', 'allow', 'exclude', 'minConfidence', 'failOn', 'defaultRegion', 'redact', 'roster', 'guard', 'baseline'];

export function parseConfigFile(file: string, text: string): ProjectConfig {
  const src = YamlSource.parse(file, text);
  const value = src.value();
  if (value === null || value === undefined) return { ...DEFAULT_CONFIG, file };
  const f = Fields.root(src, value);
  f.onlyKnown(FIELDS);
  const base = dirname(file);
  const severity: Record<string, Severity> = {};
  if (f.has('severity')) {
    const s = f.child('severity');
    for (const key of Object.keys(s.obj)) severity[key] = s.oneOf(key, SEVERITIES, true)!;
  }
  const minConfidence = f.number('minConfidence', 0, 1);
  const failOn = f.oneOf('failOn', SEVERITIES);
  const defaultRegion = f.string('defaultRegion', { pattern: /^[A-Z]{2}(?:,[A-Z]{2})*$/, hint: 'a two-letter region code such as US, or a list such as US,MX' });
  const regionProblem = defaultRegion !== undefined ? regionListProblem(defaultRegion) : undefined;
  if (regionProblem) throw src.error(f.at('defaultRegion'), regionProblem);
  const redact = parseRedact(f);
  const roster = f.string('roster');
  const guard = f.has('guard') ? parseGuardConfig(f.child('guard')) : undefined;
  const baseline = f.string('baseline');
  const lines: Record<string, number> = {};
  for (const key of Object.keys(f.obj)) lines[key] = src.keyLine([key]);
  return {
    file,
    lines,
    rules: f.stringList('rules').map((p) => resolve(base, p)),
    builtinRules: f.boolean('builtinRules') ?? true,
    disable: f.stringList('disable'),
    severity,
    allow: f.stringList('allow'),
    exclude: f.stringList('exclude'),
    redact,
    ...(minConfidence !== undefined ? { minConfidence } : {}),
    ...(failOn !== undefined ? { failOn } : {}),
    ...(defaultRegion !== undefined ? { defaultRegion } : {}),
    ...(roster !== undefined ? { roster: resolve(base, roster) } : {}),
    ...(guard !== undefined ? { guard } : {}),
    ...(baseline !== undefined ? { baseline: resolve(base, baseline) } : {}),
  };
}

function parseRedact(f: Fields): ProjectConfig['redact'] {
  if (!f.has('redact')) return { styles: {} };
  const r = f.child('redact');
  r.onlyKnown(['style', 'styles']);
  const style = r.oneOf('style', REDACT_STYLES);
  const styles: Record<string, RedactStyle> = {};
  if (r.has('styles')) {
    const s = r.child('styles');
    for (const key of Object.keys(s.obj)) styles[key] = s.oneOf(key, REDACT_STYLES, true)!;
  }
  return style !== undefined ? { style, styles } : { styles };
}
