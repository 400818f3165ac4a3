import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import type { Environment } from '@grantflow/config';

/** What an access token says about its holder; read on every request without touching the database. */
export interface AccessClaims {
  sub: string;
  roles: string[];
  scope?: string;
  /** Organizations the user acts for, with the membership role. */
  orgs: { id: string; role: 'admin' | 'member' }[];
}

const ISSUER = 'grantflow';
const AUDIENCE = 'grantflow-api';

/**
 * Signs and checks short-lived access tokens (HS256 JWT). A sign-in through an external OIDC provider would
 * replace `verify` with a check against the provider's keys and map its claims to the same `AccessClaims`.
 */
@Injectable()
export class AccessTokenService {
  private readonly jwt: JwtService;
  readonly lifetimeSeconds: number;

  constructor(config: ConfigService<Environment, true>) {
    // Without a configured secret (development and tests) each process draws its own: tokens do not outlive it.
    const secret = config.get('AUTH_TOKEN_SECRET', { infer: true }) ?? randomBytes(48).toString('base64');
    this.lifetimeSeconds = config.get('AUTH_ACCESS_TOKEN_SECONDS', { infer: true });
    this.jwt = new JwtService({
      secret,
      signOptions: {
        algorithm: 'HS256',
        issuer: ISSUER,
        audience: AUDIENCE,
        expiresIn: this.lifetimeSeconds,
      },
      verifyOptions: { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE },
    });
  }

  sign(claims: AccessClaims): string {
    return this.jwt.sign({ ...claims });
  }

  /** The claims of a valid, unexpired token; undefined for anything else. */
  verify(token: string): AccessClaims | undefined {
    try {
      const payload = this.jwt.verify<AccessClaims & { exp: number }>(token);
      if (typeof payload.sub !== 'string' || !Array.isArray(payload.roles) || !Array.isArray(payload.orgs))
        return undefined;
      return { sub: payload.sub, roles: payload.roles, scope: payload.scope, orgs: payload.orgs };
    } catch {
      return undefined;
    }
  }
}
