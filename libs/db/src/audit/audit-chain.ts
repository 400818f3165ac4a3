import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditRecordEntity } from '../entities/audit-record.entity';

/** What a caller says happened; the chain adds the sequence, the time if missing, and the hashes. */
export interface AuditEntry {
  source: 'request' | 'transition';
  actorId: string;
  actorRoles: string[];
  action: string;
  subjectType: string;
  subjectId?: string | null;
  summary: Record<string, unknown>;
  requestId?: string | null;
  workflowId?: string | null;
  runId?: string | null;
  /** Names the event once: appending the same key again (a retried activity, a replayed request) adds nothing. */
  eventKey: string;
  occurredAt?: Date;
}

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

// Any constant shared by every writer serialises appends across API instances and workers alike.
const CHAIN_LOCK_KEY = 7_141_959_313;

/** JSON with object keys sorted at every depth, so a record hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

/** The hash of one record: its content, its position and the previous record's hash. */
export function auditRecordHash(record: Omit<AuditRecordEntity, 'hash'>): string {
  const content = canonicalJson({
    sequence: String(record.sequence),
    occurredAt: record.occurredAt.toISOString(),
    source: record.source,
    actorId: record.actorId,
    actorRoles: record.actorRoles,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    summary: record.summary,
    requestId: record.requestId,
    workflowId: record.workflowId,
    runId: record.runId,
    eventKey: record.eventKey,
    previousHash: record.previousHash,
  });
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Appends entries to the chain inside the caller's transaction, so an audit record exists exactly when the change
 * it describes was committed. Appends are serialised by a transaction-scoped advisory lock: each record needs the
 * previous one's hash.
 */
export async function appendAudit(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) throw new Error('appendAudit needs a transaction');
  await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
  const known = new Set(
    (
      await manager.query<{ event_key: string }[]>(
        'SELECT event_key FROM audit_records WHERE event_key = ANY($1)',
        [entries.map((entry) => entry.eventKey)],
      )
    ).map((row) => row.event_key),
  );
  const [head] = await manager.query<{ sequence: string; hash: string }[]>(
    'SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1',
  );
  let sequence = head ? BigInt(head.sequence) : 0n;
  let previousHash = head?.hash ?? GENESIS_HASH;
  const records: AuditRecordEntity[] = [];
  for (const entry of entries) {
    if (known.has(entry.eventKey)) continue;
    known.add(entry.eventKey);
    sequence += 1n;
    const record = {
      sequence: sequence.toString(),
      // Postgres keeps microseconds, JavaScript milliseconds: hashing the millisecond value stays exact.
      occurredAt: new Date((entry.occurredAt ?? new Date()).getTime()),
      source: entry.source,
      actorId: entry.actorId,
      actorRoles: entry.actorRoles,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      summary: entry.summary,
      requestId: entry.requestId ?? null,
      workflowId: entry.workflowId ?? null,
      runId: entry.runId ?? null,
      eventKey: entry.eventKey,
      previousHash,
    };
    const hash = auditRecordHash(record);
    records.push(Object.assign(new AuditRecordEntity(), record, { hash }));
    previousHash = hash;
  }
  // `save` would look each record up first; the lock already guarantees the sequences are new.
  if (records.length > 0) await manager.getRepository(AuditRecordEntity).insert(records as never);
}

/** Appends entries in a transaction of their own (for changes that have already been committed elsewhere). */
export function appendAuditNow(dataSource: DataSource, entries: AuditEntry[]): Promise<void> {
  return dataSource.transaction((manager) => appendAudit(manager, entries));
}

/** Why a link is broken: its own content changed, it does not follow its predecessor, or records are missing. */
export type AuditBreak = 'hash_mismatch' | 'previous_hash_mismatch' | 'sequence_gap' | 'head_mismatch';

/** The outcome of walking the chain. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  head: { sequence: string; hash: string } | null;
  firstBroken?: { sequence: string; reason: AuditBreak };
}

/**
 * Walks the whole chain in order and reports the first broken link. A deleted tail leaves a valid shorter chain;
 * pass a head recorded earlier (e.g. printed by a previous verification and kept elsewhere) to detect that too.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  options: { batchSize?: number; expectedHead?: { sequence: string; hash: string } } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 5000;
  let previousHash = GENESIS_HASH;
  let expected = 1n;
  let checked = 0;
  let head: AuditVerification['head'] = null;
  let seenExpectedHead = false;
  for (;;) {
    const batch = await dataSource
      .getRepository(AuditRecordEntity)
      .createQueryBuilder('record')
      .where('record.sequence >= :from', { from: expected.toString() })
      .orderBy('record.sequence', 'ASC')
      .limit(batchSize)
      .getMany();
    if (batch.length === 0) break;
    for (const record of batch) {
      const broken = (reason: AuditBreak): AuditVerification => ({
        ok: false,
        checked,
        head,
        firstBroken: { sequence: String(record.sequence), reason },
      });
      if (BigInt(record.sequence) !== expected) return broken('sequence_gap');
      if (record.previousHash !== previousHash) return broken('previous_hash_mismatch');
      if (auditRecordHash(record) !== record.hash) return broken('hash_mismatch');
      if (options.expectedHead && options.expectedHead.sequence === String(record.sequence)) {
        if (options.expectedHead.hash !== record.hash) return broken('head_mismatch');
        seenExpectedHead = true;
      }
      previousHash = record.hash;
      expected += 1n;
      checked += 1;
      head = { sequence: String(record.sequence), hash: record.hash };
    }
  }
  if (options.expectedHead && !seenExpectedHead) {
    return {
      ok: false,
      checked,
      head,
      firstBroken: { sequence: options.expectedHead.sequence, reason: 'head_mismatch' },
    };
  }
  return { ok: true, checked, head };
}
