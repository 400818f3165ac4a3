import { DEFAULT_EVALUATION_GRADES, evaluationGradeFor, type EvaluationGradeBand } from '../templates';

/** What a performance evaluation of a purchased service means for payment and for the provider. */
export interface PerformanceVerdict {
  grade: EvaluationGradeBand;
  /** The milestone tied to this evaluation is paid. */
  releasesTranche: boolean;
  /** 不合格: the contract ends and the provider is barred from next year's purchases (DOMAIN.md). */
  terminatesContract: boolean;
  barsProvider: boolean;
}

/**
 * The verdict of a 0–100 performance score on the project's grade bands (the usual 优秀 ≥ 90, 良好 80–89,
 * 合格 60–79, 不合格 < 60 by default); undefined for a score no band covers.
 */
export function performanceVerdict(
  score: number,
  grades: readonly EvaluationGradeBand[] = DEFAULT_EVALUATION_GRADES,
): PerformanceVerdict | undefined {
  const grade = evaluationGradeFor(grades, score);
  if (!grade) return undefined;
  return {
    grade,
    releasesTranche: grade.passing,
    terminatesContract: !grade.passing,
    barsProvider: !grade.passing,
  };
}
