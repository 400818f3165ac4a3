import { HttpStatus } from '@nestjs/common';
import {
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { refusalOf, type Refusal } from '@grantflow/contracts';
import type { ProblemDescription } from './problem';

const STATUS_BY_REFUSAL: Record<Refusal['kind'], HttpStatus> = {
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  deadline: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
};

function refusedAction(refusal: Refusal): ProblemDescription {
  return {
    status: STATUS_BY_REFUSAL[refusal.kind],
    slug: `action-refused`,
    code: refusal.code,
    title: { zh: '操作被拒绝', en: 'The action was refused' },
    detail: refusal.message,
    errors: refusal.fields,
  };
}

/** Maps an error from the Temporal client to a problem, or undefined when it is not a Temporal error. */
export function temporalProblem(error: unknown): ProblemDescription | undefined {
  if (error instanceof WorkflowUpdateFailedError) {
    const refusal = refusalOf(error.cause);
    if (refusal) return refusedAction(refusal);
    return {
      status: HttpStatus.CONFLICT,
      slug: 'action-failed',
      title: { zh: '操作未能完成', en: 'The action could not be completed' },
      detail: { zh: '流程拒绝了此操作', en: error.cause?.message ?? error.message },
    };
  }
  if (error instanceof WorkflowNotFoundError) {
    return {
      status: HttpStatus.NOT_FOUND,
      slug: 'case-not-found',
      title: { zh: '案件不存在', en: 'Case not found' },
      detail: {
        zh: '该申请尚未提交或已被清理',
        en: 'The application was never submitted or has been cleaned up',
      },
    };
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return {
      status: HttpStatus.CONFLICT,
      slug: 'case-exists',
      title: { zh: '案件已存在', en: 'The case already exists' },
    };
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return {
      status: HttpStatus.GATEWAY_TIMEOUT,
      slug: 'engine-timeout',
      title: { zh: '流程引擎响应超时', en: 'The process engine did not answer in time' },
      detail: {
        zh: '操作可能仍在进行；请使用相同的 Idempotency-Key 重试',
        en: 'The action may still complete; retry with the same Idempotency-Key',
      },
    };
  }
  if (error instanceof ServiceError) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      slug: 'engine-unavailable',
      title: { zh: '流程引擎暂不可用', en: 'The process engine is unavailable' },
    };
  }
  return undefined;
}
