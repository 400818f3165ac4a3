import type { EvaluationGradeBand } from './stages';

/** The usual performance grades: 优秀 ≥ 90, 良好 80–89, 合格 60–79, 不合格 < 60 (fails, stopping further tranches). */
export const DEFAULT_EVALUATION_GRADES: readonly EvaluationGradeBand[] = [
  { key: 'excellent', name: { zh: '优秀', en: 'Excellent' }, minScore: 90, maxScore: 100, passing: true },
  { key: 'good', name: { zh: '良好', en: 'Good' }, minScore: 80, maxScore: 90, passing: true },
  { key: 'pass', name: { zh: '合格', en: 'Pass' }, minScore: 60, maxScore: 80, passing: true },
  { key: 'fail', name: { zh: '不合格', en: 'Fail' }, minScore: 0, maxScore: 60, passing: false },
];

/** The grade band a 0–100 score falls in, or undefined for a score outside 0–100 or bands with a gap. */
export function evaluationGradeFor(
  grades: readonly EvaluationGradeBand[],
  score: number,
): EvaluationGradeBand | undefined {
  if (!(score >= 0 && score <= 100)) return undefined;
  return grades.find(
    (band) => score >= band.minScore && (score < band.maxScore || (band.maxScore === 100 && score === 100)),
  );
}
