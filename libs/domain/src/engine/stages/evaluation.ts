import { evaluationGradeFor } from '../../templates';
import type { StageBehaviour } from '../stage-behaviour';
import type { LocalizedText } from '../../cases';
import { refusal, stageOf, type CaseStep } from '../case-step';
import { releaseTrancheByHand, releaseTranchesOn, stopTranches } from './tranches';

// A provider graded 不合格 is barred from the next year's purchases: recorded on the case for the registry and
// told to the purchasing department and the provider.
function barProvider(step: CaseStep, grade: LocalizedText): void {
  const { organizationId } = step.context;
  step.followUp('provider_barred', { organizationId, grade: grade.zh }, `评估不合格 / graded ${grade.en}`);
  step.notify(
    'provider-barred',
    'provider_barred',
    [
      { kind: 'organization', id: organizationId },
      { kind: 'role', id: 'purchaser' },
    ],
    { zh: '服务供应商绩效评估不合格', en: 'A provider failed its performance evaluation' },
    {
      zh: '合同终止，该供应商不得参加下一年度的政府购买服务',
      en: 'The contract ends and the provider may not take part in next year’s purchases',
    },
  );
}

/** Performance evaluation (中期/末期评估): a grade from the score; a failing grade stops the tranches. */
export const evaluationStage: StageBehaviour = {
  enter(step) {
    step.state.phase = 'awaiting_evaluation';
  },
  act(step, _stage, input) {
    const stage = stageOf(step, 'evaluation');
    switch (input.action) {
      case 'record_evaluation': {
        const grade =
          typeof input.score === 'number'
            ? evaluationGradeFor(stage.settings.grades, input.score)
            : undefined;
        if (!grade || typeof input.score !== 'number') {
          return {
            ...refusal(
              'invalid',
              'score_out_of_range',
              '评估得分须在 0–100 之间',
              'The evaluation score must be between 0 and 100',
            ),
            fields: [
              {
                field: 'score',
                code: 'out_of_scale',
                message: { zh: '须在 0–100 之间', en: 'must be between 0 and 100' },
              },
            ],
          };
        }
        step.state.evaluations.push({
          stageKey: stage.key,
          score: input.score,
          grade: grade.key,
          passed: grade.passing,
        });
        step.data = { score: input.score, grade: grade.key, gradeName: grade.name, passed: grade.passing };
        if (grade.passing) {
          releaseTranchesOn(step, stage.settings.phase === 'midterm' ? 'midterm_passed' : 'final_passed');
        } else {
          stopTranches(step, `评估等级为「${grade.name.zh}」/ graded ${grade.name.en}`);
          if (stage.settings.barProviderOnFail) barProvider(step, grade.name);
        }
        step.conclude(grade.passing ? 'passed' : 'failed', input.reason);
        return undefined;
      }
      case 'release_tranche':
        return releaseTrancheByHand(step, input.trancheKey)
          ? undefined
          : refusal(
              'conflict',
              'tranche_not_pending',
              '该笔款项不存在或已拨付/停止',
              'No such tranche pending',
            );
      case 'submit_report':
        step.data = { reportKey: input.reportKey ?? 'self-evaluation' };
        return undefined;
      default:
        return undefined;
    }
  },
};
