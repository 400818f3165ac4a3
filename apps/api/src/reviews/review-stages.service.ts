import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  DEFAULT_DISAGREEMENT_RULE,
  findStage,
  PROCESS_TEMPLATES,
  RUBRIC_PRESETS,
  type DisagreementRule,
  type ProcessTemplate,
  type ReviewStage,
  type Rubric,
  type Stage,
} from '@grantflow/domain';
import { ApplicationEntity, ProgramEntity, ProgramEventEntity } from '@grantflow/db';
import { notFound } from '../common/problem';

/** Where a program-wide stage stands on the program's calendar. */
export type StageStatus = 'upcoming' | 'open' | 'closed';

/** The template a program runs: the snapshot frozen at publishing, else the current version of its template. */
export function templateOf(program: ProgramEntity): ProcessTemplate {
  return program.templateSnapshot ?? PROCESS_TEMPLATES[program.templateKey];
}

/** The stage's rubric, resolved from the presets by the id the template names. */
export function rubricOf(stage: ReviewStage): Rubric {
  return RUBRIC_PRESETS[stage.settings.rubricId];
}

/**
 * The disagreement rule of a review stage: the default spreads, the stage's resolution, and its panel size as
 * the reviews expected, so one review beyond the panel counts as the extra reviewer that resolves a flag.
 */
export function disagreementRuleOf(stage: ReviewStage): DisagreementRule {
  return {
    ...DEFAULT_DISAGREEMENT_RULE,
    resolution: stage.settings.disagreement,
    expectedReviews: stage.settings.reviewersPerCase,
  };
}

/** Loads programs, applications and stages for the review read endpoints, with 404s for what does not exist. */
@Injectable()
export class ReviewStagesService {
  constructor(
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(ProgramEventEntity) private readonly events: Repository<ProgramEventEntity>,
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
  ) {}

  /** The program, or a 404. */
  async program(id: string): Promise<ProgramEntity> {
    const program = await this.programs.findOneBy({ id });
    if (!program) throw notFound({ zh: `项目 ${id} 不存在`, en: `Program ${id} does not exist` });
    return program;
  }

  /** The application, or a 404. */
  async application(id: string): Promise<ApplicationEntity> {
    const application = await this.applications.findOneBy({ id });
    if (!application) throw notFound({ zh: `申请 ${id} 不存在`, en: `Application ${id} does not exist` });
    return application;
  }

  /** The program's stage of one of the given kinds, or a 404 naming what was expected. */
  stage<K extends Stage['kind']>(
    program: ProgramEntity,
    stageKey: string,
    kinds: readonly K[],
  ): Extract<Stage, { kind: K }> {
    const stage = findStage(templateOf(program), stageKey);
    const kindNames = (kinds as readonly string[]).includes('decision')
      ? { zh: '评审或资助决定', en: 'review or decision' }
      : { zh: '评审', en: 'review' };
    if (!stage || !(kinds as readonly string[]).includes(stage.kind)) {
      throw notFound({
        zh: `项目中没有名为「${stageKey}」的${kindNames.zh}阶段`,
        en: `The program has no ${kindNames.en} stage "${stageKey}"`,
      });
    }
    return stage as Extract<Stage, { kind: K }>;
  }

  /** Whether the program has not reached the stage yet, has it open now, or has closed it. */
  async status(program: ProgramEntity, stageKey: string): Promise<StageStatus> {
    if (await this.events.existsBy({ programId: program.id, stageKey, action: 'stage_closed' }))
      return 'closed';
    return program.status === 'published' && program.currentStage === stageKey ? 'open' : 'upcoming';
  }
}
