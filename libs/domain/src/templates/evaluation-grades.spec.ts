import { DEFAULT_EVALUATION_GRADES, evaluationGradeFor } from './evaluation-grades';

const gradeOf = (score: number) => evaluationGradeFor(DEFAULT_EVALUATION_GRADES, score)?.name.zh;

describe('default performance grades', () => {
  it('grades at the band edges: 优秀 ≥ 90, 良好 80–89, 合格 60–79, 不合格 < 60', () => {
    expect(gradeOf(100)).toBe('优秀');
    expect(gradeOf(90)).toBe('优秀');
    expect(gradeOf(89.99)).toBe('良好');
    expect(gradeOf(80)).toBe('良好');
    expect(gradeOf(79.5)).toBe('合格');
    expect(gradeOf(60)).toBe('合格');
    expect(gradeOf(59.99)).toBe('不合格');
    expect(gradeOf(0)).toBe('不合格');
  });

  it('fails only the lowest band', () => {
    expect(DEFAULT_EVALUATION_GRADES.filter((band) => !band.passing).map((band) => band.key)).toEqual([
      'fail',
    ]);
  });

  it('gives no grade outside 0–100', () => {
    expect(gradeOf(-1)).toBeUndefined();
    expect(gradeOf(100.5)).toBeUndefined();
    expect(gradeOf(Number.NaN)).toBeUndefined();
  });
});
