import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  createWorkingDayCalendar,
  durationEnd,
  GOVERNMENT_PROCUREMENT_TEMPLATE_KEY,
  type CaseState,
  type ProcessTemplate,
} from '@grantflow/domain';
import { ApplicationEntity, CaseTransitionEntity, ProgramEntity, ProgramEventEntity } from '@grantflow/db';
import {
  DEFAULT_OCID_PREFIX,
  type ContractPayment,
  type DeliveryMilestone,
  type PaymentMilestone,
  type ProcurementPublication,
  type PublishedParty,
  type TenderAmendment,
} from '@grantflow/open-data';
import { notFound } from '../common/problem';

/**
 * The purchasing department of the district's purchases. Programs do not name their department yet (only the
 * signed-in purchaser, a person, who is never published): the district's civil-affairs bureau stands for it.
 */
export const DISTRICT_BUYER: PublishedParty = {
  id: `${DEFAULT_OCID_PREFIX}-buyer`,
  name: '区民政局',
};

// Case transitions that pay a tranche: released by its event, or by the purchaser's hand.
const TRANCHE_PAYMENTS = ['tranche_released', 'release_tranche'];

/**
 * Builds what a procurement has published (`ProcurementPublication`) from the database: the tender notice and
 * its amendments from the program's events, the number of bids once they are opened (never anything of their
 * content), the award from the result notice on, the contract once both sides signed, its tranches as payment
 * milestones, the payments made, the reports accepted and the evaluations' grades. Organizations only: no person, no contact, no bid document is read.
 * A grant program, a draft, an unknown program or one whose tender notice is not out is a 404 alike.
 */
@Injectable()
export class ProcurementPublicationService {
  constructor(
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(ProgramEventEntity) private readonly events: Repository<ProgramEventEntity>,
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(CaseTransitionEntity) private readonly transitions: Repository<CaseTransitionEntity>,
  ) {}

