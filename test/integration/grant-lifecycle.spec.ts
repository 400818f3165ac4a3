import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  caseStateQuery,
  caseWorkflowId,
  programSnapshotQuery,
  programWorkflowId,
} from '@grantflow/contracts';
import {
  completeForm,
  createOrganization,
  createPublishedProgram,
  draftApplication,
  eventually,
} from '../support/fixtures';
import { findTemporalCli } from '../../infra/local/temporal-dev-server';
import { startStack, type TestStack } from '../support/stack';
import { actorHeaders, signedIn } from '../support/auth';

const run = promisify(execFile);

// A whole grant competition (公益创投) on the test-sized template: fourteen applications from three streets
// in several categories go through every stage against the real Temporal server and Postgres.

const STREETS = ['紫阳街道', '湖滨街道', '清波街道'];
const CATEGORIES = ['elderly', 'youth', 'culture', 'environment', 'disability_hardship'];
const STREET_REVIEWERS = ['r-street-1', 'r-street-2', 'r-street-3', 'r-street-4'];
const DISTRICT_REVIEWERS = ['r-district-1', 'r-district-2', 'r-district-3', 'r-district-4', 'r-district-5'];

const district = actorHeaders({ userId: 'district-1', roles: ['coordinator:district'] });
const evaluator = actorHeaders({ userId: 'evaluator-1', roles: ['evaluator'] });
const streetCoordinator = (street: string) =>
  actorHeaders({ userId: `street-${street}`, roles: ['coordinator:street'], scope: street });
const reviewer = (id: string) => actorHeaders({ userId: id, roles: ['reviewer'] });

interface Case {
  name: string;
  id: string;
  organizationId: string;
  street: string;
}

