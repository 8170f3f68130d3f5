/** Which replacement each finding gets: the config's per rule or entity, the rule's own, the caller's, the config's default, mask. */
import type { ProjectConfig } from '../config/config-file.js';
import type { RedactStyle, RuleDef } from '../model/rule.js';
import type { Finding } from '../model/finding.js';
import type { Replacement } from './styles.js';

export function replacementChooser(defs: readonly RuleDef[], config: ProjectConfig, style: RedactStyle | undefined): (f: Finding) => Replacement {
  const byId = new Map(defs.map((d) => [d.id, d]));
  return (f) => {
    const def = byId.get(f.ruleId);
    const chosen = config.redact.styles[f.ruleId] ?? config.redact.styles[f.entity] ?? def?.redact ?? style ?? config.redact.style ?? 'mask';
    return { entity: f.entity, style: chosen, mask: def?.mask ?? 'full' };
  };
}

/** Whether any finding could be hashed: such a run needs a key before anything is read. */
export function usesHash(defs: readonly RuleDef[], config: ProjectConfig, style: RedactStyle | undefined): boolean {
  return style === 'hash' || config.redact.style === 'hash' || Object.values(config.redact.styles).includes('hash') || defs.some((d) => d.redact === 'hash');
}
