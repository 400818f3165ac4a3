import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from '@grantflow/db';
import { notFound, ProblemException } from '../common/problem';
import { AuthService, normalizeEmail } from './auth.service';
import type { CreateUserDto, UpdateUserDto, UserView } from './dto/auth.dto';

/** Accounts as administrators and organization admins manage them. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  async list(page: number, pageSize: number): Promise<{ items: UserView[]; total: number }> {
    const [users, total] = await this.dataSource.getRepository(UserEntity).findAndCount({
      order: { email: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const items = await Promise.all(users.map((user) => this.auth.userView(this.dataSource.manager, user)));
    return { items, total };
  }

  async create(input: CreateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(UserEntity, { email: normalizeEmail(input.email) });
      if (existing) {
        throw new ProblemException({
          status: HttpStatus.CONFLICT,
          slug: 'duplicate-account',
          title: { zh: '该邮箱已注册', en: 'The e-mail address already has an account' },
          errors: [
            { field: 'email', code: 'duplicate', message: { zh: '已有账号', en: 'already has an account' } },
          ],
        });
      }
      const user = await manager.save(
        manager.create(UserEntity, {
          email: normalizeEmail(input.email),
          displayName: input.displayName.trim(),
          roles: [...new Set(input.roles)],
          scope: input.scope ?? null,
          passwordHash: null,
        }),
      );
      await this.auth.sendPasswordLink(manager, user, 'invitation');
      return this.auth.userView(manager, user);
    });
  }

  async update(id: string, input: UpdateUserDto): Promise<UserView> {
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ id });
    if (!user) throw notFound({ zh: `用户 ${id} 不存在`, en: `User ${id} does not exist` });
    if (input.roles) user.roles = [...new Set(input.roles)];
    if (input.scope !== undefined) user.scope = input.scope;
    if (input.disabled !== undefined)
      user.disabledAt = input.disabled ? (user.disabledAt ?? new Date()) : null;
    await users.save(user);
    return this.auth.userView(this.dataSource.manager, user);
  }

  /**
   * The account of an organization member: found by e-mail, or created without a password and invited to set
   * one, so that adding a member never hands an existing account to someone else.
   */
  async accountForMember(manager: EntityManager, email: string, displayName: string): Promise<UserEntity> {
    const existing = await manager.findOneBy(UserEntity, { email: normalizeEmail(email) });
    if (existing) return existing;
    const user = await manager.save(
      manager.create(UserEntity, {
        email: normalizeEmail(email),
        displayName: displayName.trim(),
        roles: [],
        passwordHash: null,
      }),
    );
    await this.auth.sendPasswordLink(manager, user, 'invitation');
    return user;
  }
}
