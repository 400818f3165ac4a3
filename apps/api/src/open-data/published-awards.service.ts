import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { SERVICE_CATEGORIES, type LocalizedText, type ProcessTemplate, type Stage } from '@grantflow/domain';
import {
  ApplicationEntity,
  AwardProposalEntity,
  CaseTransitionEntity,
  ProgramEntity,
  ProgramEventEntity,
  type OrganizationKind,
} from '@grantflow/db';
import {
  DEFAULT_GRANT_IDENTIFIER_PREFIX,
  type AwardedGrant,
  type Disbursement,
  type Funder,
  type GrantProgramAwards,
} from '@grantflow/open-data';
import { notFound } from '../common/problem';

/**
 * The funder of the district's competitions. Programs do not name a funder yet; the social-organization service
 * centre that runs them (DOMAIN.md) publishes and funds them until they do.
 */
export const DISTRICT_FUNDER: Funder = {
  id: `${DEFAULT_GRANT_IDENTIFIER_PREFIX}-funder`,
  name: '区社会组织服务中心',
};

const ORGANIZATION_KINDS: Record<OrganizationKind, string> = {
  social_group: '社会团体',
  private_non_enterprise: '民办非企业单位',
  foundation: '基金会',
  community_filed: '社区社会组织（备案）',
};

// A case that lost its award after the notice (objection upheld: declined) or gave it up (withdrew, did not sign)
// was never a grant; every other awarded case is, to its closure or its termination.
const NOT_GRANTS = ['declined', 'withdrawn'];

// Case transitions that pay a tranche: released by its event, or by a coordinator's hand.
const TRANCHE_PAYMENTS = ['tranche_released', 'release_tranche'];

/** One line of a program's published award list. */
export interface PublishedAward {
  grant: AwardedGrant;
  /** The organization's rank in the confirmed allocation, when the program allocated it. */
  rank: number | null;
  /** Funded below the request because the budget ran out. */
  partial: boolean;
}

/** A program's awards as its published notice shows them. */
export interface PublishedAwards {
  program: GrantProgramAwards;
  awards: PublishedAward[];
}

/**
 * Reads what a program has published about its awards: nothing until the public notice (公示) of the awards has
 * opened, then the awarded cases with their organizations (name, legal form, street: never a contact person) and
 * the tranches paid since. A draft, running or unknown program is a 404 alike, so nobody learns of a draft.
 */
@Injectable()
export class PublishedAwardsService {
  constructor(
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(ProgramEventEntity) private readonly events: Repository<ProgramEventEntity>,
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(AwardProposalEntity) private readonly proposals: Repository<AwardProposalEntity>,
    @InjectRepository(CaseTransitionEntity) private readonly transitions: Repository<CaseTransitionEntity>,
  ) {}

