import request from 'supertest';
import { actorHeaders, DISTRICT_COORDINATOR } from '../support/auth';
import { createOrganization } from '../support/fixtures';
import { carryToAgreement, type AwardedCase } from '../support/post-award';
import { startStack, type TestStack } from '../support/stack';

// GET /api/applications/{id}/delivery: what happened after the award, as the case's own state and timeline say,
// for those who may read the case and nobody else.

describe('delivery facts of a case', () => {
  let stack: TestStack;
  let awarded: AwardedCase;
  const evaluator = actorHeaders({ userId: 'evaluator-1', roles: ['evaluator'] });
  const delivery = (headers: Record<string, string>) =>
    request(stack.server).get(`/api/applications/${awarded.applicationId}/delivery`).set(headers);
  const act = (action: string, headers: Record<string, string>, body: object = {}) =>
    request(stack.server)
      .post(`/api/applications/${awarded.applicationId}/actions/${action}`)
      .set(headers)
      .send(body);

  beforeAll(async () => {
    stack = await startStack();
    awarded = await carryToAgreement(stack.server, { awardFen: 2_000_000 });
  }, 120_000);
  afterAll(() => stack?.close());

  it('names the signatories the agreement needs and who has signed', async () => {
    const before = (await delivery(awarded.applicant).expect(200)).body;
    expect(before).toMatchObject({
      stage: 'agreement',
      stageKind: 'agreement',
      award: { tier: 'key_funding', tierName: { zh: '重点资助' }, amountFen: 2_000_000 },
      signatures: { stageKey: 'agreement', required: ['applicant', 'coordinator:district'], signed: [] },
    });
    // The payment plan is known from the award: 50 % on signing, 30 % after the mid-term, 20 % at the end.
    expect(before.tranches).toEqual([
      expect.objectContaining({
        key: 'first-tranche',
        amountFen: 1_000_000,
        status: 'pending',
        releasedAt: null,
      }),
      expect.objectContaining({ key: 'second-tranche', amountFen: 600_000, status: 'pending' }),
      expect.objectContaining({ key: 'final-tranche', amountFen: 400_000, status: 'pending' }),
    ]);
    expect(before.tranches[0].name.zh).toBe('首期拨付（签约后）');

    await act('sign_agreement', awarded.applicant).expect(200);
    const halfSigned = (await delivery(DISTRICT_COORDINATOR).expect(200)).body;
    expect(halfSigned.signatures.signed).toEqual(['applicant']);
  });

  it('shows the released first tranche with its time and the due reports, named from the template', async () => {
    await act('sign_agreement', DISTRICT_COORDINATOR).expect(200);
    const facts = (await delivery(awarded.applicant).expect(200)).body;
    expect(facts).toMatchObject({ stage: 'implementation', stageKind: 'implementation' });
    expect(facts.signatures.signed).toEqual(['applicant', 'coordinator:district']);
    expect(facts.tranches[0]).toMatchObject({ key: 'first-tranche', status: 'released' });
    expect(Date.parse(facts.tranches[0].releasedAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(facts.reports).toEqual([
      expect.objectContaining({
        key: 'progress-report',
        name: { zh: '阶段进展报告', en: 'Progress report' },
        status: 'due',
        overdue: false,
      }),
      expect.objectContaining({ key: 'midterm-report', name: { zh: '中期报告', en: 'Mid-term report' } }),
    ]);
    expect(Date.parse(facts.reports[0].dueAt)).toBeGreaterThan(Date.now());
  });

  it('follows a report from filed to accepted and records the evaluation with its localized grade', async () => {
    await act('submit_report', awarded.applicant, {
      reportKey: 'progress-report',
      reason: '已完成前两个月活动',
    }).expect(200);
    expect((await delivery(awarded.applicant).expect(200)).body.reports[0].status).toBe('submitted');
    await act('accept_report', DISTRICT_COORDINATOR, { reportKey: 'progress-report' }).expect(200);
    expect((await delivery(awarded.applicant).expect(200)).body.reports[0].status).toBe('accepted');
    await act('record_outcome', DISTRICT_COORDINATOR, {
      outcome: 'completed',
      reason: '中期前交付完成',
    }).expect(200);
    await act('record_evaluation', evaluator, { score: 84, reason: '进度与质量良好' }).expect(200);
    const facts = (await delivery(evaluator).expect(200)).body;
    // Delivery goes on after a passed mid-term, with the reports of its second half.
    expect(facts).toMatchObject({ stage: 'implementation-continued' });
    expect(facts.reports.map((report: { key: string }) => report.key)).toEqual(['final-report']);
    expect(facts.evaluations).toEqual([
      {
        stageKey: 'midterm-evaluation',
        stageName: { zh: '中期评估', en: 'Mid-term evaluation' },
        score: 84,
        grade: 'good',
        gradeName: { zh: '良好', en: 'Good' },
        passed: true,
      },
    ]);
    // A passed mid-term releases the second tranche.
    expect(facts.tranches[1]).toMatchObject({ key: 'second-tranche', status: 'released' });
    expect(facts.tranches[1].releasedAt).toEqual(expect.any(String));
  });

  it('reads the same for leadership and the street coordinator in scope', async () => {
    const leader = actorHeaders({ userId: 'leader-1', roles: ['leadership'] });
    const street = actorHeaders({ userId: 'street-1', roles: ['coordinator:street'], scope: awarded.street });
    for (const headers of [leader, street])
      expect((await delivery(headers).expect(200)).body.applicationId).toBe(awarded.applicationId);
  });

  it('tells another organization and a coordinator of another street that the case does not exist', async () => {
    const otherOrganization = await createOrganization(stack.server, '清波街道', `清波旁观者${Date.now()}`);
    const outsider = actorHeaders({ userId: 'outsider-1', organizationId: otherOrganization });
    const refused = await delivery(outsider).set('Accept-Language', 'zh-CN').expect(404);
    expect(refused.body.title).toContain('资源不存在');
    expect(JSON.stringify(refused.body)).not.toContain('first-tranche');
    const otherStreet = actorHeaders({
      userId: 'street-2',
      roles: ['coordinator:street'],
      scope: '清波街道',
    });
    await delivery(otherStreet).expect(404);
    // No role that reads cases at all: refused by the route table before the case is looked at.
    await delivery(actorHeaders({ userId: 'nobody-1' })).expect(403);
  });
});
