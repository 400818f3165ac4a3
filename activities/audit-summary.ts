// Codes, stage keys, amounts and scores; a longer string is free text someone wrote (a reason, a comment) and
// may carry personal data, which the audit trail leaves in the tables it belongs to.
const CODE = /^[\w:.\-/]{1,64}$/u;
const MAX_DEPTH = 2;

function keep(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return CODE.test(value) ? value : undefined;
  if (depth >= MAX_DEPTH || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => keep(item, depth + 1)).filter((item) => item !== undefined);
    return items.length > 0 ? items.slice(0, 20) : undefined;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => [key, keep(item, depth + 1)] as const)
    .filter(([, item]) => item !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** The before/after summary an audit record keeps of a transition's data: codes and figures, no prose. */
export function auditSummary(data: Record<string, unknown>): Record<string, unknown> {
  return (keep(data, 0) as Record<string, unknown> | undefined) ?? {};
}
