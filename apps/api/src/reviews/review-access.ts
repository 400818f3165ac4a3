import { HttpStatus } from '@nestjs/common';
import type { Actor } from '@grantflow/contracts';
import { ProblemException, type FieldProblem } from '../common/problem';

/** Roles that run a program: they see every score sheet with reviewer ids, progress and rankings. */
export const STAFF_ROLES: readonly string[] = [
  'coordinator:district',
  'coordinator:street',
  'coordinator:community',
  'leadership',
  'admin',
];

/** True when the caller holds one of the staff roles. */
export function isStaff(actor: Actor): boolean {
  return actor.roles.some((role) => STAFF_ROLES.includes(role));
}

/** A 403 problem with a stable code, in both languages. */
export function forbidden(code: string, zh: string, en: string): ProblemException {
  return new ProblemException({
    status: HttpStatus.FORBIDDEN,
    slug: 'forbidden',
    code,
    title: { zh: '无权执行此操作', en: 'Forbidden' },
    detail: { zh, en },
  });
}

/** A 409 problem: the request does not fit where the case stands now. */
export function conflict(code: string, zh: string, en: string): ProblemException {
  return new ProblemException({
    status: HttpStatus.CONFLICT,
    slug: 'action-refused',
    code,
    title: { zh: '操作被拒绝', en: 'The action was refused' },
    detail: { zh, en },
  });
}

/** A 422 problem listing the refused fields. */
export function invalid(errors: FieldProblem[], code?: string): ProblemException {
  return new ProblemException({
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    slug: 'validation-failed',
    code,
    title: { zh: '请求数据有误', en: 'The request is invalid' },
    detail: { zh: '请更正下列字段后重试', en: 'Correct the fields listed below and try again' },
    errors,
  });
}

/**
 * Refuses callers without a staff role: progress and rankings show scores and reviewer ids. A ranking names no
 * reviewer, so `alsoRoles` lets the purchasing department read the one of the committee it runs (its experts
 * stay unnamed to it, as in the score sheets).
 */
export function requireStaff(actor: Actor, alsoRoles: readonly string[] = []): void {
  if (!isStaff(actor) && !actor.roles.some((role) => alsoRoles.includes(role))) {
    throw forbidden(
      'staff_only',
      '只有项目工作人员（协调员）可以查看',
      'Only program staff (coordinators) may see this',
    );
  }
}
