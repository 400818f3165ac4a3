import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { OrganizationEntity, OrganizationMemberEntity } from '@grantflow/db';
import { notFound, ProblemException } from '../common/problem';
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
  ) {}

  async create(input: CreateOrganizationDto): Promise<OrganizationEntity> {
    try {
      return await this.organizations.save(
        this.organizations.create({
          name: input.name,
          creditCode: input.creditCode ?? null,
          kind: input.kind,
          street: input.street,
          community: input.community ?? null,
          contactName: input.contactName ?? null,
          contactPhone: input.contactPhone ?? null,
        }),
      );
    } catch (error) {
      throw isUniqueViolation(error) ? duplicateCreditCode() : error;
    }
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
      return await this.members.save(
        this.members.create({
          organizationId,
          name: input.name,
          email: input.email.toLowerCase(),
          role: input.role,
        }),
      );
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