describe('a whole grant competition through every stage', () => {
  let stack: TestStack;
  let programId: string;
  const cases: Record<string, Case> = {};

  beforeAll(async () => {
    stack = await startStack();
    // The expert registry the panels are drawn from (a test database is shared by the run: ids are unique).
    for (const [level, ids] of [
      ['street', STREET_REVIEWERS],
      ['district', DISTRICT_REVIEWERS],
    ] as const) {
      for (const [index, id] of ids.entries()) {
        await signedIn(stack.server)
          .post('/api/experts')
          .send({
            id,
            name: `专家${id}`,
            expertise: [CATEGORIES[index % CATEGORIES.length]],
            level,
            street: level === 'street' ? STREETS[index % 3] : undefined,
            maxLoadPerProgram: 20,
          })
          .expect(201);
      }
    }
    programId = await createPublishedProgram(stack.server, {
      // Key funding takes 3 awards of ¥30,000, the shortlist 3 of ¥20,000: the last two above the bar get nothing.
      budgetFen: 15_000_000,
      windowSeconds: 12,
      reviewerPools: { 'street-review': STREET_REVIEWERS, 'district-review': DISTRICT_REVIEWERS },
    });
  });
  afterAll(() => stack?.close());

  const applicant = (c: Case) => actorHeaders({ userId: `user-${c.name}`, organizationId: c.organizationId });
  const act = (c: Case, action: string, headers: Record<string, string>, body: object = {}) =>
    signedIn(stack.server).post(`/api/applications/${c.id}/actions/${action}`).set(headers).send(body);
  const read = async (c: Case) =>
    (await signedIn(stack.server).get(`/api/applications/${c.id}`).expect(200)).body;
  const timeline = async (c: Case) =>
    (await signedIn(stack.server).get(`/api/applications/${c.id}/timeline`).expect(200)).body as {
      sequence: number;
      action: string;
      toStage: string;
      data: Record<string, unknown> | null;
    }[];
  const waitForStage = (c: Case, stage: string, timeoutMs = 30_000) =>
    eventually(async () => ((await read(c)).stage === stage ? true : undefined), timeoutMs);
  const programAction = (action: 'close' | 'extend', stageKey: string, body: object = {}) =>
    signedIn(stack.server)
      .post(`/api/programs/${programId}/stages/${stageKey}/${action}`)
      .set(district)
      .send(body);
  const waitForProgramStage = (stageKey: string | null) =>
    eventually(async () => {
      const program = (await signedIn(stack.server).get(`/api/programs/${programId}`).expect(200)).body;
      return program.currentStage === stageKey ? program : undefined;
    });
  const assignedReviewers = async (c: Case, stage: string) =>
    (await timeline(c))
      .filter((entry) => entry.action === 'reviewers_assigned' && entry.toStage === stage)
      .flatMap((entry) => entry.data!.reviewerIds as string[]);
  const all = () => Object.values(cases);

  // `RECORD_HISTORIES_DIR=test/replay/histories npx jest grant-lifecycle` refreshes the recorded histories the
  // replay test checks every workflow change against (one per path through the template).
  async function recordHistories(directory: string): Promise<void> {
    const show = async (workflowId: string, file: string) => {
      const { stdout } = await run(findTemporalCli() ?? 'temporal', [
        'workflow',
        'show',
        '--address',
        process.env.TEMPORAL_ADDRESS!,
        '-w',
        workflowId,
        '--output',
        'json',
      ]);
      writeFileSync(join(directory, file), stdout);
    };
    const paths: Record<string, string> = {
      A2: 'closed',
      A3: 'revision-missed',
      A6: 'reviewer-recused-and-replaced',
      A9: 'objection-upheld',
      A10: 'disagreement-to-consensus',
      A11: 'agreement-lapsed',
      A12: 'midterm-failed',
      A13: 'declined-budget',
      A14: 'review-expired-to-alternate',
    };
    for (const [name, path] of Object.entries(paths))
      await show(caseWorkflowId(cases[name].id), `case-${path}.json`);
    await show(programWorkflowId(programId), 'program-grant-competition.json');
  }
  const only = (...names: string[]) => names.map((name) => cases[name]);

  it('takes applications during the window, with withdrawal, revisions and a missed revision deadline', async () => {
    for (let index = 1; index <= 14; index++) {
      const street = STREETS[index % 3];
      const organizationId = await createOrganization(stack.server, street, `${street}服务社${index}`);
      const name = `A${index}`;
      const id = await draftApplication(stack.server, {
        programId,
        organizationId,
        street,
        category: CATEGORIES[index % CATEGORIES.length],
        requestedAmountFen: 3_000_000 + index * 10_000,
        title: `项目${index}`,
      });
      cases[name] = { name, id, organizationId, street };
    }
    const submitters = all().filter((c) => c.name !== 'A4');
    for (const c of submitters)
      await signedIn(stack.server).post(`/api/applications/${c.id}/submit`).set(applicant(c)).expect(200);

    // Illegal in this stage: screening before the window closes.
    const early = await act(cases.A2, 'screen', streetCoordinator(cases.A2.street), {
      decision: 'eligible',
    }).expect(409);
    expect(early.body.code).toBe('wrong_stage');

    await act(cases.A1, 'withdraw', applicant(cases.A1), { reason: '团队解散' }).expect(200);

    // A2 is returned for revision and comes back as revision 2; another street's coordinator may not return it.
    await act(cases.A2, 'request_revision', streetCoordinator(STREETS[(2 + 1) % 3]), {
      reason: '越权',
    }).expect(403);
    await act(cases.A2, 'request_revision', streetCoordinator(cases.A2.street), {
      reason: '请补充服务对象名单',
    }).expect(200);
    await signedIn(stack.server)
      .patch(`/api/applications/${cases.A2.id}`)
      .set(applicant(cases.A2))
      .send({ form: completeForm({ serviceArea: '春江社区、上羊市街社区', requestedAmount: 3_020_000 }) })
      .expect(200);
    const resubmitted = await act(cases.A2, 'resubmit', applicant(cases.A2)).expect(200);
    expect(resubmitted.body).toMatchObject({ phase: 'submitted', revision: 2 });

    // A3 is returned and lets its revision deadline pass: the template withdraws it.
    await act(cases.A3, 'request_revision', streetCoordinator(cases.A3.street), {
      reason: '缺少预算明细',
    }).expect(200);
    await waitForStage(cases.A3, 'withdrawn');
    expect((await timeline(cases.A3)).at(-1)).toMatchObject({
      action: 'deadline',
      toStage: 'withdrawn',
      data: { outcome: 'revision_missed' },
    });

    // The window is extended once, then closes on time by itself.
    const before = (await signedIn(stack.server).get(`/api/programs/${programId}`).expect(200)).body;
    const until = new Date(Date.parse(before.stageDeadline) + 2000).toISOString();
    const extended = await programAction('extend', 'solicitation', { until }).expect(200);
    expect(extended.body.stageDeadline).toBe(until);
    const refusedClose = await signedIn(stack.server)
      .post(`/api/programs/${programId}/stages/eligibility-screening/close`)
      .set(district)
      .send({})
      .expect(409);
    expect(refusedClose.body.code).toBe('stage_not_open');
    await waitForProgramStage('eligibility-screening');
    for (const c of only('A2', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14'))
      await waitForStage(c, 'eligibility-screening');
    expect((await read(cases.A4)).stage).toBe('draft');
  }, 90_000);

  it('screens eligibility, with an ineligible case and a revision during screening', async () => {
    const applicantScreens = await act(cases.A5, 'screen', applicant(cases.A5), {
      decision: 'eligible',
    }).expect(403);
    expect(applicantScreens.body.code).toBe('role_not_allowed');
    await act(cases.A5, 'screen', streetCoordinator(cases.A5.street), {
      decision: 'ineligible',
      checks: { 'serves-district': false },
      reason: '服务对象不在本区',
    }).expect(200);
    expect(await read(cases.A5)).toMatchObject({ stage: 'ineligible', terminal: 'ineligible' });

    await act(cases.A6, 'request_revision', streetCoordinator(cases.A6.street), {
      reason: '申请金额超过上限',
    }).expect(200);
    await act(cases.A6, 'resubmit', applicant(cases.A6)).expect(200);

    for (const c of only('A2', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14')) {
      const key = `screen-${c.id}`;
      const first = await act(c, 'screen', streetCoordinator(c.street), {
        decision: 'eligible',
        checks: { 'materials-complete': true },
      })
        .set('Idempotency-Key', key)
        .expect(200);
      // A retried request is answered from the first result and records nothing twice.
      const retried = await act(c, 'screen', streetCoordinator(c.street), {
        decision: 'eligible',
        checks: { 'materials-complete': true },
      })
        .set('Idempotency-Key', key)
        .expect(200);
      expect(retried.body.phase).toBe(first.body.phase);
      expect((await timeline(c)).filter((entry) => entry.action === 'screen')).toHaveLength(1);
    }
    await programAction('close', 'eligibility-screening').expect(200);
    await waitForProgramStage('street-review');
  }, 60_000);

  // Scores below 3 on the EU-style rubric must come with a comment.
  const euSheet = (score: number) => ({
    scores: { excellence: score, impact: score, implementation: score },
    comments: score < 3 ? { excellence: '需求不明确', impact: '受益面小', implementation: '计划不可行' } : {},
  });

  it('runs the street preliminary review: assignment, refused reviews, scores and ranking', async () => {
    const reviewed = only('A2', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14');
    // Reviewers work at the same time, as they do; sent one by one, the sheets could outlast the short stage.
    const sheets: PromiseLike<unknown>[] = [];
    for (const c of reviewed) {
      const assigned = await eventually(async () => {
        const ids = await assignedReviewers(c, 'street-review');
        return ids.length === 2 ? ids : undefined;
      });
      const unassigned = STREET_REVIEWERS.find((id) => !assigned.includes(id))!;
      if (c.name === 'A2') {
        const notMine = await act(c, 'submit_review', reviewer(unassigned), euSheet(4)).expect(403);
        expect(notMine.body.code).toBe('not_assigned');
        const offScale = await act(c, 'submit_review', reviewer(assigned[0]), {
          scores: { excellence: 7, impact: 3.3, implementation: 4 },
        })
          .set('Accept-Language', 'en')
          .expect(422);
        expect(offScale.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
          'scores.excellence',
          'scores.impact',
        ]);
      }
      // A14's first reviewer lets the due date pass; the review goes to an alternate.
      for (const id of c.name === 'A14' ? assigned.slice(1) : assigned)
        sheets.push(act(c, 'submit_review', reviewer(id), euSheet(c.name === 'A7' ? 2 : 4)).expect(200));
    }
    await Promise.all(sheets);
    const [late, ...onTime] = await assignedReviewers(cases.A14, 'street-review');
    const alternate = await eventually(async () => {
      const entries = await timeline(cases.A14);
      const expired = entries.find((entry) => entry.action === 'review_expired');
      const replaced = entries.find(
        (entry) => entry.action === 'reviewers_assigned' && entry.data?.replacement,
      );
      return expired && replaced ? (replaced.data!.reviewerIds as string[])[0] : undefined;
    }, 30_000);
    expect([late, ...onTime]).not.toContain(alternate);
    const tooLate = await act(cases.A14, 'submit_review', reviewer(late), euSheet(4)).expect(403);
    expect(tooLate.body.code).toBe('not_assigned');
    await act(cases.A14, 'submit_review', reviewer(alternate), euSheet(4)).expect(200);
    const reviewOfA2 = (await timeline(cases.A2)).find((entry) => entry.action === 'submit_review');
    expect(reviewOfA2?.data).toMatchObject({ revision: 2, total: 12 });

    await programAction('close', 'street-review').expect(200);
    await waitForStage(cases.A7, 'not_advanced');
    await waitForProgramStage('district-review');
  }, 60_000);

  const hundredPointSheet = (share: number) => ({
    scores: {
      necessity: Math.round(20 * share),
      feasibility: Math.round(30 * share),
      teamCapacity: Math.round(20 * share),
      budgetReasonableness: Math.round(15 * share),
      socialBenefit: Math.round(15 * share),
    },
  });

  it('runs the district final review with three reviewers per case and a minimum score', async () => {
    const reviewed = only('A2', 'A6', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14');
    const shares: Record<string, number> = {
      A8: 0.5,
      A2: 0.95,
      A6: 0.9,
      A9: 0.88,
      A10: 0.85,
      A11: 0.8,
      A12: 0.78,
      // A tie: the ranking puts the lower request (A13) first.
      A13: 0.75,
      A14: 0.75,
    };
    const sheets: PromiseLike<unknown>[] = [];
    for (const c of reviewed) {
      const assigned = await eventually(async () => {
        const ids = await assignedReviewers(c, 'district-review');
        return ids.length === 3 ? ids : undefined;
      });
      if (c.name === 'A6') {
        // A reviewer who recuses is replaced automatically by an alternate from the registry.
        await act(c, 'declare_conflict', reviewer(assigned[0]), { reason: '曾任该组织顾问' }).expect(200);
        const replacement = await eventually(async () => {
          const ids = await assignedReviewers(c, 'district-review');
          return ids.length === 4 ? ids[3] : undefined;
        });
        expect(assigned).not.toContain(replacement);
        for (const id of [...assigned.slice(1), replacement])
          await act(c, 'submit_review', reviewer(id), hundredPointSheet(shares.A6)).expect(200);
        continue;
      }
      // A10's third reviewer disagrees sharply: the case needs a consensus score from the chair.
      for (const [index, id] of assigned.entries())
        sheets.push(
          act(
            c,
            'submit_review',
            reviewer(id),
            hundredPointSheet(c.name === 'A10' && index === 2 ? 0.4 : shares[c.name]),
          ).expect(200),
        );
    }
    await Promise.all(sheets);
    expect(await read(cases.A10)).toMatchObject({ phase: 'needs_consensus' });
    const vague = await act(cases.A10, 'resolve_disagreement', district, {
      ...hundredPointSheet(0.85),
      reason: '同意',
    }).expect(422);
    expect(vague.body.errors.map((error: { field: string }) => error.field)).toContain('justification');
    await act(cases.A10, 'resolve_disagreement', district, {
      ...hundredPointSheet(0.85),
      reason: '经评审组合议，第三位专家的意见已在实施方案中得到回应',
    }).expect(200);
    await programAction('close', 'district-review').expect(200);
    await waitForStage(cases.A8, 'not_advanced');
    await waitForProgramStage('decision');
  }, 60_000);

  it('allocates awards within the budget in tiers and declines the rest with the reason', async () => {
    const forbidden = await act(cases.A2, 'award', applicant(cases.A2), {
      tier: 'key_funding',
      amountFen: 100,
    }).expect(403);
    expect(forbidden.body.code).toBe('role_not_allowed');
    await programAction('close', 'decision').expect(200);
    // The allocation is a proposal first: coordinators see it, with the reserve list, and confirm it.
    const proposal = await eventually(async () => {
      const lines = (
        await signedIn(stack.server)
          .get(`/api/programs/${programId}/stages/decision/award-proposal`)
          .expect(200)
      ).body;
      return lines.length === 8 ? lines : undefined;
    });
    expect(
      proposal.map((line: { outcome: string; reservePosition: number | null }) => [
        line.outcome,
        line.reservePosition,
      ]),
    ).toEqual([...Array.from({ length: 6 }, () => ['awarded', null]), ['declined', 1], ['declined', 2]]);
    expect((await read(cases.A2)).stage).toBe('decision');
    const early = await programAction('extend', 'decision', {
      until: new Date(Date.now() + 60_000).toISOString(),
    }).expect(409);
    expect(early.body.code).toBe('awaiting_confirmation');
    const notCoordinator = await signedIn(stack.server)
      .post(`/api/programs/${programId}/stages/decision/confirm-awards`)
      .set(applicant(cases.A2))
      .send({})
      .expect(403);
    expect(notCoordinator.body.code).toBe('route_not_allowed');
    await signedIn(stack.server)
      .post(`/api/programs/${programId}/stages/decision/confirm-awards`)
      .set(district)
      .send({ reason: '经区级联席会议确认' })
      .expect(200);
    await waitForProgramStage('public-notice');

    const results = Object.fromEntries(
      await Promise.all(
        only('A2', 'A6', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14').map(async (c) => [c.name, await read(c)]),
      ),
    );
    expect(results.A2).toMatchObject({
      stage: 'public-notice',
      awardTier: 'key_funding',
      awardedFen: 3_020_000,
    });
    expect(results.A6).toMatchObject({ awardTier: 'key_funding', awardedFen: 3_060_000 });
    expect(results.A9).toMatchObject({ awardTier: 'key_funding', awardedFen: 3_090_000 });
    for (const name of ['A10', 'A11'])
      expect(results[name]).toMatchObject({ awardTier: 'shortlist', awardedFen: 2_000_000 });
    // ¥150,000 − ¥91,700 (key funding) − ¥40,000 leaves ¥18,300: over half of a ¥20,000 award, so A12 gets it
    // in part, and nothing is left for the last two.
    expect(results.A12).toMatchObject({ awardTier: 'shortlist', awardedFen: 1_830_000 });
    expect((await timeline(cases.A12)).at(-1)?.data).toMatchObject({ partial: true, rank: 6 });
    for (const name of ['A13', 'A14'])
      expect(results[name]).toMatchObject({ stage: 'declined', terminal: 'declined', awardedFen: null });
    expect((await timeline(cases.A13)).at(-1)?.data).toMatchObject({ reason: 'budget', reservePosition: 1 });
    expect((await timeline(cases.A14)).at(-1)?.data).toMatchObject({ reason: 'budget', reservePosition: 2 });
    const stats = (await signedIn(stack.server).get(`/api/programs/${programId}/stats`).expect(200)).body;
    expect(stats.awardedFen).toBe(15_000_000);
    expect(stats.total).toBe(14);
  }, 60_000);

  it('publishes the notice, takes objections, and confirms or revokes results', async () => {
    // The notice is extended so the public has time, then closed early once the objections are in.
    await programAction('extend', 'public-notice', {
      until: new Date(Date.now() + 60_000).toISOString(),
    }).expect(200);
    const empty = await signedIn(stack.server)
      .post(`/api/public/applications/${cases.A9.id}/objections`)
      .send({ reason: ' ' })
      .expect(422);
    expect(empty.body.code).toBe('reason_required');
    await signedIn(stack.server)
      .post(`/api/public/applications/${cases.A9.id}/objections`)
      .send({ reason: '该组织同一项目已获其他财政资助' })
      .expect(200);
    await signedIn(stack.server)
      .post(`/api/public/applications/${cases.A10.id}/objections`)
      .send({ reason: '怀疑材料不实' })
      .expect(200);
    await act(cases.A10, 'resolve_objection', district, {
      objectionId: 'objection-1',
      upheld: false,
      reason: '经核实材料真实',
    }).expect(200);

    await programAction('close', 'public-notice').expect(200);
    for (const c of only('A2', 'A6', 'A10', 'A11', 'A12')) await waitForStage(c, 'agreement');
    expect((await read(cases.A9)).phase).toBe('objection_pending');
    await act(cases.A9, 'resolve_objection', district, {
      objectionId: 'objection-1',
      upheld: true,
      reason: '重复资助属实',
    }).expect(200);
    expect(await read(cases.A9)).toMatchObject({ stage: 'declined', terminal: 'declined' });
    await eventually(async () =>
      (await signedIn(stack.server).get(`/api/programs/${programId}`)).body.status === 'finalized'
        ? true
        : undefined,
    );
  }, 60_000);

  it('signs agreements, releasing the first tranche; an unsigned one lapses at its deadline', async () => {
    for (const c of only('A2', 'A6', 'A10', 'A12')) {
      await act(c, 'sign_agreement', applicant(c)).expect(200);
      await act(c, 'sign_agreement', district).expect(200);
      const tranche = (await timeline(c)).find((entry) => entry.action === 'tranche_released');
      expect(tranche?.data).toMatchObject({ trancheKey: 'first-tranche' });
    }
    await act(cases.A11, 'sign_agreement', applicant(cases.A11)).expect(200);
    await waitForStage(cases.A11, 'withdrawn');
    const late = await act(cases.A11, 'sign_agreement', district).expect(409);
    expect(late.body.code).toBe('case_ended');
  }, 60_000);

  it('tracks milestone reports, reminds, flags the overdue and evaluates mid-term and final', async () => {
    // A12 files nothing: it is reminded, its reports go overdue, and the delivery period ends on its own.
    for (const c of only('A2', 'A6', 'A10')) {
      const unfiled = await act(c, 'accept_report', district, { reportKey: 'progress-report' }).expect(409);
      expect(unfiled.body.code).toBe('report_not_submitted');
      for (const reportKey of ['progress-report', 'midterm-report']) {
        await act(c, 'submit_report', applicant(c), { reportKey }).expect(200);
        await act(c, 'accept_report', district, { reportKey }).expect(200);
      }
      await act(c, 'record_outcome', district, { outcome: 'completed', reason: '中期前交付完成' }).expect(
        200,
      );
    }
    await waitForStage(cases.A12, 'midterm-evaluation', 40_000);
    const chased = (await timeline(cases.A12)).map((entry) => entry.action);
    expect(chased).toEqual(expect.arrayContaining(['report_reminder_sent', 'report_overdue', 'deadline']));

    const offScale = await act(cases.A2, 'record_evaluation', evaluator, { score: 120 }).expect(422);
    expect(offScale.body.errors[0].field).toBe('score');
    for (const c of only('A2', 'A6', 'A10'))
      await act(c, 'record_evaluation', evaluator, { score: 85 }).expect(200);
    await act(cases.A12, 'record_evaluation', evaluator, { score: 55 }).expect(200);
    const stopped = (await timeline(cases.A12)).find((entry) => entry.action === 'tranches_stopped');
    expect(stopped?.data).toMatchObject({ trancheKeys: ['second-tranche', 'final-tranche'] });

    for (const c of only('A2', 'A6', 'A10', 'A12')) {
      await waitForStage(c, 'implementation-continued');
      await act(c, 'record_outcome', district, { outcome: 'completed', reason: '全部交付' }).expect(200);
      await act(c, 'record_evaluation', evaluator, { score: c.name === 'A6' ? 95 : 88 }).expect(200);
      await waitForStage(c, 'closure');
      const early = await act(c, 'close', district).expect(409);
      expect(early.body.code).toBe('final_accounts_missing');
      await act(c, 'submit_report', applicant(c), { reportKey: 'final-accounts' }).expect(200);
      await act(c, 'accept_report', district, { reportKey: 'final-accounts' }).expect(200);
      await act(c, 'close', district).expect(200);
    }
  }, 120_000);

  it('ends every case where its decisions lead, with complete timelines that Temporal and Postgres agree on', async () => {
    const expected: Record<string, string> = {
      A1: 'withdrawn',
      A3: 'withdrawn',
      A5: 'ineligible',
      A7: 'not_advanced',
      A8: 'not_advanced',
      A9: 'declined',
      A11: 'withdrawn',
      A13: 'declined',
      A14: 'declined',
      A2: 'closed',
      A6: 'closed',
      A10: 'closed',
      A12: 'closed',
    };
    for (const [name, terminal] of Object.entries(expected)) {
      const c = cases[name];
      const application = await read(c);
      expect([name, application.terminal]).toEqual([name, terminal]);
      const entries = await timeline(c);
      expect(entries.map((entry) => entry.sequence)).toEqual(entries.map((_, index) => index + 1));
      const state = await stack.temporal.workflow.getHandle(caseWorkflowId(c.id)).query(caseStateQuery);
      expect([name, state.stage, state.sequence]).toEqual([name, application.stage, entries.length]);
    }
    const tranchesOf = async (name: string) =>
      (await timeline(cases[name]))
        .filter((entry) => entry.action === 'tranche_released')
        .map((entry) => entry.data!.trancheKey);
    expect(await tranchesOf('A2')).toEqual(['first-tranche', 'second-tranche', 'final-tranche']);
    expect(await tranchesOf('A12')).toEqual(['first-tranche']);

    const program = await stack.temporal.workflow
      .getHandle(programWorkflowId(programId))
      .query(programSnapshotQuery);
    expect(program.finalized).toBe(true);
    const calendar = (await signedIn(stack.server).get(`/api/programs/${programId}/calendar`).expect(200))
      .body;
    expect(
      calendar
        .filter((stage: { programWide: boolean }) => stage.programWide)
        .map((stage: { status: string }) => stage.status),
    ).toEqual(['closed', 'closed', 'closed', 'closed', 'closed', 'closed']);
    // People were told what needed them: the applicant of each step, the reviewers of their assignments.
    // Each inbox is read by its owner: the organization, the reviewer, the district coordinator.
    const notificationsOf = async (
      recipientKind: string,
      recipientId: string,
      owner: Record<string, string>,
    ) =>
      (
        await signedIn(stack.server, owner)
          .get('/api/notifications')
          .query({ recipientKind, recipientId, pageSize: 100 })
          .expect(200)
      ).body.items.map((item: { kind: string }) => item.kind);
    expect(await notificationsOf('organization', cases.A2.organizationId, applicant(cases.A2))).toEqual(
      expect.arrayContaining(['stage_opened', 'revision_requested', 'tranche_released', 'decision']),
    );
    expect(await notificationsOf('user', STREET_REVIEWERS[0], reviewer(STREET_REVIEWERS[0]))).toContain(
      'review_assigned',
    );
    expect(await notificationsOf('role', 'coordinator:district', district)).toEqual(
      expect.arrayContaining(['objection_raised', 'report_overdue', 'report_submitted']),
    );

    if (process.env.RECORD_HISTORIES_DIR) await recordHistories(process.env.RECORD_HISTORIES_DIR);
    const stats = (await signedIn(stack.server).get(`/api/programs/${programId}/stats`).expect(200)).body;
    expect(stats.byStage).toMatchObject({
      closed: 4,
      withdrawn: 3,
      declined: 3,
      not_advanced: 2,
      ineligible: 1,
      draft: 1,
    });
    expect(Object.keys(stats.byStreet).sort()).toEqual([...STREETS].sort());
    // A street coordinator's figures cover their own street only.
    const ownStreet = (
      await signedIn(stack.server, streetCoordinator(STREETS[0]))
        .get(`/api/programs/${programId}/stats`)
        .expect(200)
    ).body;
    expect(Object.keys(ownStreet.byStreet)).toEqual([STREETS[0]]);
    expect(ownStreet.total).toBe(stats.byStreet[STREETS[0]]);
  });
});
