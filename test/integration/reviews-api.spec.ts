import { randomUUID } from 'node:crypto';
import {
  createOrganization,
  createPublishedProgram,
  draftApplication,
  eventually,
} from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';
import { actorHeaders, signedIn } from '../support/auth';
import { grantedRoles, ROUTE_ACCESS, routeAllows } from '../../apps/api/src/auth/route-access';

// What people see of reviews, on a test-sized competition run through the real API, Temporal and Postgres:
// four applications through the street review (not blind, EU-style rubric, two reviewers each), three of
// them through the district review (blind, 100-point rubric, three reviewers each) and the decision.
//
// A test-sized review stage lasts seconds, and extending it does not move the due dates of assignments
// already made. So the program's pools name no registered expert (the automatic round assigns nobody), the
// stage is extended first, and coordinators assign the panels by hand: those are due at the extended
// deadline, which leaves the test time to look at every step.

const run = randomUUID().slice(0, 8);
const street = (n: number) => `rv-s${n}-${run}`;
const expert = (n: number) => `rv-d${n}-${run}`;
const districtId = `rv-district-${run}`;
const district = actorHeaders({ userId: districtId, roles: ['coordinator:district'] });
const streetStaff = actorHeaders({ userId: `rv-street-${run}`, roles: ['coordinator:street'] });
const reviewer = (id: string) => actorHeaders({ userId: id, roles: ['reviewer'] });

type Name = 'A' | 'B' | 'C' | 'D';
interface Case {
  id: string;
  organizationId: string;
  organizationName: string;
  street: string;
}

const APPLICANTS: Record<Name, { street: string; category: string; requestedAmountFen: number }> = {
  A: { street: '紫阳街道', category: 'elderly', requestedAmountFen: 3_000_000 },
  B: { street: '湖滨街道', category: 'youth', requestedAmountFen: 2_000_000 },
  C: { street: '清波街道', category: 'culture', requestedAmountFen: 2_500_000 },
  D: { street: '小营街道', category: 'environment', requestedAmountFen: 2_500_000 },
};

const eu = (excellence: number, impact: number, implementation: number, comments = {}) => ({
  scores: { excellence, impact, implementation },
  comments,
});
const hundred = (
  necessity: number,
  feasibility: number,
  teamCapacity: number,
  budgetReasonableness: number,
  socialBenefit: number,
) => ({ scores: { necessity, feasibility, teamCapacity, budgetReasonableness, socialBenefit } });

interface SheetsBody {
  anonymised: boolean;
  sheets: { label: string; reviewerId: string | null; own: boolean; total: number; revision: number }[];
  consensus: { chairId: string | null; total: number; justification: string } | null;
  aggregate: {
    reviewCount: number;
    mean: { total: number; criteria: Record<string, number> };
    median: { total: number; criteria: Record<string, number> };
    calibrated: { total: number; criteria: Record<string, number> };
    basis: string;
    basisTotal: number;
  };
  calibration: { rule: { zh: string; en: string }; minReviews: number };
  disagreement: { flagged: boolean; status: string; caseStatus: string | null; flags: unknown[] };
}

interface PastReviewBody {
  applicationId: string;
  programName: string;
  stageKey: string;
  stageName: { zh: string; en: string };
  blind: boolean;
  proposal: Record<string, unknown> & { title: string; withheld: string[] };
  revision: number;
  total: number;
  maxTotal: number;
  criteria: { id: string; name: { zh: string; en: string }; score: number; comment: string | null }[];
  submittedAt: string;
  current: { stageKey: string; stageName: { zh: string; en: string } | null; terminal: string | null };
}

interface RankingBody {
  stageStatus: string;
  tieBreaks: string[];
  entries: {
    rank: number;
    applicationId: string;
    basis: string;
    score: number | null;
    eligible: boolean;
    scoredInStage: string;
    thresholds: { target: string; criterionId?: string; value: number | null; passed: boolean }[];
    ineligibleReasons: { code: string; message: { zh: string; en: string } }[];
    separation: { fromApplicationId: string; decidedBy: string; tiedOn: string[] } | null;
    meetsAdvancementRule: boolean | null;
    outcome: { outcome: string; recordedRank: number | null; recordedScore: number | null } | null;
    allocation: {
      status: string;
      outcome: string;
      tier: string | null;
      amountFen: number | null;
      partial: boolean;
      reservePosition: number | null;
      reason: string | null;
      reasonText: string;
    } | null;
  }[];
}

interface ProgressBody {
  stageStatus: string;
  total: number;
  totals: Record<string, number>;
  reviewers: { reviewerId: string; assigned: number; done: number; due: number; overdue: number }[];
  cases: {
    applicationId: string;
    title: string;
    street: string;
    category: string;
    dueAt: string | null;
    overdue: boolean;
    reviewsSubmitted: number;
    reviewers: { reviewerId: string; status: string; dueAt: string | null; overdue: boolean }[];
    disagreement: { status: string };
  }[];
}

