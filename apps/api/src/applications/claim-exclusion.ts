import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CLAIMED_PROJECT_FIELD,
  type ClaimMode,
  type ClaimingSettings,
  type ListedProject,
} from '@grantflow/domain';
import { actionRefused } from '../common/problem';

/** The project of the program's list a claim names, if any. */
export function listedProjectOf(
  claiming: ClaimingSettings,
  form: Record<string, unknown>,
): ListedProject | undefined {
  const key = form[CLAIMED_PROJECT_FIELD];
  return typeof key === 'string' ? claiming.projects.find((project) => project.key === key) : undefined;
}

/**
 * Runs `work` holding a Postgres advisory lock on one listed project of one program, so two claims on it are
 * checked and decided one after the other, across API replicas (the lock ends with the transaction).
 */
export function withClaimLock<T>(
  manager: EntityManager,
  programId: string,
  projectKey: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return manager.transaction(async (locked) => {
    await locked.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`claim:${programId}:${projectKey}`]);
    return work(locked);
  });
}

/** The SQL condition on an application row that holds its project, as `refuseIfClaimed` describes. */
function holdsProject(holding: 'submitted' | 'confirmed'): string {
  return `(terminal IS NULL OR terminal = 'closed') AND ${
    holding === 'confirmed' ? 'award_tier IS NOT NULL' : "workflow_id IS NOT NULL AND phase <> 'draft'"
  }`;
}

/**
 * The keys of the program's listed projects a claim already holds, so the claim form can show them as taken:
 * those with a submitted claim when claims are first come, first served, those with a confirmed one in either
 * mode. The same rule as `refuseIfClaimed`, which still decides when a claim is submitted or confirmed.
 */
export async function heldProjectKeys(
  manager: EntityManager,
  programId: string,
  mode: ClaimMode,
): Promise<string[]> {
  const holding = mode === 'first_come' ? 'submitted' : 'confirmed';
  const rows = await manager.query<{ key: string }[]>(
    `SELECT DISTINCT form->>$2 AS key FROM applications
      WHERE program_id = $1 AND form->>$2 IS NOT NULL AND ${holdsProject(holding)}`,
    [programId, CLAIMED_PROJECT_FIELD],
  );
  return rows.map((row) => row.key);
}

/**
 * Refuses when another claim already holds the project: one submitted and still running (or closed) when claims
 * are first come, first served; one confirmed (awarded) and still running (or closed) in either mode. A claim that
 * was withdrawn, declined or given up frees the project again.
 */
export async function refuseIfClaimed(
  manager: EntityManager,
  programId: string,
  applicationId: string,
  project: ListedProject,
  holding: 'submitted' | 'confirmed',
): Promise<void> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM applications
      WHERE program_id = $1 AND id <> $2 AND form->>$3 = $4 AND ${holdsProject(holding)}
      LIMIT 1`,
    [programId, applicationId, CLAIMED_PROJECT_FIELD, project.key],
  );
  if (rows.length === 0) return;
  throw actionRefused(
    HttpStatus.CONFLICT,
    'project_already_claimed',
    `项目「${project.name.zh}」已被其他组织认领`,
    `The project "${project.name.en}" has already been claimed by another organization`,
  );
}
