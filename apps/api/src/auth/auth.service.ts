import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { IsNull, QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { Environment } from '@grantflow/config';
import type { Actor } from '@grantflow/contracts';
import {
  NotificationEntity,
  OrganizationEntity,
  OrganizationMemberEntity,
  OutboxMessageEntity,
  PasswordResetEntity,
  RefreshTokenEntity,
  UserEntity,
} from '@grantflow/db';
import { invalidFields, ProblemException, type FieldProblem } from '../common/problem';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedRequest } from './request-actor';
import { AccessTokenService } from './access-token.service';
import { hashPassword, passwordMatches, passwordWeaknesses } from './passwords';
import type { SessionView, UserView } from './dto/auth.dto';

// After this many wrong passwords in a row the account waits; a person who forgot it resets it by e-mail.
const MAX_FAILED_SIGN_INS = 10;
const LOCK_MINUTES = 15;
const RESET_MINUTES = 30;
const INVITATION_DAYS = 7;

const WEAKNESS_MESSAGES: Record<string, { zh: string; en: string }> = {
  too_short: { zh: '密码至少 10 个字符', en: 'must be at least 10 characters long' },
  too_simple: {
    zh: '密码须包含小写字母、大写字母、数字、符号中的至少三种',
    en: 'must mix at least three of lower case, upper case, digits and symbols',
  },
  contains_email: { zh: '密码不能包含邮箱用户名', en: 'must not contain the e-mail name' },
};

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const signInFailed = () =>
  new ProblemException({
    status: HttpStatus.UNAUTHORIZED,
    slug: 'sign-in-failed',
    code: 'wrong_credentials',
    title: { zh: '登录失败', en: 'Sign-in failed' },
    detail: { zh: '邮箱或密码不正确', en: 'The e-mail address or the password is wrong' },
  });

const sessionRefused = (code: string) =>
  new ProblemException({
    status: HttpStatus.UNAUTHORIZED,
    slug: 'session-ended',
    code,
    title: { zh: '会话已失效', en: 'The session has ended' },
    detail: { zh: '请重新登录', en: 'Sign in again' },
  });

const locked = (until: Date) =>
  new ProblemException({
    status: HttpStatus.TOO_MANY_REQUESTS,
    slug: 'sign-in-locked',
    code: 'too_many_failures',
    title: { zh: '登录尝试过多', en: 'Too many sign-in attempts' },
    detail: {
      zh: `连续输错密码次数过多，请于 ${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 后重试，或通过邮件重置密码`,
      en: `Too many wrong passwords in a row; try again after ${until.toISOString()} or reset the password by e-mail`,
    },
  });

const weakPassword = (field: string, codes: string[]): ProblemException =>
  invalidFields(
    codes.map((code): FieldProblem => ({
      field,
      code: `password_${code}`,
      message: WEAKNESS_MESSAGES[code],
    })),
  );

