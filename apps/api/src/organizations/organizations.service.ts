import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import type { Actor } from '@grantflow/contracts';
import { chinaLocalDate } from '@grantflow/domain';
import { OrganizationEntity, OrganizationMemberEntity, UserEntity } from '@grantflow/db';
import { canManageOrganization, canSeeOrganization } from '../auth/access-rules';
import { UsersService } from '../auth/users.service';
import { actionRefused, notFound, ProblemException } from '../common/problem';
import type { CreateOrganizationDto } from './dto/create-organization.dto';
import type { AddMemberDto } from './dto/member.dto';

const UNIQUE_VIOLATION = '23505';

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;

function duplicate(slug: string, field: string, title: [string, string], message: [string, string]) {
  return new ProblemException({
    status: HttpStatus.CONFLICT,
    slug,
    title: { zh: title[0], en: title[1] },
    errors: [{ field, code: 'duplicate', message: { zh: message[0], en: message[1] } }],
  });
}

const duplicateCreditCode = () =>
  duplicate(
    'duplicate-credit-code',
    'creditCode',
    ['统一社会信用代码已登记', 'The unified social credit code is already registered'],
    ['该代码已被其他组织使用', 'is already used by another organization'],
  );

/** Registers organizations, edits their profiles and keeps their members. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @InjectRepository(OrganizationMemberEntity)
    private readonly members: Repository<OrganizationMemberEntity>,
    private readonly users: UsersService,
  ) {}

  /**
   * Registers an organization. A person without a staff role registers their own: they become its first
   * admin (their next token refresh carries the membership).
   */
  async create(input: CreateOrganizationDto, actor: Actor): Promise<OrganizationEntity> {
    const forOthers = actor.roles.some((role) => role === 'admin' || role.startsWith('coordinator:'));
    try {
      return await this.organizations.manager.transaction(async (manager) => {
        const organization = await manager.save(
          manager.create(OrganizationEntity, {
            name: input.name,
            creditCode: input.creditCode ?? null,
            kind: input.kind,
            street: input.street,
            community: input.community ?? null,
            contactName: input.contactName ?? null,
            contactPhone: input.contactPhone ?? null,
          }),
        );
        const user = forOthers ? null : await manager.findOneBy(UserEntity, { id: actor.userId });
        if (user) {
          await manager.insert(OrganizationMemberEntity, {
            organizationId: organization.id,
            userId: user.id,
            name: user.displayName,
            email: user.email,
            role: 'admin',
          });
        }
        return organization;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? duplicateCreditCode() : error;
    }
  }

  /** The organization, if the actor may see it; otherwise it does not exist for them. */
  async getVisible(id: string, actor: Actor): Promise<OrganizationEntity> {
    if (!canSeeOrganization(actor, id))
      throw notFound({ zh: `组织 ${id} 不存在`, en: `Organization ${id} does not exist` });
    return this.get(id);
  }

  /** Refuses anyone but the organization's admins and administrators (404 to those who may not see it). */
  async checkManager(id: string, actor: Actor): Promise<void> {
    await this.getVisible(id, actor);
    if (!canManageOrganization(actor, id)) {
      throw actionRefused(
        HttpStatus.FORBIDDEN,
        'not_organization_admin',
        '只有本组织的管理员可以修改组织信息和成员',
        "Only the organization's admins may change its profile and members",
      );
    }
  }

  /**
   * The year a provider is barred from purchases of services: the year after its latest 不合格 performance
   * evaluation (DOMAIN.md), on the Shanghai calendar; null when it has none, or the year has passed.
   */
  async barredForYear(id: string, now = new Date()): Promise<number | null> {
    const [row] = await this.organizations.query<{ at: Date | null }[]>(
      `SELECT max(t.occurred_at) AS at
         FROM case_transitions t JOIN applications a ON a.id = t.application_id
        WHERE t.action = 'provider_barred' AND a.organization_id = $1`,
      [id],
    );
    if (!row?.at) return null;
    const year = Number(chinaLocalDate(new Date(row.at)).slice(0, 4)) + 1;
    return year >= Number(chinaLocalDate(now).slice(0, 4)) ? year : null;
  }

  async get(id: string): Promise<OrganizationEntity> {
    const organization = await this.organizations.findOneBy({ id });
    if (!organization) throw notFound({ zh: `组织 ${id} 不存在`, en: `Organization ${id} does not exist` });
    return organization;
  }

  /** Edits the profile; the credit code stays unique. */
  async update(id: string, input: Partial<CreateOrganizationDto>): Promise<OrganizationEntity> {
    const organization = await this.get(id);
    for (const [key, value] of Object.entries(input))
      if (value !== undefined) Object.assign(organization, { [key]: value });
    try {
      return await this.organizations.save(organization);
    } catch (error) {
      throw isUniqueViolation(error) ? duplicateCreditCode() : error;
    }
  }

  /** Adds a member; one e-mail address belongs to one member of an organization. */
  async addMember(organizationId: string, input: AddMemberDto): Promise<OrganizationMemberEntity> {
    await this.get(organizationId);
    try {
      // The member signs in with their own account: an existing one, or a new one invited by e-mail.
      return await this.members.manager.transaction(async (manager) => {
        const user = await this.users.accountForMember(manager, input.email, input.name);
        return manager.save(
          manager.create(OrganizationMemberEntity, {
            organizationId,
            userId: user.id,
            name: input.name,
            email: user.email,
            role: input.role,
          }),
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw duplicate(
        'duplicate-member',
        'email',
        ['该成员已存在', 'This member already exists'],
        ['该邮箱已是本组织成员', 'is already a member of this organization'],
      );
    }
  }

  async listMembers(organizationId: string): Promise<OrganizationMemberEntity[]> {
    await this.get(organizationId);
    return this.members.find({ where: { organizationId }, order: { createdAt: 'ASC' } });
  }
}
