import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { catchError, concatMap, from, map, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/request-actor';
import { routeKey } from '../auth/route-access';
import { describeProblem } from '../common/problem.filter';
import { AuditService } from './audit.service';

const AUDITED_BY_HANDLER = 'grantflow:audited-by-handler';

/** Marks a route whose handler writes its own, richer audit record (sign-in, password changes). */
export const AuditedByHandler = () => SetMetadata(AUDITED_BY_HANDLER, true);

/**
 * Writes an audit record for every state-changing request (POST, PUT, PATCH, DELETE), refused or not, before
 * the response leaves: a client never sees a success the audit trail does not hold.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const ownRecord = this.reflector.getAllAndOverride<boolean>(AUDITED_BY_HANDLER, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (request.method === 'GET' || request.method === 'HEAD' || ownRecord) return next.handle();
    const action = routeKey(request.method, (request.route as { path: string }).path);
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      concatMap((body: unknown) =>
        from(
          this.audit.recordRequest(request, {
            action,
            status: response.statusCode,
            subjectId: subjectIdOf(request, body),
          }),
        ).pipe(map(() => body)),
      ),
      catchError((error: unknown) =>
        from(
          this.audit.recordRequest(request, {
            action,
            status: describeProblem(error).status,
            summary: { refused: codeOf(error) },
          }),
        ).pipe(
          concatMap(() => {
            throw error;
          }),
        ),
      ),
    );
  }
}

function subjectIdOf(request: AuthenticatedRequest, body: unknown): string | null {
  if (typeof request.params?.id === 'string') return request.params.id;
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}

function codeOf(error: unknown): string {
  const problem = describeProblem(error);
  return problem.code ?? problem.slug;
}
