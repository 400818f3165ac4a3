import { getMetadataStorage } from 'class-validator';
import { CreateApplicationDto } from '../applications/dto/create-application.dto';
import { CaseActionDto, ObjectionDto } from '../applications/dto/case-action.dto';
import { ApplicationListQueryDto } from '../programs/dto/application-list-query.dto';
import { CategoryQuotaDto } from '../programs/dto/category-quota.dto';
import {
  PageQueryDto,
  PickNextRankedDto,
  StageActionDto,
  UpdateProgramDto,
} from '../programs/dto/update-program.dto';
import { UpdateApplicationDto } from '../applications/dto/update-application.dto';
import { CreateExpertDto } from '../experts/dto/create-expert.dto';
import { DeclareConflictDto } from '../experts/dto/declare-conflict.dto';
import { ListExpertsQueryDto } from '../experts/dto/list-experts.dto';
import { UpdateExpertDto } from '../experts/dto/update-expert.dto';
import { CreateOrganizationDto } from '../organizations/dto/create-organization.dto';
import { AddMemberDto } from '../organizations/dto/member.dto';
import { CreateProgramDto } from '../programs/dto/create-program.dto';
import {
  CommitteePlanDto,
  LocalizedNameDto,
  MilestoneEventDto,
  PaymentMilestoneDto,
  ProcurementSettingsDto,
} from '../programs/dto/procurement-settings.dto';
import {
  BeneficiaryGroupDto,
  ClaimingSettingsDto,
  CompanyFundingSettingsDto,
  ListedProjectDto,
} from '../programs/dto/variant-settings.dto';
import { ReviewProgressQueryDto } from '../reviews/dto/review-progress-query.dto';
import { SaveReviewDraftDto } from '../reviews/dto/save-review-draft.dto';
import { StageQueryDto } from '../reviews/dto/stage-query.dto';
import { preferredLanguage } from './language';
import { LOCALIZED_CONSTRAINTS, validationProblem } from './validation';
import { validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';

// Every request DTO of the API; a new DTO is added here so its messages are checked too.
const DTOS = [
  AddMemberDto,
  ApplicationListQueryDto,
  BeneficiaryGroupDto,
  CaseActionDto,
  CategoryQuotaDto,
  ClaimingSettingsDto,
  CommitteePlanDto,
  CompanyFundingSettingsDto,
  CreateApplicationDto,
  CreateExpertDto,
  CreateOrganizationDto,
  CreateProgramDto,
  DeclareConflictDto,
  ListExpertsQueryDto,
  ListedProjectDto,
  LocalizedNameDto,
  MilestoneEventDto,
  ObjectionDto,
  PageQueryDto,
  PaymentMilestoneDto,
  PickNextRankedDto,
  ProcurementSettingsDto,
  ReviewProgressQueryDto,
  SaveReviewDraftDto,
  StageActionDto,
  StageQueryDto,
  UpdateApplicationDto,
  UpdateExpertDto,
  UpdateProgramDto,
];

describe('validation messages', () => {
  it('has a Chinese and an English message for every constraint the DTOs use', () => {
    const used = new Set(
      DTOS.flatMap((dto) =>
        getMetadataStorage()
          .getTargetValidationMetadatas(dto, '', true, false)
          // IsOptional and the like decide whether to validate; they never produce a message.
          .filter((metadata) => metadata.type !== 'conditionalValidation')
          .map((metadata) => metadata.name)
          .filter((name): name is string => Boolean(name)),
      ),
    );
    expect([...used].filter((name) => !LOCALIZED_CONSTRAINTS.includes(name))).toEqual([]);
  });

  it('renders constraint arguments into both languages', () => {
    const dto = plainToInstance(CreateProgramDto, {
      name: 'x'.repeat(201),
      templateKey: 'grant-competition',
      budgetFen: -1,
    });
    const problem = validationProblem(validateSync(dto)).problem;
    expect(problem.status).toBe(422);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        {
          field: 'name',
          code: 'maxLength',
          message: { zh: '长度不能超过 200 个字符', en: 'must be at most 200 characters long' },
        },
        { field: 'budgetFen', code: 'min', message: { zh: '不能小于 0', en: 'must not be less than 0' } },
      ]),
    );
  });
});

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.8', 'zh-CN'],
    ['fr-FR,en;q=0.9,zh;q=0.8', 'en'],
    ['de', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
  ])('%s → %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});
