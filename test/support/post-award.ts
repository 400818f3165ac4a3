import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { actorHeaders, DISTRICT_COORDINATOR } from './auth';
import { createOrganization, createPublishedProgram, draftApplication, eventually } from './fixtures';

/** A grant case the API carried to the agreement stage, and who acts on it. */
export interface AwardedCase {
  programId: string;
  applicationId: string;
  organizationId: string;
  street: string;
  /** A member of the applying organization. */
  applicant: Record<string, string>;
  awardedFen: number;
}

/**
 * Carries one grant-competition application from submission to its funding agreement (协议) through the API:
 * the coordinators screen it, record the review outcomes and award it, and the notice period ends. The program
 * is full-sized on purpose: a test-sized agreement stage lapses within seconds, before anyone could sign it in a
 * browser; every stage before it is closed by hand, so nothing here waits for a clock.
 */
export async function carryToAgreement(
  server: Server,
  options: {
    street?: string;
    organizationName?: string;
    /** An organization registered already (by a user who will sign in), instead of a new one. */
    organizationId?: string;
    title?: string;
    awardFen?: number;
  } = {},
): Promise<AwardedCase> {
  const http = () => request(server);
  const street = options.street ?? '湖滨街道';
  const awardedFen = options.awardFen ?? 2_000_000;
  // Review stages open by assigning reviewers from the program's pools, so each round gets a pool of its own
  // (three of each, as the browser journeys have them); the coordinators then record the outcomes themselves.
  const run = randomUUID().slice(0, 8);
  const pools: Record<string, string[]> = {
    'street-review': [1, 2, 3].map((n) => `post-award-street-${run}-${n}`),
    'district-review': [1, 2, 3].map((n) => `post-award-district-${run}-${n}`),
  };
  const streets = ['湖滨街道', '清波街道', '小营街道'];
  for (const [round, ids] of Object.entries(pools))
    for (const [index, id] of ids.entries())
      await http()
        .post('/api/experts')
        .set(DISTRICT_COORDINATOR)
        .send({
          id,
          name: `评审专家 ${id}`,
          expertise: ['elderly'],
          level: round === 'street-review' ? 'street' : 'district',
          ...(round === 'street-review' ? { street: streets[index] } : {}),
          maxLoadPerProgram: 10,
        })
        .expect(201);
  const programId = await createPublishedProgram(server, {
    testSized: false,
    budgetFen: 30_000_000,
    reviewerPools: pools,
  });
  const organizationId =
    options.organizationId ??
    (await createOrganization(
      server,
      street,
      options.organizationName ?? `${street}协议测试社${Date.now()}`,
    ));
  const applicant = actorHeaders({ userId: `member-${organizationId}`, organizationId });
  const applicationId = await draftApplication(server, {
    programId,
    organizationId,
    street,
    title: options.title,
    requestedAmountFen: awardedFen,
  });
  await http().post(`/api/applications/${applicationId}/submit`).set(applicant).expect(200);

  const act = (action: string, headers: Record<string, string>, body: object = {}) =>
    http().post(`/api/applications/${applicationId}/actions/${action}`).set(headers).send(body).expect(200);
  const caseStage = async () =>
    (await http().get(`/api/applications/${applicationId}`).set(DISTRICT_COORDINATOR).expect(200)).body
      .stage as string;
  // Cases enter a stage a moment before the program records it as open: the close waits for the program.
  const closeAndWait = async (stageKey: string, next: string) => {
    await eventually(async () => {
      const program = await http().get(`/api/programs/${programId}`).set(DISTRICT_COORDINATOR).expect(200);
      return program.body.currentStage === stageKey ? true : undefined;
    }, 30_000);
    const closed = await http()
      .post(`/api/programs/${programId}/stages/${stageKey}/close`)
      .set(DISTRICT_COORDINATOR)
      .send({});
    if (closed.status !== 200) throw new Error(`closing ${stageKey}: ${JSON.stringify(closed.body)}`);
    await eventually(async () => ((await caseStage()) === next ? true : undefined), 30_000);
  };

  // The program ranks each review round on the scores its assigned reviewers submit.
  const reviewersIn = (stage: string, count: number) =>
    eventually(async () => {
      const timeline = (
        await http().get(`/api/applications/${applicationId}/timeline`).set(DISTRICT_COORDINATOR).expect(200)
      ).body as { action: string; toStage: string; data: { reviewerIds?: string[] } | null }[];
      const ids = timeline
        .filter((entry) => entry.action === 'reviewers_assigned' && entry.toStage === stage)
        .flatMap((entry) => entry.data?.reviewerIds ?? []);
      return ids.length >= count ? ids : undefined;
    }, 30_000);
  const review = async (stage: string, count: number, scores: Record<string, number>) => {
    for (const id of await reviewersIn(stage, count))
      await act('submit_review', actorHeaders({ userId: id, roles: ['reviewer'] }), { scores });
  };

  await closeAndWait('solicitation', 'eligibility-screening');
  await act('screen', DISTRICT_COORDINATOR, { decision: 'eligible' });
  await closeAndWait('eligibility-screening', 'street-review');
  await review('street-review', 2, { excellence: 4, impact: 4, implementation: 4 });
  await closeAndWait('street-review', 'district-review');
  await review('district-review', 3, {
    necessity: 17,
    feasibility: 26,
    teamCapacity: 17,
    budgetReasonableness: 13,
    socialBenefit: 13,
  });
  await closeAndWait('district-review', 'decision');
  // Closing the decision stage proposes the awards; the cases move on once the proposal is confirmed.
  await eventually(async () => {
    const program = await http().get(`/api/programs/${programId}`).set(DISTRICT_COORDINATOR).expect(200);
    return program.body.currentStage === 'decision' ? true : undefined;
  }, 30_000);
  await http()
    .post(`/api/programs/${programId}/stages/decision/close`)
    .set(DISTRICT_COORDINATOR)
    .send({})
    .expect(200);
  await eventually(async () => {
    const lines = (
      await http()
        .get(`/api/programs/${programId}/stages/decision/award-proposal`)
        .set(DISTRICT_COORDINATOR)
        .expect(200)
    ).body as unknown[];
    return lines.length > 0 ? true : undefined;
  }, 30_000);
  await http()
    .post(`/api/programs/${programId}/stages/decision/confirm-awards`)
    .set(DISTRICT_COORDINATOR)
    .send({ reason: '经区级联席会议确认' })
    .expect(200);
  await eventually(async () => ((await caseStage()) === 'public-notice' ? true : undefined), 30_000);
  await closeAndWait('public-notice', 'agreement');
  return { programId, applicationId, organizationId, street, applicant, awardedFen };
}
