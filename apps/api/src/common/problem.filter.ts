import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { localize, preferredLanguage, type Bilingual } from './language';
import { ProblemException, type ProblemDescription } from './problem';
import { temporalProblem } from './temporal-problems';

const TITLE_BY_STATUS: Partial<Record<number, Bilingual>> = {
  400: { zh: '请求格式错误', en: 'Bad request' },
  401: { zh: '需要登录', en: 'Authentication required' },
  403: { zh: '无权执行此操作', en: 'Forbidden' },
  404: { zh: '资源不存在', en: 'Not found' },
  405: { zh: '不支持的请求方法', en: 'Method not allowed' },
  409: { zh: '与当前状态冲突', en: 'Conflict' },
  413: { zh: '请求内容过大', en: 'Payload too large' },
  415: { zh: '不支持的内容类型', en: 'Unsupported media type' },
  422: { zh: '请求数据有误', en: 'Unprocessable content' },
  429: { zh: '请求过于频繁', en: 'Too many requests' },
  503: { zh: '服务暂不可用', en: 'Service unavailable' },
};

function slugOf(status: number): string {
  return (TITLE_BY_STATUS[status]?.en ?? 'error').toLowerCase().replace(/[^a-z]+/g, '-');
}

// Nest's own exceptions, and the http-errors that Express body parsing raises before Nest sees the request
// (too large: 413, malformed JSON: 400), which mark themselves safe to show with `expose`.
function clientErrorStatus(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const candidate = exception as { status?: unknown; expose?: unknown };
  if (typeof candidate?.status === 'number' && candidate.expose === true) return candidate.status;
  return undefined;
}

/** The problem an exception is answered with; the audit trail records the same status and code. */
export function describeProblem(exception: unknown): ProblemDescription {
  if (exception instanceof ProblemException) return exception.problem;
  const fromTemporal = temporalProblem(exception);
  if (fromTemporal) return fromTemporal;
  const status = clientErrorStatus(exception);
  if (status !== undefined) {
    return {
      status,
      slug: slugOf(status),
      title: TITLE_BY_STATUS[status] ?? { zh: '请求无法处理', en: 'The request cannot be processed' },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    slug: 'internal-error',
    title: { zh: '服务器内部错误', en: 'Internal server error' },
    detail: {
      zh: '请稍后重试；如问题持续，请提供请求编号联系管理员',
      en: 'Try again later; if it persists, contact an administrator with the request id',
    },
  };
}

/** Renders every error as `application/problem+json` (RFC 9457), in the caller's language. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const problem = describeProblem(exception);
    if (problem.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));

    const language = preferredLanguage(request.headers['accept-language']);
    const body = {
      type: `/problems/${problem.slug}`,
      title: localize(problem.title, language),
      status: problem.status,
      detail: problem.detail ? localize(problem.detail, language) : undefined,
      instance: request.originalUrl,
      code: problem.code,
      requestId: request.id,
      errors: problem.errors?.map((error) => ({
        field: error.field,
        code: error.code,
        message: localize(error.message, language),
      })),
    };
    response
      .status(problem.status)
      .header('Content-Language', language)
      .type('application/problem+json')
      .send(JSON.stringify(body));
  }
}
