import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit, appendAuditNow, type AuditEntry } from '@grantflow/db';
import { caseWorkflowId, programWorkflowId } from '@grantflow/contracts';
import type { AuthenticatedRequest } from '../auth/request-actor';

/** What a request did, as the audit trail summarises it. */
export interface RequestOutcome {
  action: string;
  status: number;
  subjectType?: string;
  subjectId?: string | null;
  summary?: Record<string, unknown>;
  /** For changes made by this service itself: append in its transaction. */
  manager?: EntityManager;
}

// The first path segment after /api names the kind of subject a request is about.
const SUBJECT_TYPES: Record<string, string> = {
  applications: 'application',
  programs: 'program',
  organizations: 'organization',
  experts: 'expert',
  notifications: 'notification',
  reviewers: 'reviewer',
  auth: 'user',
  admin: 'user',
  public: 'application',
};

/** Writes request records to the hash-chained audit trail (transitions are written by the projections). */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordRequest(request: AuthenticatedRequest, outcome: RequestOutcome): Promise<void> {
    const actor = request.actor;
    const segments = request.path.split('/').filter(Boolean);
    const subjectType = outcome.subjectType ?? SUBJECT_TYPES[segments[1] ?? ''] ?? segments[1] ?? 'api';
    const subjectId =
      outcome.subjectId ?? (typeof request.params?.id === 'string' ? request.params.id : null) ?? null;
    const entry: AuditEntry = {
      source: 'request',
      actorId: actor?.userId ?? 'anonymous',
      actorRoles: [...(actor?.roles ?? [])],
      action: outcome.action,
      subjectType,
      subjectId,
      summary: { status: outcome.status, ...outcome.summary },
      requestId: request.id === undefined ? null : String(request.id),
      workflowId: workflowOf(subjectType, subjectId),
      // Every request handled is a record of its own, even when a client sends the same X-Request-Id twice.
      eventKey: `request:${randomUUID()}`,
    };
    if (outcome.manager) await appendAudit(outcome.manager, [entry]);
    else await appendAuditNow(this.dataSource, [entry]);
  }
}

function workflowOf(subjectType: string, subjectId: string | null): string | null {
  if (!subjectId) return null;
  if (subjectType === 'application') return caseWorkflowId(subjectId);
  if (subjectType === 'program') return programWorkflowId(subjectId);
  return null;
}