  async publication(programId: string): Promise<ProcurementPublication> {
    const unpublished = notFound({
      zh: `项目 ${programId} 没有已发布的采购公告`,
      en: `Program ${programId} has no published tender notice`,
    });
    const program = await this.programs.findOneBy({ id: programId });
    const template = program?.templateSnapshot;
    const settings = program?.settings.procurement;
    if (!program || !template || !settings || program.templateKey !== GOVERNMENT_PROCUREMENT_TEMPLATE_KEY)
      throw unpublished;
    if (program.status === 'draft') throw unpublished;
    const tenderStage = template.stages[0];
    const events = await this.events.find({ where: { programId }, order: { occurredAt: 'ASC' } });
    const noticeOut = events.find(
      (event) => event.action === 'stage_opened' && event.stageKey === tenderStage.key,
    );
    if (!noticeOut) throw unpublished;

    const publishedAt = (program.publishedAt ?? noticeOut.occurredAt).toISOString();
    const firstDeadline =
      typeof noticeOut.data.deadline === 'string'
        ? noticeOut.data.deadline
        : (program.submissionClosesAt?.toISOString() ?? publishedAt);
    const amendments: TenderAmendment[] = events
      .filter((event) => event.action === 'amend_call' && event.stageKey === tenderStage.key)
      .map((event, index) => ({
        id: `amendment-${index + 1}`,
        publishedAt: event.occurredAt.toISOString(),
        rationale: typeof event.data.reason === 'string' ? event.data.reason : '',
        ...(typeof event.data.until === 'string' ? { tenderPeriodEnd: event.data.until } : {}),
      }));

    // Bids are sealed until the tender stage closes: before that not even their number is published.
    const opened = events.some(
      (event) => event.action === 'stage_closed' && event.stageKey === tenderStage.key,
    );
    const openingStage = template.stages[1];
    const numberOfTenderers = opened
      ? await this.transitions
          .createQueryBuilder('transition')
          .innerJoin(ApplicationEntity, 'application', 'application.id = transition.application_id')
          .where('application.program_id = :programId', { programId })
          .andWhere('transition.to_stage = :opening', { opening: openingStage.key })
          .select('COUNT(DISTINCT transition.application_id)', 'count')
          .getRawOne<{ count: string }>()
          .then((row) => Number(row?.count ?? 0))
      : undefined;
    const unsuccessful = events.find((event) => event.action === 'call_unsuccessful');

    const publication: ProcurementPublication = {
      procurementId: program.id,
      title: program.name,
      buyer: DISTRICT_BUYER,
      method: settings.method,
      priceWeightPercent: settings.priceWeightPercent,
      budgetCeilingFen: settings.budgetCeilingFen,
      tender: {
        publishedAt,
        period: { start: publishedAt, end: firstDeadline },
        amendments,
        ...(numberOfTenderers !== undefined ? { numberOfTenderers } : {}),
        ...(unsuccessful
          ? { ended: { status: 'unsuccessful' as const, at: unsuccessful.occurredAt.toISOString() } }
          : {}),
      },
    };

    // The award is public from the result notice on.
    const noticeIndex = template.stages.findIndex((stage) => stage.kind === 'public_notice');
    const agreementIndex = template.stages.findIndex((stage) => stage.kind === 'agreement');
    if (noticeIndex < 0 || agreementIndex < 0) return publication;
    const resultNotice = events.find(
      (event) => event.action === 'stage_opened' && event.stageKey === template.stages[noticeIndex].key,
    );
    if (!resultNotice) return publication;
    const winner = await this.applications
      .createQueryBuilder('application')
      .innerJoin('application.organization', 'organization')
      .select([
        'application.id',
        'application.stage',
        'application.terminal',
        'application.awardedFen',
        'application.caseState',
        'organization.id',
        'organization.name',
      ])
      .where('application.program_id = :programId', { programId })
      .andWhere('application.awarded_fen IS NOT NULL')
      .orderBy('application.updated_at', 'DESC')
      .getOne();
    if (!winner) return publication;
    const history = await this.transitions.find({
      where: { applicationId: winner.id },
      order: { sequence: 'ASC' },
    });
    const supplier = { id: winner.organization!.id, name: winner.organization!.name };
    const agreement = template.stages[agreementIndex];
    const afterAgreement = template.stages[agreementIndex + 1];
    // The award stands once the case leaves the notice stages for the contract; it falls if a challenge is upheld.
    const stood = history.find(
      (entry) => entry.toStage === agreement.key && entry.fromStage !== agreement.key,
    );
    const cancelled = winner.terminal === 'declined' ? history.at(-1) : undefined;
    const awardId = `award-${winner.id}`;
    publication.award = {
      id: awardId,
      publishedAt: resultNotice.occurredAt.toISOString(),
      status: cancelled ? 'cancelled' : stood ? 'active' : 'pending',
      ...(cancelled || stood ? { decidedAt: (cancelled ?? stood)!.occurredAt.toISOString() } : {}),
      supplier,
      valueFen: winner.awardedFen!,
    };

    const signed = afterAgreement
      ? history.find((entry) => entry.fromStage === agreement.key && entry.toStage === afterAgreement.key)
      : undefined;
    if (!signed || cancelled) return publication;
    const signedAt = signed.occurredAt.toISOString();
    const ended = winner.terminal ? history.at(-1) : undefined;
    const state = winner.caseState as CaseState | null;
    const tranchesPlanned = template.stages.flatMap((stage) =>
      stage.kind === 'implementation' ? stage.settings.tranches : [],
    );
    const decidedAt = new Map<string, string>();
    const payments: ContractPayment[] = [];
    const reportNames = new Map(
      template.stages.flatMap((stage) =>
        stage.kind === 'implementation'
          ? stage.settings.reports.map((report) => [report.key, report.name.zh] as const)
          : [],
      ),
    );
    const stageNames = new Map(template.stages.map((stage) => [stage.key, stage.name.zh]));
    // Accepted reports and recorded evaluations: what was delivered and how it was graded, never by whom.
    const deliveryMilestones: DeliveryMilestone[] = [];
    for (const entry of history) {
      const data = entry.data ?? {};
      if (entry.action === 'accept_report' && typeof data.reportKey === 'string') {
        deliveryMilestones.push({
          // Milestone ids are unique in a contract: a report may share its key with the tranche it pays.
          key: `report-${data.reportKey}`,
          type: 'reporting',
          title: reportNames.get(data.reportKey) ?? data.reportKey,
          status: 'met',
          decidedAt: entry.occurredAt.toISOString(),
        });
      }
      if (entry.action === 'record_evaluation' && typeof data.passed === 'boolean') {
        const gradeName = (data.gradeName as { zh?: string } | undefined)?.zh ?? String(data.grade ?? '');
        deliveryMilestones.push({
          key: `evaluation-${entry.fromStage}`,
          type: 'assessment',
          title: stageNames.get(entry.fromStage) ?? entry.fromStage,
          description: `${gradeName}（${String(data.score)} 分）`,
          status: data.passed ? 'met' : 'notMet',
          decidedAt: entry.occurredAt.toISOString(),
        });
      }
      if (TRANCHE_PAYMENTS.includes(entry.action) && typeof data.trancheKey === 'string') {
        decidedAt.set(data.trancheKey, entry.occurredAt.toISOString());
        if (typeof data.amountFen === 'number') {
          payments.push({
            id: `payment-${winner.id}-${entry.sequence}`,
            milestoneKey: data.trancheKey,
            amountFen: data.amountFen,
            paidAt: entry.occurredAt.toISOString(),
          });
        }
      }
      if (entry.action === 'tranches_stopped' && Array.isArray(data.trancheKeys)) {
        for (const key of data.trancheKeys) decidedAt.set(String(key), entry.occurredAt.toISOString());
      }
    }
    const milestones: PaymentMilestone[] = (state?.tranches ?? []).map((tranche) => {
      const planned = tranchesPlanned.find((candidate) => candidate.key === tranche.key);
      const status =
        tranche.status === 'released' ? 'met' : tranche.status === 'stopped' ? 'notMet' : 'scheduled';
      const decided = status === 'scheduled' ? undefined : decidedAt.get(tranche.key);
      return {
        key: tranche.key,
        title: planned?.name.zh ?? tranche.key,
        percent: planned?.percent ?? 0,
        amountFen: tranche.amountFen,
        releasedOn: tranche.releasedOn,
        status,
        ...(decided ? { decidedAt: decided } : {}),
      };
    });
    publication.contract = {
      id: `contract-${winner.id}`,
      signedAt,
      period: { start: signedAt, end: plannedEnd(program, template, agreementIndex, signed.occurredAt) },
      valueFen: winner.awardedFen!,
      status: ended ? 'terminated' : 'active',
      ...(ended ? { endedAt: ended.occurredAt.toISOString() } : {}),
      milestones,
      payments,
      deliveryMilestones,
    };
    return publication;
  }
}

// The contract runs, as planned at signing, through every stage after it: delivery, evaluations and closure.
function plannedEnd(
  program: ProgramEntity,
  template: ProcessTemplate,
  agreementIndex: number,
  signedAt: Date,
): string {
  const calendar = program.calendarSnapshot
    ? createWorkingDayCalendar(program.calendarSnapshot, { outsideCoverage: 'assume_weekdays' })
    : undefined;
  let end = signedAt;
  for (const stage of template.stages.slice(agreementIndex + 1)) {
    if (!calendar && !('seconds' in stage.duration)) continue;
    end = durationEnd(stage.duration, end, calendar!).instant;
  }
  return end.toISOString();
}