  /** The program's published awards, or a 404 when it has published none. */
  async published(programId: string): Promise<PublishedAwards> {
    const unpublished = notFound({
      zh: `项目 ${programId} 没有已公示的资助结果`,
      en: `Program ${programId} has no published award notice`,
    });
    const program = await this.programs.findOneBy({ id: programId });
    const template = program?.templateSnapshot;
    if (!program || !template) throw unpublished;
    const { decision, notice } = awardStages(template);
    if (!decision || !notice) throw unpublished;
    // The notice stage opens once the awards are confirmed and every case has its outcome: that is publication.
    const opened = await this.events.findOne({
      where: { programId, action: 'stage_opened', stageKey: notice.key },
      order: { occurredAt: 'ASC' },
    });
    if (!opened) throw unpublished;

    const applications = await this.applications
      .createQueryBuilder('application')
      .innerJoin('application.organization', 'organization')
      // Only what the notice shows: no contact person or phone of the organization is ever read here.
      .select([
        'application.id',
        'application.title',
        'application.category',
        'application.street',
        'application.awardTier',
        'application.awardedFen',
        'application.form',
        'application.updatedAt',
        'organization.id',
        'organization.name',
        'organization.kind',
        'organization.street',
      ])
      .where('application.program_id = :programId', { programId })
      .andWhere('application.awarded_fen IS NOT NULL')
      .andWhere('(application.terminal IS NULL OR application.terminal NOT IN (:...notGrants))', {
        notGrants: NOT_GRANTS,
      })
      .orderBy('application.id')
      .getMany();
    const ids = applications.map((application) => application.id);
    const [proposals, payments] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            this.proposals.findBy({ programId, stageKey: decision.key, applicationId: In(ids) }),
            this.transitions.find({
              where: { applicationId: In(ids), action: In(TRANCHE_PAYMENTS) },
              order: { sequence: 'ASC' },
            }),
          ]);
    const proposalOf = new Map(proposals.map((proposal) => [proposal.applicationId, proposal]));
    const tiers = new Map(decision.settings.tiers.map((tier) => [tier.key, tier.name]));
    const trancheNames = new Map(
      template.stages.flatMap((stage) =>
        stage.kind === 'implementation'
          ? stage.settings.tranches.map((tranche) => [tranche.key, tranche.name] as const)
          : [],
      ),
    );

    const awards = applications.map((application): PublishedAward => {
      const proposal = proposalOf.get(application.id);
      const disbursements = new Map<string, Disbursement>();
      for (const payment of payments) {
        const trancheKey = payment.data?.trancheKey;
        const amountFen = payment.data?.amountFen;
        if (payment.applicationId !== application.id || typeof trancheKey !== 'string') continue;
        if (typeof amountFen !== 'number' || disbursements.has(trancheKey)) continue;
        disbursements.set(trancheKey, {
          trancheKey,
          name: trancheNames.get(trancheKey),
          amountFen,
          releasedAt: payment.occurredAt.toISOString(),
        });
      }
      const form = application.form ?? {};
      return {
        rank: proposal?.outcome === 'awarded' ? proposal.rank : null,
        partial: proposal?.outcome === 'awarded' ? proposal.partial : false,
        grant: {
          applicationId: application.id,
          title: application.title,
          category: { key: application.category, name: categoryName(application.category) },
          tier: tiers.get(application.awardTier ?? '') ?? {
            zh: application.awardTier ?? '',
            en: application.awardTier ?? '',
          },
          street: application.street,
          amountAwardedFen: application.awardedFen!,
          recipient: {
            organizationId: application.organization!.id,
            name: application.organization!.name,
            kind: ORGANIZATION_KINDS[application.organization!.kind],
            street: application.organization!.street,
          },
          plannedStart: typeof form.startDate === 'string' ? form.startDate : undefined,
          plannedEnd: typeof form.endDate === 'string' ? form.endDate : undefined,
          disbursements: [...disbursements.values()],
          modifiedAt: application.updatedAt.toISOString(),
        },
      };
    });
    awards.sort(
      (a, b) =>
        (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
        b.grant.amountAwardedFen - a.grant.amountAwardedFen ||
        a.grant.applicationId.localeCompare(b.grant.applicationId),
    );
    return {
      program: {
        programId,
        name: program.name,
        funder: DISTRICT_FUNDER,
        awardedAt: opened.occurredAt.toISOString(),
        grants: awards.map((award) => award.grant),
      },
      awards,
    };
  }
}

// The decision stage that awards, and the public notice that follows it.
function awardStages(template: ProcessTemplate) {
  const stages: readonly Stage[] = template.stages;
  const index = stages.findIndex((stage) => stage.kind === 'decision');
  const decision = index < 0 ? undefined : stages[index];
  const notice = stages.slice(index + 1).find((stage) => stage.kind === 'public_notice');
  return {
    decision: decision?.kind === 'decision' ? decision : undefined,
    notice: index < 0 ? undefined : notice,
  };
}

function categoryName(key: string): LocalizedText {
  const category = SERVICE_CATEGORIES.find((candidate) => candidate.key === key);
  return category ? { zh: category.zh, en: category.en } : { zh: key, en: key };
}
