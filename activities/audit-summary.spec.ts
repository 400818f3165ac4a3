import { auditSummary } from './audit-summary';

describe('auditSummary', () => {
  it('keeps stages, codes and figures and drops prose that may name people', () => {
    expect(
      auditSummary({
        fromStage: 'final_review',
        toStage: 'award',
        total: 87.5,
        accepted: true,
        reason: '申请人张三的联系电话 13800000000 与材料不符，请补充说明',
        scores: { innovation: 4.5, budget: 3 },
        comments: { innovation: '很好的项目，负责人李四经验丰富' },
      }),
    ).toEqual({
      fromStage: 'final_review',
      toStage: 'award',
      total: 87.5,
      accepted: true,
      scores: { innovation: 4.5, budget: 3 },
    });
  });

  it('cuts deep structures instead of copying them whole', () => {
    expect(auditSummary({ a: { b: { c: 1 } }, list: [1, 'code_x', { deep: 1 }] })).toEqual({
      list: [1, 'code_x'],
    });
  });
});
