/** Shared types of the detection core. Nothing here does I/O. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];
export function severityRank(s) {
    return SEVERITIES.indexOf(s);
}