/** Sign-in, sessions with rotating refresh tokens, password changes and resets. */
@Injectable()
export class AuthService {
  private readonly refreshDays: number;
  private readonly publicBaseUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccessTokenService,
    private readonly audit: AuditService,
    config: ConfigService<Environment, true>,
  ) {
    this.refreshDays = config.get('AUTH_REFRESH_TOKEN_DAYS', { infer: true });
    this.publicBaseUrl =
      config.get('PUBLIC_BASE_URL', { infer: true }) ??
      `http://${config.get('HOST', { infer: true })}:${config.get('PORT', { infer: true })}`;
  }

  async signIn(request: AuthenticatedRequest, email: string, password: string): Promise<SessionView> {
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ email: normalizeEmail(email) });
    if (user?.lockedUntil && user.lockedUntil > new Date()) throw locked(user.lockedUntil);
    const matches = await passwordMatches(user?.passwordHash ?? null, password);
    if (!user || !matches || user.disabledAt) {
      if (user && !matches) {
        const failures = user.failedSignIns + 1;
        const lockedUntil =
          failures >= MAX_FAILED_SIGN_INS ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null;
        await users.update(user.id, { failedSignIns: lockedUntil ? 0 : failures, lockedUntil });
      }
      await this.audit.recordRequest(request, {
        action: 'auth.sign_in',
        status: HttpStatus.UNAUTHORIZED,
        subjectType: 'user',
        subjectId: user?.id ?? null,
        summary: { refused: user?.disabledAt ? 'disabled' : 'wrong_credentials' },
      });
      throw signInFailed();
    }
    await users.update(user.id, { failedSignIns: 0, lockedUntil: null });
    return this.dataSource.transaction(async (manager) => {
      const session = await this.openSession(manager, user, randomUUID());
      await this.audit.recordRequest(withActor(request, user), {
        action: 'auth.sign_in',
        status: HttpStatus.OK,
        subjectType: 'user',
        subjectId: user.id,
        manager,
      });
      return session;
    });
  }

  async register(request: AuthenticatedRequest, email: string, password: string, displayName: string) {
    const weaknesses = passwordWeaknesses(password, email);
    if (weaknesses.length > 0) throw weakPassword('password', weaknesses);
    const passwordHash = await hashPassword(password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await manager.save(
          manager.create(UserEntity, {
            email: normalizeEmail(email),
            displayName: displayName.trim(),
            passwordHash,
            passwordChangedAt: new Date(),
            roles: [],
          }),
        );
        const session = await this.openSession(manager, user, randomUUID());
        await this.audit.recordRequest(withActor(request, user), {
          action: 'auth.register',
          status: HttpStatus.CREATED,
          subjectType: 'user',
          subjectId: user.id,
          manager,
        });
        return session;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new ProblemException({
          status: HttpStatus.CONFLICT,
          slug: 'duplicate-account',
          title: { zh: '该邮箱已注册', en: 'The e-mail address already has an account' },
          errors: [
            {
              field: 'email',
              code: 'duplicate',
              message: {
                zh: '请直接登录，或通过邮件重置密码',
                en: 'sign in, or reset the password by e-mail',
              },
            },
          ],
        });
      }
      throw error;
    }
  }

  /**
   * Exchanges a refresh token for a new pair. The token is spent atomically (only one of two concurrent
   * exchanges succeeds); a spent or revoked token presented again revokes its whole family, since either the
   * user or a thief now holds a copy.
   */
  async refresh(request: AuthenticatedRequest, refreshToken: string): Promise<SessionView> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE … RETURNING on Postgres with [rows, affected count].
      const [[row]] = await manager.query<[{ user_id: string; family_id: string }[], number]>(
        `UPDATE refresh_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id, family_id`,
        [digest(refreshToken)],
      );
      if (!row) return undefined;
      const user = await manager.findOneBy(UserEntity, { id: row.user_id });
      if (!user || user.disabledAt) return undefined;
      return this.openSession(manager, user, row.family_id);
    });
    if (outcome) return outcome;

    const known = await this.dataSource
      .getRepository(RefreshTokenEntity)
      .findOneBy({ tokenHash: digest(refreshToken) });
    if (known?.revokedAt && !known.usedAt) throw sessionRefused('refresh_token_revoked');
    if (known?.usedAt) {
      await this.dataSource.transaction(async (manager) => {
        await this.revokeFamilies(manager, { familyId: known.familyId }, 'reuse_detected');
        await this.audit.recordRequest(request, {
          action: 'auth.refresh_token_reused',
          status: HttpStatus.UNAUTHORIZED,
          subjectType: 'user',
          subjectId: known.userId,
          summary: { family: known.familyId },
          manager,
        });
      });
      throw sessionRefused('refresh_token_reused');
    }
    throw sessionRefused('refresh_token_invalid');
  }

  /** Ends the session the refresh token belongs to; unknown tokens end nothing and say nothing. */
  async signOut(request: AuthenticatedRequest, refreshToken: string): Promise<void> {
    const known = await this.dataSource
      .getRepository(RefreshTokenEntity)
      .findOneBy({ tokenHash: digest(refreshToken) });
    if (!known) return;
    await this.dataSource.transaction(async (manager) => {
      await this.revokeFamilies(manager, { familyId: known.familyId }, 'sign_out');
      await this.audit.recordRequest(request, {
        action: 'auth.sign_out',
        status: HttpStatus.NO_CONTENT,
        subjectType: 'user',
        subjectId: known.userId,
        manager,
      });
    });
  }

  async me(actor: Actor): Promise<UserView> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.userId });
    if (!user) throw sessionRefused('account_gone');
    return this.userView(this.dataSource.manager, user);
  }

  async changePassword(
    request: AuthenticatedRequest,
    actor: Actor,
    current: string,
    next: string,
  ): Promise<void> {
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ id: actor.userId });
    if (!user) throw sessionRefused('account_gone');
    if (!(await passwordMatches(user.passwordHash, current))) {
      throw invalidFields([
        {
          field: 'currentPassword',
          code: 'wrong_password',
          message: { zh: '当前密码不正确', en: 'is not the current password' },
        },
      ]);
    }
    const weaknesses = passwordWeaknesses(next, user.email);
    if (weaknesses.length > 0) throw weakPassword('newPassword', weaknesses);
    const passwordHash = await hashPassword(next);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, user.id, { passwordHash, passwordChangedAt: new Date() });
      // Sessions elsewhere (a lost phone, a shared computer) end with the old password.
      await this.revokeFamilies(manager, { userId: user.id }, 'password_changed');
      await this.audit.recordRequest(request, {
        action: 'auth.password_changed',
        status: HttpStatus.NO_CONTENT,
        subjectType: 'user',
        subjectId: user.id,
        manager,
      });
    });
  }

  /** Sends a reset link when the address has an account; the answer is the same either way. */
  async requestPasswordReset(request: AuthenticatedRequest, email: string): Promise<void> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: normalizeEmail(email) });
    if (!user || user.disabledAt) return;
    await this.dataSource.transaction(async (manager) => {
      await this.sendPasswordLink(manager, user, 'reset');
      await this.audit.recordRequest(request, {
        action: 'auth.password_reset_requested',
        status: HttpStatus.ACCEPTED,
        subjectType: 'user',
        subjectId: user.id,
        manager,
      });
    });
  }

  async confirmPasswordReset(request: AuthenticatedRequest, token: string, next: string): Promise<void> {
    const resets = this.dataSource.getRepository(PasswordResetEntity);
    const reset = await resets.findOneBy({ tokenHash: digest(token), usedAt: IsNull() });
    const user =
      reset && reset.expiresAt > new Date()
        ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: reset.userId })
        : null;
    if (!reset || !user) {
      throw invalidFields([
        {
          field: 'token',
          code: 'invalid_or_expired',
          message: { zh: '链接无效或已过期，请重新申请', en: 'is invalid or expired; ask for a new link' },
        },
      ]);
    }
    const weaknesses = passwordWeaknesses(next, user.email);
    if (weaknesses.length > 0) throw weakPassword('newPassword', weaknesses);
    const passwordHash = await hashPassword(next);
    await this.dataSource.transaction(async (manager) => {
      const spent = await manager.update(
        PasswordResetEntity,
        { id: reset.id, usedAt: IsNull() },
        { usedAt: new Date() },
      );
      if (!spent.affected) throw sessionRefused('reset_link_used');
      await manager.update(UserEntity, user.id, {
        passwordHash,
        passwordChangedAt: new Date(),
        failedSignIns: 0,
        lockedUntil: null,
      });
      await this.revokeFamilies(manager, { userId: user.id }, 'password_reset');
      await this.audit.recordRequest(withActor(request, user), {
        action: 'auth.password_reset',
        status: HttpStatus.NO_CONTENT,
        subjectType: 'user',
        subjectId: user.id,
        manager,
      });
    });
  }

  /**
   * Queues an e-mail with a one-time link to set a password: a reset, or the invitation of an account created
   * by someone else. The in-app notification says it happened; only the e-mail carries the token.
   */
  async sendPasswordLink(
    manager: EntityManager,
    user: UserEntity,
    purpose: 'reset' | 'invitation',
  ): Promise<void> {
    const token = newToken();
    const minutes = purpose === 'reset' ? RESET_MINUTES : INVITATION_DAYS * 24 * 60;
    await manager.insert(PasswordResetEntity, {
      userId: user.id,
      tokenHash: digest(token),
      expiresAt: new Date(Date.now() + minutes * 60_000),
    });
    const link = `${this.publicBaseUrl}/reset-password?token=${token}`;
    const title =
      purpose === 'reset'
        ? { zh: '重置密码', en: 'Reset your password' }
        : { zh: '欢迎使用公益创投平台：请设置密码', en: 'Welcome to Grantflow: set your password' };
    const notification = await manager.save(
      manager.create(NotificationEntity, {
        recipientKind: 'user',
        recipientId: user.id,
        kind: purpose === 'reset' ? 'password_reset' : 'invitation',
        titleZh: title.zh,
        titleEn: title.en,
        bodyZh: '设置密码的链接已发送到您的邮箱。',
        bodyEn: 'A link to set your password was sent to your e-mail address.',
        applicationId: null,
        programId: null,
        dueAt: null,
        dedupeKey: `${purpose}:${randomUUID()}`,
      }),
    );
    const valid = purpose === 'reset' ? `${RESET_MINUTES} 分钟` : `${INVITATION_DAYS} 天`;
    const validEn = purpose === 'reset' ? `${RESET_MINUTES} minutes` : `${INVITATION_DAYS} days`;
    await manager.insert(OutboxMessageEntity, {
      notificationId: notification.id,
      toAddress: user.email,
      subject: `${title.zh} / ${title.en}`,
      bodyText:
        `${user.displayName}，您好：\n\n请打开下面的链接设置密码（${valid}内有效，仅可使用一次）：\n${link}\n\n` +
        `如果不是您本人操作，请忽略本邮件。\n\n---\n\nOpen this link to set your password ` +
        `(valid for ${validEn}, once):\n${link}\n\nIf you did not ask for this, ignore this e-mail.\n`,
    });
  }

  private async openSession(
    manager: EntityManager,
    user: UserEntity,
    familyId: string,
  ): Promise<SessionView> {
    const refreshToken = newToken();
    await manager.insert(RefreshTokenEntity, {
      userId: user.id,
      familyId,
      tokenHash: digest(refreshToken),
      expiresAt: new Date(Date.now() + this.refreshDays * 86_400_000),
    });
    const view = await this.userView(manager, user);
    const accessToken = this.tokens.sign({
      sub: user.id,
      roles: user.roles,
      scope: user.scope ?? undefined,
      orgs: view.organizations.map(({ id, role }) => ({ id, role })),
    });
    return { accessToken, refreshToken, expiresIn: this.tokens.lifetimeSeconds, user: view };
  }

  private async revokeFamilies(
    manager: EntityManager,
    which: { familyId: string } | { userId: string },
    reason: string,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('revoked_at IS NULL')
      .andWhere('familyId' in which ? 'family_id = :id' : 'user_id = :id', {
        id: 'familyId' in which ? which.familyId : which.userId,
      })
      .execute();
  }

  async userView(manager: EntityManager, user: UserEntity): Promise<UserView> {
    const memberships = await manager
      .createQueryBuilder(OrganizationMemberEntity, 'member')
      .innerJoin(OrganizationEntity, 'organization', 'organization.id = member.organization_id')
      .select(['member.organization_id AS id', 'organization.name AS name', 'member.role AS role'])
      .where('member.user_id = :userId', { userId: user.id })
      .orderBy('organization.name')
      .getRawMany<{ id: string; name: string; role: 'admin' | 'member' }>();
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      scope: user.scope ?? undefined,
      organizations: memberships,
      disabled: user.disabledAt ? true : undefined,
    };
  }
}

/** The request as the given user, for audit records of sign-ins (the request itself carried no token). */
function withActor(request: AuthenticatedRequest, user: UserEntity): AuthenticatedRequest {
  return Object.assign(Object.create(request) as AuthenticatedRequest, {
    actor: { userId: user.id, roles: user.roles },
  });
}
