import { HttpException, HttpStatus, ParseUUIDPipe } from '@nestjs/common';
import type { Bilingual } from './language';

/** One invalid field of a request, with a stable code and a message in both languages. */
export interface FieldProblem {
  field: string;
  code: string;
  message: Bilingual;
}

/** A problem the API reports as RFC 9457 `application/problem+json`. */
export interface ProblemDescription {
  status: HttpStatus;
  /** Stable slug; the `type` URI is `/problems/<slug>`. */
  slug: string;
  title: Bilingual;
  detail?: Bilingual;
  errors?: FieldProblem[];
  /** Machine-readable code of a refused action, e.g. `already_submitted`. */
  code?: string;
}

/** Thrown by services and pipes; the problem filter renders it in the caller's language. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDescription) {
    super(problem.title.en, problem.status);
  }
}

/** The resource does not exist, or the caller may not know that it does. */
export function notFound(what: Bilingual): ProblemException {
  return new ProblemException({
    status: HttpStatus.NOT_FOUND,
    slug: 'not-found',
    title: { zh: '资源不存在', en: 'Not found' },
    detail: what,
  });
}

/** Input that breaks rules field by field: a 422 listing every field, in the caller's language. */
export function invalidFields(errors: FieldProblem[]): ProblemException {
  return new ProblemException({
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    slug: 'validation-failed',
    title: { zh: '请求数据有误', en: 'The request is invalid' },
    detail: { zh: '请更正下列字段后重试', en: 'Correct the fields listed below and try again' },
    errors,
  });
}

/** An action the state of things does not allow (409) or the caller may not take (403), with its reason. */
export function actionRefused(status: HttpStatus, code: string, zh: string, en: string): ProblemException {
  return new ProblemException({
    status,
    slug: 'action-refused',
    code,
    title: { zh: '操作被拒绝', en: 'The action was refused' },
    detail: { zh, en },
  });
}

/** Parses a UUID path parameter; a malformed id names no resource, so it is a 404 like an unknown one. */
export const uuidParam = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => notFound({ zh: '该编号不对应任何资源', en: 'The id does not name any resource' }),
});
