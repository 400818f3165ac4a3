import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { OrganizationEntity } from '@grantflow/db';
import { notFound, ProblemException } from '../common/problem';
import type { CreateOrganizationDto } from './dto/create-organization.dto';

const UNIQUE_VIOLATION = '23505';

/** Registers organizations and reads their profiles. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
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
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new ProblemException({
          status: HttpStatus.CONFLICT,
          slug: 'duplicate-credit-code',
          title: { zh: '统一社会信用代码已登记', en: 'The unified social credit code is already registered' },
          errors: [
            {
              field: 'creditCode',
              code: 'duplicate',
              message: { zh: '该代码已被其他组织使用', en: 'is already used by another organization' },
            },
          ],
        });
      }
      throw error;
    }
  }

  async get(id: string): Promise<OrganizationEntity> {
    const organization = await this.organizations.findOneBy({ id });
    if (!organization) throw notFound({ zh: `组织 ${id} 不存在`, en: `Organization ${id} does not exist` });
    return organization;
  }
}