describe('reviews: progress, score sheets, rankings, reviewer queues and drafts', () => {
  let stack: TestStack;
  let programId: string;
  const cases = {} as Record<Name, Case>;
  let streetDeadline: string;

  const act = (name: Name, action: string, headers: Record<string, string>, body: object = {}) =>
    signedIn(stack.server)
      .post(`/api/applications/${cases[name].id}/actions/${action}`)
      .set(headers)
      .send(body);
  const read = async (name: Name) =>
    (await signedIn(stack.server).get(`/api/applications/${cases[name].id}`).expect(200)).body;
  const waitForStage = (name: Name, stage: string) =>
    eventually(async () => ((await read(name)).stage === stage ? true : undefined), 30_000);
  const programAction = (action: string, stageKey: string, body: object = {}) =>
    signedIn(stack.server)
      .post(`/api/programs/${programId}/stages/${stageKey}/${action}`)
      .set(district)
      .send(body);
  const waitForProgramStage = (stageKey: string) =>
    eventually(async () => {
      const program = (await signedIn(stack.server).get(`/api/programs/${programId}`).expect(200)).body;
      return program.currentStage === stageKey ? program : undefined;
    }, 30_000);
  const progress = (stageKey: string, headers: Record<string, string> = district, query: object = {}) =>
    signedIn(stack.server)
      .get(`/api/programs/${programId}/stages/${stageKey}/review-progress`)
      .query(query)
      .set(headers);
  const sheets = (name: Name, headers: Record<string, string>, stageKey?: string) =>
    signedIn(stack.server)
      .get(`/api/applications/${cases[name].id}/score-sheets`)
      .query(stageKey ? { stageKey } : {})
      .set(headers);
  const ranking = async (stageKey: string): Promise<RankingBody> =>
    (
      await signedIn(stack.server)
        .get(`/api/programs/${programId}/stages/${stageKey}/ranking`)
        .set(district)
        .expect(200)
    ).body;
  const queue = (id: string, headers: Record<string, string> = reviewer(id)) =>
    signedIn(stack.server).get(`/api/reviewers/${id}/queue`).set(headers);
  const pastReviews = (id: string, headers: Record<string, string> = reviewer(id), query: object = {}) =>
    signedIn(stack.server).get(`/api/reviewers/${id}/reviews`).query(query).set(headers);
  const draft = (name: Name, headers: Record<string, string>) =>
    signedIn(stack.server).put(`/api/applications/${cases[name].id}/review-draft`).set(headers);
  const nameOf = (applicationId: string) =>
    (Object.keys(cases) as Name[]).find((name) => cases[name].id === applicationId);

  // Moves the open review stage's deadline and waits until every case in it has taken the new one.
  async function extendReviewStage(stageKey: string, seconds: number, names: Name[]): Promise<string> {
    const until = new Date(Date.now() + seconds * 1000).toISOString();
    await programAction('extend', stageKey, { until }).expect(200);
    for (const name of names)
      await eventually(async () => ((await read(name)).nextDeadlineAt === until ? true : undefined));
    return until;
  }

  beforeAll(async () => {
    stack = await startStack();
    const nobody = `rv-nobody-${run}`;
    programId = await createPublishedProgram(stack.server, {
      // Key funding for one case of three; ¥40,000 covers it and part of the next request.
      budgetFen: 4_000_000,
      windowSeconds: 10,
      reviewerPools: { 'street-review': [nobody], 'district-review': [nobody] },
      // The program wants one culture project funded, but its only culture application (C) stops at the
      // street review: no allocation can meet that minimum (see the decision).
      categoryQuotas: [{ category: 'culture', minCount: 1 }],
    });
    for (const [name, applicant] of Object.entries(APPLICANTS) as [Name, (typeof APPLICANTS)[Name]][]) {
      const organizationName = `${applicant.street}服务社-${run}-${name}`;
      const organizationId = await createOrganization(stack.server, applicant.street, organizationName);
      const id = await draftApplication(stack.server, {
        programId,
        organizationId,
        street: applicant.street,
        category: applicant.category,
        requestedAmountFen: applicant.requestedAmountFen,
        title: `评审可见性项目 ${name}`,
      });
      cases[name] = { id, organizationId, organizationName, street: applicant.street };
    }
    for (const name of Object.keys(cases) as Name[])
      await signedIn(stack.server)
        .post(`/api/applications/${cases[name].id}/submit`)
        .set(actorHeaders({ userId: `rv-user-${name}`, organizationId: cases[name].organizationId }))
        .expect(200);
    await waitForProgramStage('eligibility-screening');
    for (const name of Object.keys(cases) as Name[]) {
      await waitForStage(name, 'eligibility-screening');
      await act(name, 'screen', district, {
        decision: 'eligible',
        checks: { 'materials-complete': true },
      }).expect(200);
    }
    await programAction('close', 'eligibility-screening').expect(200);
    await waitForProgramStage('street-review');
    streetDeadline = await extendReviewStage('street-review', 600, ['A', 'B', 'C', 'D']);
    const panels: Record<Name, string[]> = {
      A: [street(1), street(2)],
      B: [street(2), street(3)],
      C: [street(1), street(3)],
      D: [street(2), street(4)],
    };
    for (const [name, reviewerIds] of Object.entries(panels) as [Name, string[]][])
      await act(name, 'assign_reviewers', streetStaff, { reviewerIds }).expect(200);
  }, 120_000);
  afterAll(() => stack?.close());

  describe('the street review (not blind)', () => {
    it('shows staff every case with its reviewers, due dates and each reviewer’s counts, paginated', async () => {
      const refused = await progress('street-review', reviewer(street(1))).expect(403);
      expect(refused.body.code).toBe('route_not_allowed');
      await progress('decision').expect(404);

      const body: ProgressBody = (await progress('street-review').expect(200)).body;
      expect(body).toMatchObject({ stageStatus: 'open', total: 4 });
      expect(body.totals).toMatchObject({ cases: 4, assignments: 8, submitted: 0, due: 8, overdue: 0 });
      expect(
        body.reviewers.map(({ reviewerId, assigned, done, due, overdue }) => [
          reviewerId,
          assigned,
          done,
          due,
          overdue,
        ]),
      ).toEqual([
        [street(1), 2, 0, 2, 0],
        [street(2), 3, 0, 3, 0],
        [street(3), 2, 0, 2, 0],
        [street(4), 1, 0, 1, 0],
      ]);
      const a = body.cases.find((entry) => entry.applicationId === cases.A.id)!;
      expect(a).toMatchObject({
        title: '评审可见性项目 A',
        street: '紫阳街道',
        category: 'elderly',
        dueAt: streetDeadline,
        overdue: false,
        reviewsSubmitted: 0,
        disagreement: { status: 'none' },
      });
      expect(a.reviewers).toEqual([
        {
          reviewerId: street(1),
          status: 'assigned',
          assignedAt: expect.any(String),
          dueAt: streetDeadline,
          overdue: false,
        },
        {
          reviewerId: street(2),
          status: 'assigned',
          assignedAt: expect.any(String),
          dueAt: streetDeadline,
          overdue: false,
        },
      ]);

      const first: ProgressBody = (await progress('street-review', district, { pageSize: 3 }).expect(200))
        .body;
      const second: ProgressBody = (
        await progress('street-review', district, { pageSize: 3, page: 2 }).expect(200)
      ).body;
      expect([first.cases.length, second.cases.length, second.total]).toEqual([3, 1, 4]);
      expect(new Set([...first.cases, ...second.cases].map((entry) => entry.applicationId)).size).toBe(4);
      // Counts cover every case, whatever the page.
      expect(second.totals.assignments).toBe(8);
      const tooLarge = await progress('street-review', district, { pageSize: 500 }).expect(422);
      expect(tooLarge.body.errors[0]).toMatchObject({ field: 'pageSize', code: 'max' });
    });

    it('gives a reviewer their own queue with the applicant shown and the rubric to score on', async () => {
      const notMine = await queue(street(2), reviewer(street(1))).expect(403);
      expect(notMine.body.code).toBe('not_own_queue');

      const { items } = (await queue(street(2)).expect(200)).body;
      expect(items.map((item: { applicationId: string }) => nameOf(item.applicationId)).sort()).toEqual([
        'A',
        'B',
        'D',
      ]);
      const a = items.find((item: { applicationId: string }) => item.applicationId === cases.A.id);
      expect(a).toMatchObject({
        programId,
        stageKey: 'street-review',
        blind: false,
        dueAt: streetDeadline,
        overdue: false,
        draftSavedAt: null,
        proposal: {
          title: '评审可见性项目 A',
          category: 'elderly',
          requestedAmountFen: 3_000_000,
          organizationId: cases.A.organizationId,
          organizationName: cases.A.organizationName,
          street: '紫阳街道',
          community: '紫阳街道社区',
          withheld: [],
          form: expect.objectContaining({ serviceArea: '春江社区', projectName: '独居老人助餐服务' }),
        },
        rubric: { id: 'eu-style-3x5', totalThreshold: 10, totalRange: { min: 0, max: 15 } },
      });
      expect(a.rubric.criteria).toHaveLength(3);
      expect(a.rubric.criteria[0]).toMatchObject({
        id: 'excellence',
        scale: { min: 0, max: 5, step: 0.5 },
        threshold: 3,
        commentRequiredBelow: 3,
      });
    });

    it('saves a reviewer’s partial sheet, refuses scores off the scale in both languages, and reads it back', async () => {
      const partial = await draft('A', reviewer(street(1)))
        .send({ scores: { excellence: 4 } })
        .expect(200);
      expect(partial.body).toMatchObject({
        stageKey: 'street-review',
        reviewerId: street(1),
        scores: { excellence: 4 },
        missingCriteria: ['impact', 'implementation'],
        complete: false,
        total: null,
      });

      const english = await draft('A', reviewer(street(1)))
        .set('Accept-Language', 'en')
        .send({ scores: { excellence: 7, impact: 3.3 } })
        .expect(422);
      expect(
        english.body.errors.map((error: { field: string; code: string }) => [error.field, error.code]),
      ).toEqual([
        ['scores.excellence', 'out_of_scale'],
        ['scores.impact', 'not_on_step'],
      ]);
      expect(english.body.errors[0].message).toBe('Score 7 for “Excellence” is outside the 0–5 scale');
      const chinese = await draft('A', reviewer(street(1)))
        .send({ scores: { excellence: 7 } })
        .expect(422);
      expect(chinese.body.errors[0].message).toBe('「卓越性」的分数 7 超出 0–5 的范围');
      const unknown = await draft('A', reviewer(street(1)))
        .send({ scores: { novelty: 3 } })
        .expect(422);
      expect(unknown.body.errors[0]).toMatchObject({ field: 'scores.novelty', code: 'unknown_criterion' });
      const notAnObject = await draft('A', reviewer(street(1)))
        .send({ scores: [4] })
        .expect(422);
      expect(notAnObject.body.errors[0]).toMatchObject({ field: 'scores', code: 'isObject' });

      // The refused saves changed nothing.
      const saved = await signedIn(stack.server)
        .get(`/api/applications/${cases.A.id}/review-draft`)
        .set(reviewer(street(1)))
        .expect(200);
      expect(saved.body).toMatchObject({ scores: { excellence: 4 }, comments: {}, complete: false });
      expect(saved.body.updatedAt).toBe(partial.body.updatedAt);

      const notAssigned = await draft('A', reviewer(street(3)))
        .send({ scores: { excellence: 4 } })
        .expect(403);
      expect(notAssigned.body.code).toBe('not_assigned');
      const wrongStage = await draft('A', reviewer(street(1)))
        .send({ stageKey: 'district-review', scores: {} })
        .expect(409);
      expect(wrongStage.body.code).toBe('wrong_stage');
      await signedIn(stack.server)
        .get(`/api/applications/${cases.A.id}/review-draft`)
        .set(reviewer(street(2)))
        .expect(404);

      const complete = await draft('A', reviewer(street(1)))
        .send(eu(4.5, 4, 3.5, { excellence: '需求调研扎实' }))
        .expect(200);
      expect(complete.body).toMatchObject({ complete: true, total: 12, missingCriteria: [] });
      expect(Date.parse(complete.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(partial.body.updatedAt));
      const listed = (await queue(street(1)).expect(200)).body.items.find(
        (item: { applicationId: string }) => item.applicationId === cases.A.id,
      );
      expect(listed.draftSavedAt).toBe(complete.body.updatedAt);
    });

    it('keeps other reviews from a reviewer until their own is in, then shows them without reviewer ids', async () => {
      const early = await sheets('A', reviewer(street(1))).expect(403);
      expect(early.body.code).toBe('review_not_submitted');
      const stranger = await sheets(
        'A',
        actorHeaders({ userId: 'stranger', organizationId: '00000000-0000-4000-8000-00000000000b' }),
      ).expect(403);
      expect(stranger.body.code).toBe('route_not_allowed');

      await act('A', 'submit_review', reviewer(street(1)), eu(4.5, 4, 3.5)).expect(200);
      // The submitted review supersedes the draft.
      await signedIn(stack.server)
        .get(`/api/applications/${cases.A.id}/review-draft`)
        .set(reviewer(street(1)))
        .expect(404);
      const resaved = await draft('A', reviewer(street(1)))
        .send({ scores: { excellence: 4 } })
        .expect(409);
      expect(resaved.body.code).toBe('already_reviewed');

      const alone: SheetsBody = (await sheets('A', reviewer(street(1))).expect(200)).body;
      expect(alone.sheets.map(({ label, reviewerId, own }) => [label, reviewerId, own])).toEqual([
        ['评审专家 1', null, true],
      ]);
      const stillEarly = await sheets('A', reviewer(street(2))).expect(403);
      expect(stillEarly.body.code).toBe('review_not_submitted');

      await act('A', 'submit_review', reviewer(street(2)), eu(3.5, 4, 4.5)).expect(200);
      const response = await sheets('A', reviewer(street(1))).expect(200);
      const both: SheetsBody = response.body;
      expect(both.anonymised).toBe(true);
      expect(
        both.sheets.map(({ label, reviewerId, own, total, revision }) => [
          label,
          reviewerId,
          own,
          total,
          revision,
        ]),
      ).toEqual([
        ['评审专家 1', null, true, 12, 1],
        ['评审专家 2', null, false, 12, 1],
      ]);
      expect(response.text).not.toContain(street(2));

      const staff: SheetsBody = (await sheets('A', district).expect(200)).body;
      expect(staff.anonymised).toBe(false);
      expect(staff.sheets.map((sheet) => sheet.reviewerId)).toEqual([street(1), street(2)]);
      expect(staff.aggregate).toEqual({
        reviewCount: 2,
        mean: { total: 12, criteria: { excellence: 4, impact: 4, implementation: 4 } },
        median: { total: 12, criteria: { excellence: 4, impact: 4, implementation: 4 } },
        calibrated: { total: 12, criteria: { excellence: 4, impact: 4, implementation: 4 } },
        basis: 'mean',
        basisTotal: 12,
      });
      expect(staff.calibration.minReviews).toBe(5);
      expect(staff.calibration.rule.zh).toContain('z 分数');
      expect(staff.calibration.rule.en).toContain('z-score');
      expect(staff.disagreement).toMatchObject({ flagged: false, status: 'none', flags: [] });
      await sheets('A', district, 'decision').expect(422);
    });

    it('ranks on the mean with thresholds and says which tie-break separated each case', async () => {
      await act('B', 'submit_review', reviewer(street(2)), eu(4, 4, 4)).expect(200);
      await act('B', 'submit_review', reviewer(street(3)), eu(4, 4.5, 3.5)).expect(200);
      await act(
        'C',
        'submit_review',
        reviewer(street(1)),
        eu(2.5, 3, 3, { excellence: '需求分析不足' }),
      ).expect(200);
      await act('C', 'submit_review', reviewer(street(3)), eu(3, 3, 3)).expect(200);
      await act('D', 'submit_review', reviewer(street(2)), eu(4, 3.5, 3.5)).expect(200);
      await act('D', 'submit_review', reviewer(street(4)), eu(3.5, 3.5, 4)).expect(200);

      const done: ProgressBody = (await progress('street-review').expect(200)).body;
      expect(done.totals).toMatchObject({ assignments: 8, submitted: 8, due: 0, overdue: 0 });
      expect((await queue(street(2)).expect(200)).body.items).toEqual([]);

      const open = await ranking('street-review');
      expect(open.stageStatus).toBe('open');
      expect(open.tieBreaks).toEqual([
        'eligibility',
        'total',
        'lowerRequestedAmount',
        'earlierSubmission',
        'caseId',
      ]);
      expect(
        open.entries.map((entry) => [entry.rank, nameOf(entry.applicationId), entry.score, entry.eligible]),
      ).toEqual([
        [1, 'B', 12, true],
        [2, 'A', 12, true],
        [3, 'D', 11, true],
        [4, 'C', 8.75, false],
      ]);
      const [b, a, d, c] = open.entries;
      expect(b.separation).toBeNull();
      // A and B tie on 12 points: B asks for less.
      expect(a.separation).toMatchObject({
        fromApplicationId: cases.B.id,
        decidedBy: 'lowerRequestedAmount',
        tiedOn: ['total'],
      });
      expect(d.separation).toMatchObject({ fromApplicationId: cases.A.id, decidedBy: 'total', tiedOn: [] });
      expect(c.separation).toMatchObject({ fromApplicationId: cases.D.id, decidedBy: 'eligibility' });
      expect(c.thresholds).toEqual(
        expect.arrayContaining([
          { target: 'criterion', criterionId: 'excellence', value: 2.75, threshold: 3, passed: false },
          { target: 'total', value: 8.75, threshold: 10, passed: false },
        ]),
      );
      expect(c.ineligibleReasons.map((reason) => reason.code)).toEqual([
        'below_criterion_threshold',
        'below_total_threshold',
      ]);
      expect(c.ineligibleReasons[1].message).toEqual({
        zh: '总分 8.75 低于门槛分 10',
        en: 'Total 8.75 is below the threshold of 10',
      });
      expect(open.entries.map((entry) => [entry.basis, entry.meetsAdvancementRule, entry.outcome])).toEqual([
        ['mean', true, null],
        ['mean', true, null],
        ['mean', true, null],
        ['mean', false, null],
      ]);

      await programAction('close', 'street-review').expect(200);
      await waitForStage('C', 'not_advanced');
      await waitForProgramStage('district-review');
      const closed = await ranking('street-review');
      expect(closed.stageStatus).toBe('closed');
      expect(
        closed.entries.map((entry) => [
          nameOf(entry.applicationId),
          entry.rank,
          entry.outcome?.outcome,
          entry.outcome?.recordedRank,
          entry.outcome?.recordedScore,
        ]),
      ).toEqual([
        ['B', 1, 'advanced', 1, 12],
        ['A', 2, 'advanced', 2, 12],
        ['D', 3, 'advanced', 3, 11],
        ['C', 4, 'not_advanced', 4, 8.75],
      ]);
    });

    it('lists a reviewer’s submitted reviews, newest first, with the criteria scored and where each case went', async () => {
      const notMine = await pastReviews(street(1), reviewer(street(2))).expect(403);
      expect(notMine.body.code).toBe('not_own_reviews');
      await waitForStage('A', 'district-review');

      const response = await pastReviews(street(1)).expect(200);
      expect(response.headers['x-total-count']).toBe('2');
      const [c, a]: PastReviewBody[] = response.body;
      expect([nameOf(c.applicationId), nameOf(a.applicationId)]).toEqual(['C', 'A']);
      expect(Date.parse(c.submittedAt)).toBeGreaterThan(Date.parse(a.submittedAt));
      expect(a).toMatchObject({
        programName: expect.any(String),
        stageKey: 'street-review',
        stageName: { zh: '街道初评', en: 'Street preliminary review' },
        blind: false,
        revision: 1,
        total: 12,
        maxTotal: 15,
        proposal: {
          title: '评审可见性项目 A',
          organizationId: cases.A.organizationId,
          organizationName: cases.A.organizationName,
          street: '紫阳街道',
          withheld: [],
        },
        // A went on to the district review; C ended at the street review.
        current: { stageKey: 'district-review', terminal: null },
      });
      expect(a.current.stageName?.zh).toBe('区级终评（专家评审委员会）');
      expect(a.criteria.map(({ id, name, score }) => [id, name.zh.length > 0, score])).toEqual([
        ['excellence', true, 4.5],
        ['impact', true, 4],
        ['implementation', true, 3.5],
      ]);
      expect(c).toMatchObject({
        total: 8.5,
        current: { stageKey: 'not_advanced', stageName: null, terminal: 'not_advanced' },
      });
      expect(c.criteria.find((criterion) => criterion.id === 'excellence')?.comment).toBe('需求分析不足');
      expect(c.criteria.find((criterion) => criterion.id === 'impact')?.comment).toBeNull();

      const second = await pastReviews(street(1), reviewer(street(1)), { pageSize: 1, page: 2 }).expect(200);
      expect(second.headers['x-total-count']).toBe('2');
      expect(second.body.map((item: PastReviewBody) => nameOf(item.applicationId))).toEqual(['A']);
      // Staff read any reviewer's record; a reviewer with nothing submitted has an empty one.
      const forStaff = await pastReviews(street(1), district).expect(200);
      expect(forStaff.body).toHaveLength(2);
      // Street staff see the reviews of their own street's cases only, as in their case lists.
      const ziyang = actorHeaders({
        userId: `rv-ziyang-${run}`,
        roles: ['coordinator:street'],
        scope: '紫阳街道',
      });
      const ofTheirStreet = await pastReviews(street(1), ziyang).expect(200);
      expect(ofTheirStreet.headers['x-total-count']).toBe('1');
      expect(ofTheirStreet.body.map((item: PastReviewBody) => nameOf(item.applicationId))).toEqual(['A']);
      const none = await pastReviews(`rv-never-${run}`).expect(200);
      expect([none.body, none.headers['x-total-count']]).toEqual([[], '0']);
    });
  });

  describe('the district review (blind)', () => {
    let districtDeadline: string;

    beforeAll(async () => {
      // Long enough for the steps below; then the review left undone on B expires.
      districtDeadline = await extendReviewStage('district-review', 25, ['A', 'B', 'D']);
      for (const name of ['A', 'B', 'D'] as const)
        await act(name, 'assign_reviewers', district, {
          reviewerIds: [expert(1), expert(2), expert(3)],
        }).expect(200);
    }, 60_000);

    it('hides who applied from the reviewers of a blind stage', async () => {
      const response = await queue(expert(1)).expect(200);
      const { items } = response.body;
      expect(items.map((item: { applicationId: string }) => nameOf(item.applicationId)).sort()).toEqual([
        'A',
        'B',
        'D',
      ]);
      for (const item of items) {
        expect(item).toMatchObject({ blind: true, stageKey: 'district-review', dueAt: districtDeadline });
        expect(item.proposal).not.toHaveProperty('organizationId');
        expect(item.proposal).not.toHaveProperty('organizationName');
        expect(item.proposal).not.toHaveProperty('street');
        expect(item.proposal).not.toHaveProperty('community');
        expect(item.proposal.form).not.toHaveProperty('serviceArea');
        expect(item.proposal.form).not.toHaveProperty('registrationCertificate');
        expect(item.proposal.form).toMatchObject({ projectName: '独居老人助餐服务', beneficiaries: 120 });
        expect(item.proposal.withheld).toEqual(
          expect.arrayContaining([
            'organizationId',
            'organizationName',
            'street',
            'community',
            'form.serviceArea',
          ]),
        );
        expect(item.rubric.id).toBe('cn-100-point');
        expect(item.rubric.criteria.map((criterion: { id: string }) => criterion.id)).toEqual([
          'necessity',
          'feasibility',
          'teamCapacity',
          'budgetReasonableness',
          'socialBenefit',
        ]);
      }
      for (const name of ['A', 'B', 'D'] as const) {
        expect(response.text).not.toContain(cases[name].organizationId);
        expect(response.text).not.toContain(cases[name].organizationName);
        expect(response.text).not.toContain(cases[name].street);
      }
      expect(response.text).not.toContain('春江社区');
    });

    it('hides who applied in every response a blind reviewer can get, before and after reviewing', async () => {
      // Every read the route table opens to reviewers, on a case this reviewer is assigned.
      const reads = Object.entries(ROUTE_ACCESS)
        .filter(([route, access]) => route.startsWith('GET /api/') && access !== 'public')
        .filter(([, access]) => routeAllows(access, grantedRoles('GET', { roles: ['reviewer'] })))
        .map(([route]) => route.slice('GET '.length));
      expect(reads).toEqual(
        expect.arrayContaining(['/api/applications/{id}', '/api/reviewers/{reviewerId}/queue']),
      );
      const concrete = (path: string) =>
        path
          .replace('/api/programs/{id}', `/api/programs/${programId}`)
          .replace('{id}', path.startsWith('/api/experts') ? expert(1) : cases.A.id)
          .replace('{reviewerId}', expert(1))
          .replace('{key}', 'grant-competition')
          .replace('{stageKey}', 'district-review');
      const seen: string[] = [];
      for (const path of reads) {
        const response = await signedIn(stack.server)
          .get(concrete(path))
          .query(path === '/api/notifications' ? { recipientKind: 'user', recipientId: expert(1) } : {})
          .set(reviewer(expert(1)));
        seen.push(`${path} ${response.status}`);
        // The program list holds every program of the shared test database, whose public settings may name
        // streets of their own (a claiming list's project areas): only this program's entry is about the cases.
        const text =
          path === '/api/programs'
            ? JSON.stringify(
                (response.body as { id: string }[]).filter((program) => program.id === programId),
              )
            : response.text;
        for (const name of ['A', 'B', 'D'] as const) {
          expect(text).not.toContain(cases[name].organizationId);
          expect(text).not.toContain(cases[name].organizationName);
          expect(text).not.toContain(cases[name].street);
        }
        expect(text).not.toContain('春江社区');
      }
      // The case itself is readable (blind), not hidden altogether; its timeline (who acted, why) is not.
      expect(seen).toContain('/api/applications/{id} 200');
      expect(seen).not.toContain('/api/applications/{id}/timeline 200');
      const application = await signedIn(stack.server)
        .get(`/api/applications/${cases.A.id}`)
        .set(reviewer(expert(1)));
      expect(application.body).not.toHaveProperty('organizationId');
      expect(application.body.form).toMatchObject({ projectName: '独居老人助餐服务' });
      // A reviewer not assigned to the case is told it does not exist.
      await signedIn(stack.server)
        .get(`/api/applications/${cases.A.id}`)
        .set(reviewer('rv-nobody'))
        .expect(404);
    });

    it('puts the raw sheets beside the mean, median and calibrated score, with labels instead of ids', async () => {
      await act('A', 'submit_review', reviewer(expert(1)), hundred(18, 27, 18, 14, 13)).expect(200);
      await act('A', 'submit_review', reviewer(expert(2)), hundred(17, 26, 17, 13, 12)).expect(200);
      const early = await sheets('A', reviewer(expert(3))).expect(403);
      expect(early.body.code).toBe('review_not_submitted');
      await act('A', 'submit_review', reviewer(expert(3)), hundred(15, 22, 15, 10, 10)).expect(200);

      const response = await sheets('A', reviewer(expert(3))).expect(200);
      const body: SheetsBody = response.body;
      expect(body.sheets.map(({ label, reviewerId, own, total }) => [label, reviewerId, own, total])).toEqual(
        [
          ['评审专家 1', null, false, 90],
          ['评审专家 2', null, false, 85],
          ['评审专家 3', null, true, 72],
        ],
      );
      expect(response.text).not.toContain(expert(1));
      expect(response.text).not.toContain(expert(2));
      // 247 / 3 = 82.333… and 50 / 3 = 16.666…, rounded half-up to 2 decimals; the median is the middle sheet.
      expect(body.aggregate).toEqual({
        reviewCount: 3,
        mean: {
          total: 82.33,
          criteria: {
            necessity: 16.67,
            feasibility: 25,
            teamCapacity: 16.67,
            budgetReasonableness: 12.33,
            socialBenefit: 11.67,
          },
        },
        median: {
          total: 85,
          criteria: {
            necessity: 17,
            feasibility: 26,
            teamCapacity: 17,
            budgetReasonableness: 13,
            socialBenefit: 12,
          },
        },
        // No reviewer has the five reviews calibration needs, so the calibrated score is the mean.
        calibrated: {
          total: 82.33,
          criteria: {
            necessity: 16.67,
            feasibility: 25,
            teamCapacity: 16.67,
            budgetReasonableness: 12.33,
            socialBenefit: 11.67,
          },
        },
        basis: 'mean',
        basisTotal: 82.33,
      });
      expect(body.disagreement).toMatchObject({ flagged: false, status: 'none' });
    });

    it('shows a disagreement and the chair’s consensus beside the sheets it never changed', async () => {
      await act('D', 'submit_review', reviewer(expert(1)), hundred(18, 27, 18, 14, 13)).expect(200);
      await act('D', 'submit_review', reviewer(expert(2)), hundred(17, 26, 17, 13, 12)).expect(200);
      await act('D', 'submit_review', reviewer(expert(3)), hundred(10, 15, 10, 8, 7)).expect(200);
      const flagged: SheetsBody = (await sheets('D', district).expect(200)).body;
      expect(flagged.disagreement).toMatchObject({
        flagged: true,
        status: 'needs_consensus',
        caseStatus: 'needs_consensus',
      });
      expect(flagged.disagreement.flags).toContainEqual({
        target: 'total',
        spread: 40,
        threshold: 20,
        lowest: 50,
        highest: 90,
      });
      const progressOfD = ((await progress('district-review').expect(200)).body as ProgressBody).cases.find(
        (entry) => entry.applicationId === cases.D.id,
      );
      expect(progressOfD?.disagreement.status).toBe('needs_consensus');

      await act('D', 'resolve_disagreement', district, {
        ...hundred(17, 25, 17, 13, 12),
        reason: '经评审组合议，采纳前两位专家的意见',
      }).expect(200);
      const staff: SheetsBody = (await sheets('D', district).expect(200)).body;
      expect(staff.sheets.map((sheet) => sheet.total)).toEqual([90, 85, 50]);
      expect(staff.consensus).toEqual({
        chairId: districtId,
        total: 84,
        scores: {
          necessity: 17,
          feasibility: 25,
          teamCapacity: 17,
          budgetReasonableness: 13,
          socialBenefit: 12,
        },
        justification: '经评审组合议，采纳前两位专家的意见',
        recordedAt: expect.any(String),
      });
      expect(staff.aggregate).toMatchObject({
        reviewCount: 3,
        mean: { total: 75 },
        median: { total: 85 },
        basis: 'consensus',
        basisTotal: 84,
      });
      expect(staff.disagreement).toMatchObject({ status: 'resolved_by_consensus', caseStatus: 'resolved' });
      const forReviewer: SheetsBody = (await sheets('D', reviewer(expert(3))).expect(200)).body;
      expect(forReviewer.consensus?.chairId).toBeNull();
    });

    it('flags a review that passed its due date as overdue, in the case and in the reviewer’s counts', async () => {
      await act('B', 'submit_review', reviewer(expert(1)), hundred(15, 20, 15, 10, 10)).expect(200);
      await act('B', 'submit_review', reviewer(expert(2)), hundred(14, 21, 14, 11, 10)).expect(200);
      const before: ProgressBody = (await progress('district-review').expect(200)).body;
      expect(before.totals).toMatchObject({
        assignments: 9,
        submitted: 8,
        due: 1,
        overdue: 0,
        overdueCases: 0,
      });
      expect(before.cases.find((entry) => entry.applicationId === cases.B.id)).toMatchObject({
        dueAt: districtDeadline,
        overdue: false,
      });

      // The third reviewer of B lets the due date pass; the pool has no alternate, so the assignment stays expired.
      const after = await eventually(async () => {
        const body: ProgressBody = (await progress('district-review').expect(200)).body;
        const b = body.cases.find((entry) => entry.applicationId === cases.B.id)!;
        return b.reviewers.some((line) => line.status === 'expired') ? body : undefined;
      }, 40_000);
      const b = after.cases.find((entry) => entry.applicationId === cases.B.id)!;
      expect(b.overdue).toBe(true);
      expect(b.reviewers.map(({ reviewerId, status, overdue }) => [reviewerId, status, overdue])).toEqual([
        [expert(1), 'submitted', false],
        [expert(2), 'submitted', false],
        [expert(3), 'expired', true],
      ]);
      expect(
        after.cases.filter((entry) => entry.overdue).map((entry) => nameOf(entry.applicationId)),
      ).toEqual(['B']);
      expect(after.reviewers.find((line) => line.reviewerId === expert(3))).toEqual({
        reviewerId: expert(3),
        assigned: 3,
        done: 2,
        due: 0,
        overdue: 1,
        recused: 0,
      });
      expect(after.totals).toMatchObject({ submitted: 8, due: 0, overdue: 1, expired: 1, overdueCases: 1 });
      expect((await queue(expert(3)).expect(200)).body.items).toEqual([]);
    }, 60_000);

    it('ranks on the consensus where a chair recorded one, else on the mean', async () => {
      const open = await ranking('district-review');
      expect(
        open.entries.map((entry) => [nameOf(entry.applicationId), entry.rank, entry.basis, entry.score]),
      ).toEqual([
        ['D', 1, 'consensus', 84],
        ['A', 2, 'mean', 82.33],
        ['B', 3, 'mean', 70],
      ]);
      expect(open.entries[1].separation).toMatchObject({ fromApplicationId: cases.D.id, decidedBy: 'total' });
      // The 100-point sheet has no thresholds; the stage advances everyone at 60 points or more.
      expect(open.entries.map((entry) => [entry.thresholds, entry.meetsAdvancementRule])).toEqual([
        [[], true],
        [[], true],
        [[], true],
      ]);

      await programAction('close', 'district-review').expect(200);
      await waitForProgramStage('decision');
      const closed = await ranking('district-review');
      expect(closed.stageStatus).toBe('closed');
      expect(closed.entries.map((entry) => entry.outcome?.outcome)).toEqual([
        'advanced',
        'advanced',
        'advanced',
      ]);
    }, 60_000);

    it('keeps who applied out of a reviewer’s past reviews of a blind stage', async () => {
      await waitForStage('B', 'decision');
      const response = await pastReviews(expert(1)).expect(200);
      const items: PastReviewBody[] = response.body;
      expect(items.map((item) => [nameOf(item.applicationId), item.total, item.maxTotal])).toEqual([
        ['B', 70, 100],
        ['D', 90, 100],
        ['A', 90, 100],
      ]);
      for (const item of items) {
        expect(item).toMatchObject({ blind: true, stageKey: 'district-review' });
        expect(item.proposal.withheld).toEqual(['organizationId', 'organizationName', 'street', 'community']);
        for (const property of item.proposal.withheld) expect(item.proposal).not.toHaveProperty(property);
        expect(item.criteria.map((criterion) => criterion.id)).toEqual([
          'necessity',
          'feasibility',
          'teamCapacity',
          'budgetReasonableness',
          'socialBenefit',
        ]);
      }
      expect(items[0].current).toMatchObject({ stageKey: 'decision', terminal: null });
      for (const name of ['A', 'B', 'D'] as const) {
        expect(response.text).not.toContain(cases[name].organizationId);
        expect(response.text).not.toContain(cases[name].organizationName);
        expect(response.text).not.toContain(cases[name].street);
      }
    });
  });

  describe('the decision', () => {
    it('shows the ranking the awards follow, then each case’s award or reserve-list place and why', async () => {
      const open = await ranking('decision');
      expect(open.tieBreaks).toEqual(['eligibility', 'total', 'lowerRequestedAmount', 'caseId']);
      expect(
        open.entries.map((entry) => [
          nameOf(entry.applicationId),
          entry.rank,
          entry.score,
          entry.scoredInStage,
          entry.allocation,
        ]),
      ).toEqual([
        ['D', 1, 84, 'district-review', null],
        ['A', 2, 82.33, 'district-review', null],
        ['B', 3, 70, 'district-review', null],
      ]);

      await programAction('close', 'decision').expect(200);
      const proposed = await eventually(async () => {
        const body = await ranking('decision');
        return body.entries.every((entry) => entry.allocation) ? body : undefined;
      });
      expect(proposed.entries.map((entry) => entry.allocation?.status)).toEqual([
        'proposed',
        'proposed',
        'proposed',
      ]);

      await programAction('confirm-awards', 'decision', { reason: '经区级联席会议确认' }).expect(200);
      await waitForStage('B', 'declined');
      const confirmed = await eventually(async () => {
        const body = await ranking('decision');
        return body.entries.every((entry) => entry.outcome) ? body : undefined;
      });
      expect(
        confirmed.entries.map((entry) => {
          const { status, outcome, tier, amountFen, partial, reservePosition, reason } = entry.allocation!;
          return [
            nameOf(entry.applicationId),
            entry.outcome?.recordedRank,
            status,
            outcome,
            tier,
            amountFen,
            partial,
            reservePosition,
            reason,
          ];
        }),
      ).toEqual([
        // ¥25,000 in key funding leaves ¥15,000: at least half of A's ¥20,000 shortlist cap, so A gets it in
        // part, and nothing is left for B, first on the reserve list.
        ['D', 1, 'confirmed', 'awarded', 'key_funding', 2_500_000, false, null, null],
        ['A', 2, 'confirmed', 'awarded', 'shortlist', 1_500_000, true, null, null],
        ['B', 3, 'confirmed', 'declined', null, null, false, 1, 'budget'],
      ]);
      expect(confirmed.entries[2].allocation?.reasonText).toContain('备选名单第 1 位');
    }, 90_000);

    it('proposes the awards without a category minimum no allocation can meet, and shows why in figures', async () => {
      const program = (await signedIn(stack.server).get(`/api/programs/${programId}`).expect(200)).body;
      expect(program.categoryQuotas).toEqual([{ category: 'culture', minCount: 1 }]);
      const timeline = (await signedIn(stack.server).get(`/api/programs/${programId}/timeline`).expect(200))
        .body as {
        action: string;
        stageKey: string | null;
        actorId: string;
        data: Record<string, unknown>;
      }[];
      const unreachable = timeline.filter((event) => event.action === 'quota_minimums_unreachable');
      expect(unreachable).toHaveLength(1);
      expect(unreachable[0]).toMatchObject({
        stageKey: 'decision',
        actorId: 'program',
        data: {
          explanation: {
            reasons: ['too_few_eligible_candidates'],
            budgetFen: 4_000_000,
            minimumAwards: 1,
            cheapestMinimumsFen: null,
            categories: [{ category: 'culture', minCount: 1, eligibleCandidates: 0, cheapestFen: null }],
          },
        },
      });
      const message = unreachable[0].data.message as string;
      expect(message).toContain('culture: min 1, eligible 0');
      // The proposal was still made (the awards above followed it), and it carries the same finding.
      const proposed = timeline.find((event) => event.action === 'awards_proposed');
      expect(proposed?.data).toMatchObject({ proposed: 3, awarded: 2, minimumsUnreachable: message });
      const lines = (
        await signedIn(stack.server)
          .get(`/api/programs/${programId}/stages/decision/award-proposal`)
          .expect(200)
      ).body as { applicationId: string; outcome: string }[];
      expect(lines.map((line) => [nameOf(line.applicationId), line.outcome])).toEqual([
        ['D', 'awarded'],
        ['A', 'awarded'],
        ['B', 'declined'],
      ]);
    });

    it('refuses category quotas the template rules do not allow, field by field', async () => {
      const draft = await signedIn(stack.server)
        .post('/api/programs')
        .send({
          name: '配额校验',
          templateKey: 'grant-competition',
          budgetFen: 1_000_000,
          submissionClosesAt: new Date(Date.now() + 3_600_000).toISOString(),
          testSized: true,
        })
        .expect(201);
      const refused = await signedIn(stack.server)
        .patch(`/api/programs/${draft.body.id}`)
        .set('Accept-Language', 'en')
        .send({
          categoryQuotas: [
            { category: 'astronomy', minCount: -1 },
            { category: 'youth', minCount: 3, maxCount: 2 },
            { category: 'youth', maxAmountFen: 100 },
          ],
        })
        .expect(422);
      expect(
        refused.body.errors
          .map((error: { field: string; code: string }) => `${error.field}:${error.code}`)
          .sort(),
      ).toEqual(['categoryQuotas.0.category:isIn', 'categoryQuotas.0.minCount:min']);
      const rules = await signedIn(stack.server)
        .patch(`/api/programs/${draft.body.id}`)
        .set('Accept-Language', 'en')
        .send({
          categoryQuotas: [
            { category: 'youth', minCount: 3, maxCount: 2 },
            { category: 'youth', maxAmountFen: 100 },
          ],
        })
        .expect(422);
      expect(
        rules.body.errors
          .map((error: { field: string; code: string }) => `${error.field}:${error.code}`)
          .sort(),
      ).toEqual([
        'categoryQuotas.0.minCount:quota_min_above_max',
        'categoryQuotas.1.category:duplicate_category_quota',
      ]);
      const saved = await signedIn(stack.server)
        .patch(`/api/programs/${draft.body.id}`)
        .send({ categoryQuotas: [{ category: 'youth', minCount: 1, maxCount: 2 }] })
        .expect(200);
      expect(saved.body.categoryQuotas).toEqual([{ category: 'youth', minCount: 1, maxCount: 2 }]);
    });
  });
});
