import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import {
  ApplicationEntity,
  ExpertConflictEntity,
  ExpertEntity,
  OrganizationEntity,
  ProgramEntity,
} from '@grantflow/db';
import { invalidFields as invalid, notFound, ProblemException, type FieldProblem } from '../common/problem';
import type { CreateExpertDto } from './dto/create-expert.dto';
import { CONFLICT_SCOPES, CONFLICT_TARGET_FIELD, type DeclareConflictDto } from './dto/declare-conflict.dto';
import type { ListExpertsQueryDto } from './dto/list-experts.dto';
import type { UpdateExpertDto } from './dto/update-expert.dto';

const UNIQUE_VIOLATION = '23505';

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;

// Ids the platform itself signs with: the chair's consensus score is stored as reviewer `consensus`, and
// batch steps act as `program`; an expert with either id would be mistaken for them.
const RESERVED_IDS = ['consensus', 'program'];

// Profile fields that may be cleared with null; any other field is left out or given a value.
const NULLABLE_FIELDS = new Set(['affiliationOrganizationId', 'street']);

function duplicate(slug: string, title: [string, string], detail: [string, string]): ProblemException {
  return new ProblemException({
    status: HttpStatus.CONFLICT,
    slug,
    title: { zh: title[0], en: title[1] },
    detail: { zh: detail[0], en: detail[1] },
  });
}

/** Keeps the expert registry: profiles, availability and loads, and the conflicts experts declare. */
@Injectable()
export class ExpertsService {
  constructor(
    @InjectRepository(ExpertEntity) private readonly experts: Repository<ExpertEntity>,
    @InjectRepository(ExpertConflictEntity) private readonly conflicts: Repository<ExpertConflictEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
  ) {}

