import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CaseState, LocalizedText, ProcessTemplate, Stage } from '@grantflow/domain';
import { LocalizedTextView } from '../../reviews/dto/localized-text.view';

// The closure stage asks for the final accounts (决算) under a fixed key the template does not name.
const REPORT_NAMES_OUTSIDE_TEMPLATES: Record<string, LocalizedText> = {
  'final-accounts': { zh: '决算报告', en: 'Final accounts' },
};

/** The award the case received, as the decision stage recorded it. */
export class DeliveryAwardView {
  @ApiProperty({ example: 'key_funding' }) tier: string;
  @ApiPropertyOptional({
    type: LocalizedTextView,
    nullable: true,
    description: 'The tier as the template names it',
  })
  tierName: LocalizedTextView | null;
  @ApiProperty({ description: 'Awarded amount (the contract price) in fen' }) amountFen: number;
}

/** The signatures of the agreement (协议) or contract (合同). */
export class DeliverySignaturesView {
  @ApiProperty({ example: 'agreement', description: 'The agreement stage the signatures belong to' })
  stageKey: string;
  @ApiProperty({ type: LocalizedTextView }) stageName: LocalizedTextView;
  @ApiProperty({
    type: [String],
    example: ['applicant', 'coordinator:district'],
    description: 'The roles that must sign, in the template’s order',
  })
  required: string[];
  @ApiProperty({ type: [String], example: ['applicant'], description: 'The roles that have signed' })
  signed: string[];
}

/** A milestone report of the current (or last) implementation or closure stage. */
export class DeliveryReportView {
  @ApiProperty({ example: 'progress-report' }) key: string;
  @ApiProperty({ type: LocalizedTextView }) name: LocalizedTextView;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a missing report is flagged overdue (the due date plus the grace)',
  })
  overdueAt: string | null;
  @ApiProperty({ enum: ['due', 'submitted', 'accepted'] }) status: 'due' | 'submitted' | 'accepted';
  @ApiProperty({ description: 'Still not filed after its grace, as of the moment of the request' })
  overdue: boolean;
}

/** One instalment of the award. */
export class DeliveryTrancheView {
  @ApiProperty({ example: 'first-tranche' }) key: string;
  @ApiProperty({ type: LocalizedTextView }) name: LocalizedTextView;
  @ApiProperty({ description: 'Amount in fen' }) amountFen: number;
  @ApiProperty({ enum: ['pending', 'released', 'stopped'] }) status: 'pending' | 'released' | 'stopped';
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'From the timeline',
  })
  releasedAt: string | null;
}

/** A performance evaluation result (中期/末期评估). */
export class DeliveryEvaluationView {
  @ApiProperty({ example: 'midterm-evaluation' }) stageKey: string;
  @ApiProperty({ type: LocalizedTextView }) stageName: LocalizedTextView;
  @ApiProperty({ description: 'Score out of 100' }) score: number;
  @ApiProperty({ example: 'good' }) grade: string;
  @ApiProperty({ type: LocalizedTextView }) gradeName: LocalizedTextView;
  @ApiProperty() passed: boolean;
}

/** What happened after the award: signatures, milestone reports, tranches and evaluations. */
export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'implementation', description: 'Current stage key, or the terminal state' })
  stage: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'implementation',
    description: 'The kind of the current stage (null once the case has ended)',
  })
  stageKind: string | null;
  @ApiPropertyOptional({ type: DeliveryAwardView, nullable: true }) award: DeliveryAwardView | null;
  @ApiPropertyOptional({
    type: DeliverySignaturesView,
    nullable: true,
    description: 'Null when the template has no agreement stage',
  })
  signatures: DeliverySignaturesView | null;
  @ApiProperty({ type: [DeliveryReportView] }) reports: DeliveryReportView[];
  @ApiProperty({ type: [DeliveryTrancheView] }) tranches: DeliveryTrancheView[];
  @ApiProperty({ type: [DeliveryEvaluationView] }) evaluations: DeliveryEvaluationView[];

  /**
   * The delivery facts of a case from its projected state and its program's template snapshot. `releases` maps
   * a tranche key to when the timeline recorded its release; `now` decides which reports are overdue.
   */
  static of(input: {
    applicationId: string;
    stage: string;
    state: CaseState | null;
    template: ProcessTemplate;
    releases: ReadonlyMap<string, string>;
    now: Date;
  }): DeliveryView {
    const { state, template } = input;
    const stages = template.stages;
    const current = stages.find((stage) => stage.key === input.stage);
    const nameOf = (key: string) => stages.find((stage) => stage.key === key)?.name ?? { zh: key, en: key };
    // A case meets one agreement stage; the one it is in, else the template's (it was or will be signed there).
    const agreement =
      current?.kind === 'agreement' ? current : stages.find((stage) => stage.kind === 'agreement');
    return Object.assign(new DeliveryView(), {
      applicationId: input.applicationId,
      stage: input.stage,
      stageKind: current?.kind ?? null,
      award: state?.award
        ? {
            tier: state.award.tier,
            tierName: tierName(stages, state.award.tier),
            amountFen: state.award.amountFen,
          }
        : null,
      signatures:
        agreement?.kind === 'agreement'
          ? {
              stageKey: agreement.key,
              stageName: agreement.name,
              required: [...agreement.settings.signatories],
              signed: [...(state?.signatures ?? [])],
            }
          : null,
      reports: (state?.reports ?? []).map((report) => {
        const flaggedAt = report.overdueAt ?? report.dueAt;
        return {
          key: report.key,
          name: reportName(stages, report.key),
          dueAt: report.dueAt,
          overdueAt: report.overdueAt,
          status: report.status,
          overdue: report.status === 'due' && input.now.getTime() > Date.parse(flaggedAt),
        };
      }),
      tranches: (state?.tranches ?? []).map((tranche) => ({
        key: tranche.key,
        name: trancheName(stages, tranche.key),
        amountFen: tranche.amountFen,
        status: tranche.status,
        releasedAt: tranche.status === 'released' ? (input.releases.get(tranche.key) ?? null) : null,
      })),
      evaluations: (state?.evaluations ?? []).map((evaluation) => {
        const stage = stages.find((candidate) => candidate.key === evaluation.stageKey);
        const band =
          stage?.kind === 'evaluation'
            ? stage.settings.grades.find((grade) => grade.key === evaluation.grade)
            : undefined;
        return {
          stageKey: evaluation.stageKey,
          stageName: nameOf(evaluation.stageKey),
          score: evaluation.score,
          grade: evaluation.grade,
          gradeName: band?.name ?? { zh: evaluation.grade, en: evaluation.grade },
          passed: evaluation.passed,
        };
      }),
    });
  }
}

function tierName(stages: readonly Stage[], tier: string): LocalizedText | null {
  for (const stage of stages)
    if (stage.kind === 'decision') {
      const found = stage.settings.tiers.find((candidate) => candidate.key === tier);
      if (found) return found.name;
    }
  return null;
}

function reportName(stages: readonly Stage[], key: string): LocalizedText {
  for (const stage of stages)
    if (stage.kind === 'implementation') {
      const found = stage.settings.reports.find((report) => report.key === key);
      if (found) return found.name;
    }
  return REPORT_NAMES_OUTSIDE_TEMPLATES[key] ?? { zh: key, en: key };
}

function trancheName(stages: readonly Stage[], key: string): LocalizedText {
  for (const stage of stages)
    if (stage.kind === 'implementation') {
      const found = stage.settings.tranches.find((tranche) => tranche.key === key);
      if (found) return found.name;
    }
  return { zh: key, en: key };
}
