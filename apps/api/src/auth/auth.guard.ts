import { HttpStatus, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@grantflow/contracts';
import { ProblemException } from '../common/problem';
import { AuditService } from '../audit/audit.service';
import { AccessTokenService } from './access-token.service';
import { ANONYMOUS, type AuthenticatedRequest } from './request-actor';
import { grantedRoles, ROUTE_ACCESS, routeAllows, routeKey } from './route-access';

export const unauthenticated = () =>
  new ProblemException({
    status: HttpStatus.UNAUTHORIZED,
    slug: 'unauthenticated',
    code: 'sign_in_required',
    title: { zh: '请先登录', en: 'Sign-in required' },
    detail: {
      zh: '缺少有效的访问令牌，或令牌已过期，请重新登录',
      en: 'The access token is missing, invalid or expired; sign in again',
    },
  });

export const routeForbidden = () =>
  new ProblemException({
    status: HttpStatus.FORBIDDEN,
    slug: 'forbidden',
    code: 'route_not_allowed',
    title: { zh: '无权执行此操作', en: 'Forbidden' },
    detail: { zh: '您的角色不能使用此功能', en: 'Your role may not use this function' },
  });

const notMember = () =>
  new ProblemException({
    status: HttpStatus.FORBIDDEN,
    slug: 'forbidden',
    code: 'not_a_member',
    title: { zh: '无权执行此操作', en: 'Forbidden' },
    detail: {
      zh: 'X-Organization-Id 指定的组织不是您所属的组织',
      en: 'X-Organization-Id names an organization you are not a member of',
    },
  });

/**
 * Every request passes here (a global guard): it resolves the actor from the bearer token and checks the route
 * against `ROUTE_ACCESS`. Public routes still read a token when one is sent, so they can tell who asked.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const routePath = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const key = routeKey(request.method, routePath);
    const access = ROUTE_ACCESS[key];
    if (access === 'public') {
      // A stale token must not keep anyone from signing in again or refreshing: public routes ignore it.
      request.actor = this.optionalActorOf(request) ?? ANONYMOUS;
      return true;
    }
    const actor = this.actorOf(request);
    request.actor = actor ?? ANONYMOUS;
    if (!access) {
      // A route nobody listed is closed until someone decides who may use it.
      this.logger.error(`No access rule for ${key}: refused`);
      throw routeForbidden();
    }
    if (!actor) throw unauthenticated();
    if (!routeAllows(access, grantedRoles(request.method, actor))) {
      await this.audit.recordRequest(request, {
        action: key,
        status: HttpStatus.FORBIDDEN,
        summary: { refused: 'route_not_allowed' },
      });
      throw routeForbidden();
    }
    return true;
  }

  private optionalActorOf(request: AuthenticatedRequest): Actor | undefined {
    try {
      return this.actorOf(request);
    } catch {
      return undefined;
    }
  }

  /** The actor a valid bearer token names; undefined without one. Throws for a foreign organization. */
  private actorOf(request: AuthenticatedRequest): Actor | undefined {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) return undefined;
    const claims = this.tokens.verify(match[1]);
    if (!claims) throw unauthenticated();
    const asked = request.headers['x-organization-id'];
    let membership = claims.orgs.length === 1 ? claims.orgs[0] : undefined;
    if (typeof asked === 'string' && asked !== '') {
      membership = claims.orgs.find((org) => org.id === asked);
      if (!membership) throw notMember();
    }
    return {
      userId: claims.sub,
      roles: membership
        ? [...claims.roles.filter((role) => role !== 'applicant'), 'applicant']
        : claims.roles,
      scope: claims.scope,
      organizationId: membership?.id,
      organizationRole: membership?.role,
    };
  }
}
