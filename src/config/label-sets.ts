/**
 * Label sets shared between rules: a rule lists the words that name its entity (`labels`), and a
 * context group of any rule takes them by entity (`labelsOf: [US_SSN]`), so "SSN" before a
 * passport-shaped number lowers it without the passport rule keeping its own copy of SSN labels.
 */
import type { RuleDef } from '../model/rule.js';
import { ConfigError } from './yaml-source.js';

/**
 * `defs` with every `labelsOf` group's words extended by those entities' labels, from `defs` and
 * `known` (rules loaded before, such as the built-in ones). A name no rule labels is an error.
 */
export function resolveLabelSets(defs: readonly RuleDef[], known: readonly RuleDef[] = []): RuleDef[] {
  const sets = new Map<string, string[]>();
  for (const d of [...known, ...defs]) if (d.labels) sets.set(d.entity, [...(sets.get(d.entity) ?? []), ...d.labels]);
  return defs.map((d) => {
    if (!d.context.some((g) => g.labelsOf)) return d;
    const context = d.context.map((g) => {
      if (!g.labelsOf) return g;
      const words = [...g.words];
      for (const entity of g.labelsOf) {
        const labels = sets.get(entity);
        if (!labels) throw new ConfigError(d.source.file, d.source.line, 'context.labelsOf', `no rule gives labels for ${entity}`);
        words.push(...labels);
      }
      return { ...g, words: [...new Set(words.map((w) => w.toLowerCase()))] };
    });
    return { ...d, context };
  });
}