  /** Registers an expert; the id is theirs for good (reviews and panels refer to it). */
  async register(input: CreateExpertDto): Promise<ExpertEntity> {
    const errors = [
      ...(RESERVED_IDS.includes(input.id)
        ? [
            {
              field: 'id',
              code: 'reserved',
              message: { zh: '该编号为系统保留', en: 'is reserved by the platform' },
            },
          ]
        : []),
      ...this.loadProblems(input.minLoadPerProgram ?? 0, input.maxLoadPerProgram),
      ...(await this.affiliationProblems(input.affiliationOrganizationId)),
    ];
    if (errors.length > 0) throw invalid(errors);
    try {
      await this.experts.insert({
        id: input.id,
        name: input.name,
        expertise: input.expertise,
        affiliationOrganizationId: input.affiliationOrganizationId ?? null,
        level: input.level,
        street: input.street ?? null,
        maxLoadPerProgram: input.maxLoadPerProgram,
        minLoadPerProgram: input.minLoadPerProgram ?? 0,
        available: input.available ?? true,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw duplicate(
        'duplicate-expert',
        ['专家编号已登记', 'The expert id is already registered'],
        [`专家 ${input.id} 已在专家库中`, `Expert ${input.id} is already in the registry`],
      );
    }
    return this.get(input.id);
  }

  async get(id: string): Promise<ExpertEntity> {
    const expert = await this.experts.findOneBy({ id });
    if (!expert) throw notFound({ zh: `专家 ${id} 不存在`, en: `Expert ${id} does not exist` });
    return expert;
  }

  /** The registry by id, filtered by level, a category among the expertise, and availability. */
  async list(query: ListExpertsQueryDto): Promise<ExpertEntity[]> {
    const pageSize = query.pageSize ?? 100;
    const builder = this.experts.createQueryBuilder('expert').orderBy('expert.id');
    if (query.level) builder.andWhere('expert.level = :level', { level: query.level });
    if (query.category) builder.andWhere(':category = ANY(expert.expertise)', { category: query.category });
    if (query.available !== undefined)
      builder.andWhere('expert.available = :available', { available: query.available });
    return builder
      .skip(((query.page ?? 1) - 1) * pageSize)
      .take(pageSize)
      .getMany();
  }

  /** Edits a profile; new loads and availability apply to the next assignment, current panels stay. */
  async update(id: string, input: UpdateExpertDto): Promise<ExpertEntity> {
    const expert = await this.get(id);
    const errors: FieldProblem[] = [];
    for (const [field, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (value === null && !NULLABLE_FIELDS.has(field)) {
        errors.push({ field, code: 'isDefined', message: { zh: '不能为空值', en: 'must not be null' } });
        continue;
      }
      Object.assign(expert, { [field]: value });
    }
    if (expert.level === 'street' && !expert.street) {
      errors.push({
        field: 'street',
        code: 'isDefined',
        message: { zh: '街道级专家必须填写所属街道', en: 'is required for a street-level expert' },
      });
    }
    errors.push(
      ...this.loadProblems(expert.minLoadPerProgram, expert.maxLoadPerProgram),
      ...(await this.affiliationProblems(input.affiliationOrganizationId)),
    );
    if (errors.length > 0) throw invalid(errors);
    return this.experts.save(expert);
  }

  /** Records a declared conflict; assignment leaves the expert out of everything it covers from then on. */
  async declareConflict(expertId: string, input: DeclareConflictDto): Promise<ExpertConflictEntity> {
    await this.get(expertId);
    const field = CONFLICT_TARGET_FIELD[input.scope];
    const stray = CONFLICT_SCOPES.map((scope) => CONFLICT_TARGET_FIELD[scope]).filter(
      (other) => other !== field && input[other] !== undefined,
    );
    if (stray.length > 0) {
      throw invalid(
        stray.map((other) => ({
          field: other,
          code: 'notForScope',
          message: {
            zh: `回避范围为 ${input.scope} 时不能填写`,
            en: `must not be given when the scope is ${input.scope}`,
          },
        })),
      );
    }
    const target = input[field] as string;
    const unknown = (zh: string, en: string) => invalid([{ field, code: 'unknown', message: { zh, en } }]);
    let programId: string | null = null;
    if (input.scope === 'program') {
      if (!(await this.programs.existsBy({ id: target })))
        throw unknown('该项目不存在', 'does not name an existing program');
      programId = target;
    } else if (input.scope === 'case') {
      const application = await this.applications.findOne({
        where: { id: target },
        select: { id: true, programId: true },
      });
      if (!application) throw unknown('该申请不存在', 'does not name an existing application');
      // Kept beside the case, so a program's assignment finds its case conflicts in one lookup.
      programId = application.programId;
    } else if (!(await this.organizations.existsBy({ id: target }))) {
      throw unknown('该组织不存在', 'does not name an existing organization');
    }
    try {
      const { identifiers } = await this.conflicts.insert({
        expertId,
        scope: input.scope,
        programId,
        applicationId: input.scope === 'case' ? target : null,
        organizationId: input.scope === 'organization' ? target : null,
        reason: input.reason,
      });
      return this.conflicts.findOneByOrFail({ id: identifiers[0].id as string });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw duplicate(
        'duplicate-conflict',
        ['该回避已申报', 'This conflict is already declared'],
        [
          `专家 ${expertId} 已对该${input.scope === 'program' ? '项目' : input.scope === 'case' ? '申请' : '组织'}申报回避`,
          `Expert ${expertId} already declared a conflict with this ${input.scope}`,
        ],
      );
    }
  }

  /** The expert's declared conflicts in the order declared. */
  async listConflicts(expertId: string): Promise<{ expert: ExpertEntity; declared: ExpertConflictEntity[] }> {
    const expert = await this.get(expertId);
    const declared = await this.conflicts.find({
      where: { expertId },
      order: { declaredAt: 'ASC', id: 'ASC' },
    });
    return { expert, declared };
  }

  private loadProblems(minimum: number, maximum: number): FieldProblem[] {
    if (minimum <= maximum) return [];
    return [
      {
        field: 'minLoadPerProgram',
        code: 'aboveMaximum',
        message: { zh: `不能大于评审上限 ${maximum}`, en: `must not exceed maxLoadPerProgram (${maximum})` },
      },
    ];
  }

  private async affiliationProblems(organizationId: string | null | undefined): Promise<FieldProblem[]> {
    if (!organizationId || (await this.organizations.existsBy({ id: organizationId }))) return [];
    return [
      {
        field: 'affiliationOrganizationId',
        code: 'unknown',
        message: { zh: '该组织不存在', en: 'does not name an existing organization' },
      },
    ];
  }
}
