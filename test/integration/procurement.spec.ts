import { caseStateQuery, caseWorkflowId, programWorkflowId } from '@grantflow/contracts';
import { ApplicationEntity } from '@grantflow/db';
import { chinaLocalDate, STANDARD_PAYMENT_MILESTONES } from '@grantflow/domain';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createOrganization, createPublishedProgram, eventually, uploadDocument } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startStack, type TestStack } from '../support/stack';
import { actorHeaders, signedIn } from '../support/auth';
import { validateOcdsReleasePackage } from '../support/open-data-schemas';

// A small purchase of services (政府购买服务) by competitive consultation on the test-sized government-procurement
// template: four sealed bids, one failing qualification, a committee of three scoring the technical sheet, the
// price formula deciding the ranking, the purchasing department confirming the award, a challenge, the contract
// signed by both sides, two tranches paid and a failing final evaluation ending the contract; the OCDS open data
// checked against the pinned schema along the way; against the real Temporal server and Postgres.

const STREET = '紫阳街道';
const EXPERTS = ['p-expert-1', 'p-expert-2', 'p-expert-3'];
const YUAN = 100;

const purchaser = actorHeaders({ userId: 'civil-affairs-1', roles: ['purchaser'] });
const admin = actorHeaders({ userId: 'admin-1', roles: ['admin', 'coordinator:district'] });
const expert = (id: string) => actorHeaders({ userId: id, roles: ['reviewer'] });
const evaluator = actorHeaders({ userId: 'p-evaluator-1', roles: ['evaluator'] });

const settings = {
  method: 'competitive_consultation',
  // ¥500,000 ceiling.
  budgetCeilingFen: 500_000 * YUAN,
  priceWeightPercent: 20,
  minValidBids: 3,
  tenderPeriodWorkingDays: 10,
  confirmationWorkingDays: 3,
  committee: { size: 3, experts: 2 },
  paymentMilestones: [...STANDARD_PAYMENT_MILESTONES],
};

// A technical sheet adding up to `total` of 100: full marks but for the service plan.
const sheet = (total: number) => ({
  scores: {
    servicePlan: 30 - (100 - total),
    teamQualifications: 25,
    trackRecord: 20,
    qualityAssurance: 15,
    communityKnowledge: 10,
  },
});

interface OcdsRelease {
  tag: string[];
  tender?: Record<string, unknown>;
  awards?: Record<string, unknown>[];
  contracts?: Record<string, unknown>[];
}

interface Bid {
  name: string;
  id: string;
  organizationId: string;
  priceFen: number;
  technical: number;
}

describe('a purchase of services from tender to award, contract and delivery', () => {
  let stack: TestStack;
  let programId: string;
  const bids: Record<string, Bid> = {};

  beforeAll(async () => {
    stack = await startStack();
    for (const id of EXPERTS) {
      // The expert registry (专家库) is kept by the district, not by the purchasing department.
      await signedIn(stack.server, admin)
        .post('/api/experts')
        .send({ id, name: `评审专家${id}`, expertise: ['elderly'], level: 'district', maxLoadPerProgram: 20 })
        .expect(201);
    }
  });
  afterAll(() => stack?.close());

  const bidder = (bid: Bid) =>
    actorHeaders({ userId: `user-${bid.name}`, organizationId: bid.organizationId });
  const act = (bid: Bid, action: string, headers: Record<string, string>, body: object = {}) =>
    signedIn(stack.server, purchaser)
      .post(`/api/applications/${bid.id}/actions/${action}`)
      .set(headers)
      .send(body);
  const read = async (bid: Bid) =>
    (await signedIn(stack.server, purchaser).get(`/api/applications/${bid.id}`).set(bidder(bid)).expect(200))
      .body;
  const timeline = async (bid: Bid) =>
    (await signedIn(stack.server, purchaser).get(`/api/applications/${bid.id}/timeline`).expect(200))
      .body as {
      action: string;
      toStage: string;
      data: Record<string, unknown> | null;
    }[];
  const waitForStage = (bid: Bid, stage: string) =>
    eventually(async () => ((await read(bid)).stage === stage ? true : undefined), 30_000);
  const programAction = (action: 'close' | 'extend', stageKey: string, body: object = {}) =>
    signedIn(stack.server, purchaser)
      .post(`/api/programs/${programId}/stages/${stageKey}/${action}`)
      .set(purchaser)
      .send(body);
  // The OCDS package as anyone reads it, without signing in; it must always validate against the pinned schema.
  const ocds = async () => {
    const response = await request(stack.server)
      .get(`/api/public/programs/${programId}/ocds.json`)
      .expect(200);
    const check = validateOcdsReleasePackage(response.body);
    expect(check.errors).toEqual([]);
    return response.body as { releases: OcdsRelease[] };
  };
  const waitForProgramStage = (stageKey: string | null) =>
    eventually(async () => {
      const program = (await signedIn(stack.server, purchaser).get(`/api/programs/${programId}`).expect(200))
        .body;
      return program.currentStage === stageKey ? program : undefined;
    }, 30_000);

  it('refuses procurement settings that break the rules, naming the fields', async () => {
    const response = await signedIn(stack.server, purchaser)
      .post('/api/programs')
      .send({
        name: '2026年社区居家养老服务采购',
        templateKey: 'government-procurement',
        budgetFen: settings.budgetCeilingFen,
        testSized: true,
        procurement: { ...settings, priceWeightPercent: 35, committee: { size: 4, experts: 2 } },
      })
      .expect(422);
    expect(
      response.body.errors.map((error: { field: string; code: string }) => [error.field, error.code]),
    ).toEqual([
      ['procurement.priceWeightPercent', 'price_weight_out_of_range'],
      ['procurement.committee.size', 'committee_size_even'],
      ['procurement.committee.size.experts', 'too_few_experts'],
    ]);
    const english = await signedIn(stack.server, purchaser)
      .post('/api/programs')
      .set('Accept-Language', 'en')
      .send({ name: 'x', templateKey: 'government-procurement', budgetFen: 100, testSized: true })
      .expect(422);
    expect(english.body.errors[0]).toMatchObject({ field: 'procurement', code: 'required' });
  });

  it('takes sealed bids, returns them to draft on an amendment, and lets nobody else read them before the opening', async () => {
    const created = await signedIn(stack.server, purchaser)
      .post('/api/programs')
      .send({
        name: '2026年社区居家养老服务采购',
        templateKey: 'government-procurement',
        budgetFen: settings.budgetCeilingFen,
        submissionClosesAt: new Date(Date.now() + 15_000).toISOString(),
        testSized: true,
        procurement: settings,
      })
      .expect(201);
    programId = created.body.id;
    await signedIn(stack.server, purchaser)
      .patch(`/api/programs/${programId}`)
      .send({ reviewerPools: { 'committee-evaluation': EXPERTS } })
      .expect(200);
    const budget = await signedIn(stack.server, purchaser)
      .patch(`/api/programs/${programId}`)
      .send({ budgetFen: settings.budgetCeilingFen + 1 })
      .expect(422);
    expect(budget.body.errors[0]).toMatchObject({ field: 'budgetFen', code: 'invalid_amount' });
    // A draft is not published: to the public it does not exist.
    await request(stack.server).get(`/api/public/programs/${programId}/ocds.json`).expect(404);
    await signedIn(stack.server, purchaser).post(`/api/programs/${programId}/publish`).expect(200);
    const noticed = await eventually(async () => {
      const response = await request(stack.server).get(`/api/public/programs/${programId}/ocds.json`);
      return response.status === 200 ? response.body : undefined;
    });
    expect(validateOcdsReleasePackage(noticed).errors).toEqual([]);
    expect(noticed.releases.map((release: { tag: string[] }) => release.tag)).toEqual([['tender']]);
    expect(noticed.releases[0].tender).toMatchObject({
      title: '2026年社区居家养老服务采购',
      value: { amount: 500_000, currency: 'CNY' },
      procurementMethod: 'selective',
    });

    const offers: [string, number, number][] = [
      ['B1', 400_000 * YUAN, 90],
      ['B2', 450_000 * YUAN, 95],
      ['B3', 380_000 * YUAN, 80],
      ['B4', 300_000 * YUAN, 99],
    ];
    for (const [name, priceFen, technical] of offers) {
      const organizationId = await createOrganization(stack.server, STREET, `${STREET}社会工作服务社${name}`);
      const draft = await signedIn(stack.server, actorHeaders({ userId: `user-${name}`, organizationId }))
        .post('/api/applications')
        .send({
          programId,
          organizationId,
          title: `居家养老服务投标 ${name}`,
          category: 'elderly',
          street: STREET,
          requestedAmountFen: priceFen,
          form: {
            bidAmount: priceFen,
            servicePlan: '为辖区 300 位居家老人提供助餐、助洁、助浴服务。',
            team: '持证社工 6 名，护理员 12 名。',
            bidDocument: [await uploadDocument(stack.server, organizationId, '响应文件.pdf')],
            qualificationDocuments: [await uploadDocument(stack.server, organizationId, '登记证书.pdf')],
          },
        })
        .expect(201);
      bids[name] = { name, id: draft.body.id, organizationId, priceFen, technical };
    }
    for (const bid of Object.values(bids)) {
      await signedIn(stack.server, purchaser)
        .post(`/api/applications/${bid.id}/submit`)
        .set(bidder(bid))
        .expect(200);
    }

    // The department amends the documents and moves the deadline: every submitted bid goes back to draft and
    // its bidder is told; a bidder may not amend.
    const amend = (headers: Record<string, string>) =>
      signedIn(stack.server, purchaser)
        .post(`/api/programs/${programId}/stages/tender/amend`)
        .set(headers)
        .send({ reason: '服务范围增加清波街道两个社区', until: new Date(Date.now() + 20_000).toISOString() });
    expect((await amend(bidder(bids.B1)).expect(403)).body.code).toBe('route_not_allowed');
    await amend(purchaser).expect(200);
    for (const bid of Object.values(bids)) {
      await eventually(async () => ((await read(bid)).phase === 'draft' ? true : undefined));
      expect((await timeline(bid)).at(-1)).toMatchObject({
        action: 'call_amended',
        data: { amendmentId: 'amendment-1', returnedToDraft: true },
      });
      const told = await eventually(async () => {
        const { items } = (
          await signedIn(stack.server, bidder(bid))
            .get('/api/notifications')
            .query({ recipientKind: 'organization', recipientId: bid.organizationId })
            .expect(200)
        ).body as { items: { kind: string; title: string }[] };
        return items.find((item) => item.kind === 'call_amended');
      });
      expect(told.title).toBe('招标（征集）文件已修改');
      await signedIn(stack.server, purchaser)
        .post(`/api/applications/${bid.id}/submit`)
        .set(bidder(bid))
        .expect(200);
      expect((await read(bid)).phase).toBe('submitted');
    }

    // Before the deadline a bidder may replace its sealed bid with a new version; nobody else may.
    const replace = (bid: Bid, headers: Record<string, string>) =>
      signedIn(stack.server, purchaser)
        .post(`/api/applications/${bid.id}/replace`)
        .set(headers)
        .send({ form: { servicePlan: '为辖区 300 位居家老人提供助餐、助洁、助浴服务（修订版）。' } });
    expect((await replace(bids.B3, bidder(bids.B1)).expect(403)).body.code).toBe('not_applicant');
    const before = (await read(bids.B3)).revision as number;
    const replaced = await replace(bids.B3, bidder(bids.B3)).expect(200);
    expect(replaced.body).toMatchObject({ phase: 'submitted', revision: before + 1 });
    expect((await timeline(bids.B3)).at(-1)).toMatchObject({
      action: 'submit',
      data: { revision: before + 1, replaced: before },
    });

    // Before the opening the purchasing department and an administrator are refused; to a rival bidder the bid
    // does not exist at all.
    for (const headers of [purchaser, admin]) {
      const refused = await signedIn(stack.server, purchaser)
        .get(`/api/applications/${bids.B1.id}`)
        .set(headers)
        .expect(403);
      expect(refused.body.code).toBe('sealed_until_opening');
    }
    await signedIn(stack.server, bidder(bids.B2)).get(`/api/applications/${bids.B1.id}`).expect(404);
    expect((await read(bids.B1)).form.bidAmount).toBe(400_000 * YUAN);
    // The list shows that four bids came in, but neither their documents nor their prices.
    const listed = (
      await signedIn(stack.server, purchaser)
        .get(`/api/programs/${programId}/applications`)
        .set(purchaser)
        .expect(200)
    ).body as { form: object; requestedAmountFen: number }[];
    expect(listed.map((bid) => [bid.form, bid.requestedAmountFen])).toEqual(Array(4).fill([{}, 0]));
    // Nor does the open data say anything of the bids before the opening: not their number, not a price.
    const sealed = await ocds();
    expect(sealed.releases.map((release) => release.tag)).toEqual([['tender'], ['tenderAmendment']]);
    const sealedText = JSON.stringify(sealed);
    expect(sealedText).not.toContain('numberOfTenderers');
    for (const bid of Object.values(bids)) {
      expect(sealedText).not.toContain(bid.organizationId);
      expect(sealedText).not.toContain(String(bid.priceFen / 100));
    }
    expect(sealedText).not.toMatch(/user-|civil-affairs/);

    // The window closes on time: the bids are opened and go to qualification.
    await waitForProgramStage('opening-qualification');
    for (const bid of Object.values(bids)) await waitForStage(bid, 'opening-qualification');
    const opened = await signedIn(stack.server, purchaser)
      .get(`/api/applications/${bids.B1.id}`)
      .set(purchaser)
      .expect(200);
    expect(opened.body.requestedAmountFen).toBe(400_000 * YUAN);
    const afterOpening = await ocds();
    expect(afterOpening.releases.every((release) => !release.awards)).toBe(true);
  }, 60_000);

  it('qualifies three bids and fails one, as the purchasing department', async () => {
    for (const name of ['B1', 'B2', 'B3']) {
      await act(bids[name], 'screen', purchaser, {
        decision: 'eligible',
        checks: { 'qualified-supplier': true, 'within-ceiling': true },
      }).expect(200);
    }
    await act(bids.B4, 'screen', purchaser, {
      decision: 'ineligible',
      checks: { 'qualified-supplier': false },
      reason: '未按规定提供社会组织登记证书',
    }).expect(200);
    expect(await read(bids.B4)).toMatchObject({ stage: 'ineligible', terminal: 'ineligible' });
    await programAction('close', 'opening-qualification').expect(200);
    await waitForProgramStage('committee-evaluation');
  }, 60_000);

  it('ranks on technical + price score: lowest valid bid ÷ bid × 100 × weight', async () => {
    // The committee has time to score every bid.
    await programAction('extend', 'committee-evaluation', {
      until: new Date(Date.now() + 60_000).toISOString(),
    }).expect(200);
    for (const name of ['B1', 'B2', 'B3']) {
      const bid = bids[name];
      const assigned = await eventually(async () => {
        const ids = (await timeline(bid))
          .filter((entry) => entry.action === 'reviewers_assigned')
          .flatMap((entry) => entry.data!.reviewerIds as string[]);
        return ids.length === 3 ? ids : undefined;
      });
      expect([...assigned].sort()).toEqual(EXPERTS);
      for (const id of assigned)
        await act(bid, 'submit_review', expert(id), sheet(bid.technical)).expect(200);
    }
    await programAction('close', 'committee-evaluation').expect(200);
    await waitForProgramStage('award');

    const ranking = Object.fromEntries(
      await Promise.all(
        ['B1', 'B2', 'B3'].map(async (name) => {
          const outcome = (await timeline(bids[name])).find((entry) => entry.action === 'stage_outcome');
          return [name, outcome?.data];
        }),
      ),
    );
    // Technical part = sheet × 80 %; price part = ¥380,000 ÷ bid × 100 × 20 %.
    expect(ranking.B2).toMatchObject({ rank: 1, technicalScore: 76, priceScore: 16.89, score: 92.89 });
    expect(ranking.B1).toMatchObject({ rank: 2, technicalScore: 72, priceScore: 19, score: 91 });
    expect(ranking.B3).toMatchObject({ rank: 3, technicalScore: 64, priceScore: 20, score: 84 });
    // The staff's ranking view agrees with the program's ranking step.
    const view = (
      await signedIn(stack.server, purchaser)
        .get(`/api/programs/${programId}/stages/committee-evaluation/ranking`)
        .set(admin)
        .expect(200)
    ).body as { entries: { applicationId: string; score: number; criteria: Record<string, number> }[] };
    expect(view.entries.map((entry) => [entry.applicationId, entry.score, entry.criteria.price])).toEqual([
      [bids.B2.id, 92.89, 16.89],
      [bids.B1.id, 91, 19],
      [bids.B3.id, 84, 20],
    ]);
  }, 90_000);

  it('recommends the best comprehensive score; the department picks the next ranked with a reason and confirms', async () => {
    await programAction('close', 'award').expect(200);
    const proposalLines = async () =>
      (
        await signedIn(stack.server, purchaser)
          .get(`/api/programs/${programId}/stages/award/award-proposal`)
          .expect(200)
      ).body as { applicationId: string; outcome: string; score: number; amountFen: number | null }[];
    const proposal = await eventually(async () => {
      const lines = await proposalLines();
      return lines.length === 3 ? lines : undefined;
    });
    expect(proposal.map((line) => [line.applicationId, line.outcome, line.score])).toEqual([
      [bids.B2.id, 'awarded', 92.89],
      [bids.B1.id, 'declined', 91],
      [bids.B3.id, 'declined', 84],
    ]);

    // The recommended bidder withdraws from the award: the department takes the next ranked, saying why.
    const pickNext = (headers: Record<string, string>, body: object) =>
      signedIn(stack.server, purchaser)
        .post(`/api/programs/${programId}/stages/award/award-proposal/pick-next`)
        .set(headers)
        .send(body);
    expect((await pickNext(bidder(bids.B1), { reason: '我方更好' }).expect(403)).body.code).toBe(
      'route_not_allowed',
    );
    const noReason = await pickNext(purchaser, {}).expect(422);
    expect(noReason.body.errors.map((error: { field: string }) => error.field)).toContain('reason');
    const picked = (await pickNext(purchaser, { reason: '第一中标候选人书面放弃中标' }).expect(200)).body as {
      applicationId: string;
      outcome: string;
      amountFen: number | null;
    }[];
    expect(picked.map((line) => [line.applicationId, line.outcome, line.amountFen])).toEqual([
      [bids.B2.id, 'declined', null],
      [bids.B1.id, 'awarded', 400_000 * YUAN],
      [bids.B3.id, 'declined', null],
    ]);

    const bidderConfirms = await signedIn(stack.server, purchaser)
      .post(`/api/programs/${programId}/stages/award/confirm-awards`)
      .set(bidder(bids.B1))
      .send({})
      .expect(403);
    expect(bidderConfirms.body.code).toBe('route_not_allowed');
    await signedIn(stack.server, purchaser)
      .post(`/api/programs/${programId}/stages/award/confirm-awards`)
      .set(purchaser)
      .send({ reason: '采购人确认评审结果' })
      .expect(200);
    // The 1-working-day award notice is 2 seconds long here, so the award is read wherever the bid is now.
    const awarded = await eventually(async () => {
      const bid = await read(bids.B1);
      return bid.awardedFen !== null ? bid : undefined;
    });
    expect(awarded).toMatchObject({ awardTier: 'winning-bid', awardedFen: 400_000 * YUAN });
    expect(['result-notice', 'challenge-window']).toContain(awarded.stage);
    // The program tells every bid its outcome; the other two end as declined a moment after the award.
    for (const name of ['B2', 'B3'])
      await eventually(async () => ((await read(bids[name])).terminal === 'declined' ? true : undefined));
    expect((await timeline(bids.B2)).at(-1)).toMatchObject({
      action: 'stage_outcome',
      data: { outcome: 'declined', reason: 'passed_over', rank: 1 },
    });
  }, 60_000);

  it('holds the award while a challenge is open and moves on to the contract once it is answered', async () => {
    await waitForProgramStage('challenge-window');
    await signedIn(stack.server, purchaser)
      .post(`/api/public/applications/${bids.B1.id}/objections`)
      .send({ reason: '质疑：中标人报价低于成本' })
      .expect(200);
    // The window ends with the challenge still open (the program's calendar is done), and the award waits.
    await waitForProgramStage(null);
    expect(await read(bids.B1)).toMatchObject({ stage: 'challenge-window', phase: 'objection_pending' });
    await act(bids.B1, 'resolve_objection', purchaser, {
      objectionId: 'objection-1',
      upheld: false,
      reason: '经核查报价构成合理',
    }).expect(200);
    await waitForStage(bids.B1, 'contract');

    // The award is open data now, the challenge answered: the notice said pending, the update says active.
    const awardedPackage = await ocds();
    expect(awardedPackage.releases.map((release) => release.tag)).toEqual([
      ['tender'],
      ['tenderAmendment'],
      ['award'],
      ['awardUpdate'],
    ]);
    expect(awardedPackage.releases[2].tender).toMatchObject({ numberOfTenderers: 4 });
    expect(awardedPackage.releases[2].awards).toEqual([
      expect.objectContaining({
        status: 'pending',
        value: { amount: 400_000, currency: 'CNY' },
        suppliers: [{ id: bids.B1.organizationId, name: `${STREET}社会工作服务社B1` }],
      }),
    ]);
    expect(awardedPackage.releases[3].awards).toEqual([expect.objectContaining({ status: 'active' })]);
    // Only the awarded bid's organization is named; no losing bid, no bid content, no person.
    const awardedText = JSON.stringify(awardedPackage);
    for (const name of ['B2', 'B3', 'B4']) expect(awardedText).not.toContain(bids[name].organizationId);
    expect(awardedText).not.toContain('servicePlan');
    expect(awardedText).not.toMatch(/user-|civil-affairs/);

    // `RECORD_HISTORIES_DIR=<scratch dir> npx jest procurement` records the histories; copy only new files into
    // test/replay/histories, since the recorded ones must stay as running cases of their generation made them.
    await recordHistory(programWorkflowId(programId), 'v4-program-procurement.json');
    await recordHistory(caseWorkflowId(bids.B1.id), 'v4-case-procurement-challenged-to-contract.json');
    await recordHistory(caseWorkflowId(bids.B2.id), 'v4-case-procurement-passed-over.json');
    await recordHistory(caseWorkflowId(bids.B4.id), 'v4-case-procurement-ineligible.json');
  }, 60_000);

  it('signs the contract on both sides, pays two tranches, and terminates on a failing evaluation', async () => {
    const B1 = bids.B1;
    // The template wants both signatures: the provider's alone leaves the contract half signed.
    await act(B1, 'sign_agreement', bidder(B1)).expect(200);
    expect(await read(B1)).toMatchObject({ stage: 'contract', phase: 'partially_signed' });
    expect((await act(B1, 'sign_agreement', bidder(B1)).expect(409)).body.code).toBe('already_signed');
    await act(B1, 'sign_agreement', purchaser).expect(200);
    await waitForStage(B1, 'delivery');

    // Delivery: the first delivery report, once accepted, pays the first tranche (30 % of ¥400,000).
    const unfiled = await act(B1, 'accept_report', purchaser, { reportKey: 'first-delivery' }).expect(409);
    expect(unfiled.body.code).toBe('report_not_submitted');
    for (const reportKey of ['first-delivery', 'midterm-report']) {
      await act(B1, 'submit_report', bidder(B1), { reportKey }).expect(200);
      await act(B1, 'accept_report', purchaser, { reportKey }).expect(200);
    }
    const released = async () =>
      (await timeline(B1))
        .filter((entry) => entry.action === 'tranche_released')
        .map((entry) => [entry.data!.trancheKey, entry.data!.amountFen]);
    expect(await released()).toEqual([['first-delivery', 120_000 * YUAN]]);
    await act(B1, 'record_outcome', purchaser, { outcome: 'completed', reason: '中期前服务交付完成' }).expect(
      200,
    );
    await waitForStage(B1, 'midterm-evaluation');

    // A passing mid-term evaluation (良好) pays the second tranche.
    await act(B1, 'record_evaluation', evaluator, { score: 82 }).expect(200);
    await waitForStage(B1, 'delivery-continued');
    expect(await released()).toEqual([
      ['first-delivery', 120_000 * YUAN],
      ['midterm', 120_000 * YUAN],
    ]);
    await act(B1, 'submit_report', bidder(B1), { reportKey: 'final-report' }).expect(200);
    await act(B1, 'accept_report', purchaser, { reportKey: 'final-report' }).expect(200);
    await act(B1, 'record_outcome', purchaser, { outcome: 'completed', reason: '服务期满' }).expect(200);
    await waitForStage(B1, 'final-evaluation');

    // The final evaluation is 不合格: the contract ends, the last tranche is stopped and the provider barred.
    const failed = await act(B1, 'record_evaluation', evaluator, {
      score: 45,
      reason: '服务质量未达合同约定',
    });
    expect(failed.status).toBe(200);
    const ended = await eventually(async () => {
      const bid = await read(B1);
      return bid.terminal ? bid : undefined;
    }, 30_000);
    expect(ended).toMatchObject({ stage: 'terminated', terminal: 'terminated' });
    const entries = await timeline(B1);
    expect(
      entries.find((entry) => entry.action === 'record_evaluation' && entry.data?.passed === false)?.data,
    ).toMatchObject({ score: 45, grade: 'fail', passed: false });
    expect(entries.find((entry) => entry.action === 'tranches_stopped')?.data).toEqual({
      trancheKeys: ['final'],
      amountFen: 160_000 * YUAN,
    });
    expect(entries.find((entry) => entry.action === 'provider_barred')?.data).toMatchObject({
      organizationId: B1.organizationId,
      grade: '不合格',
    });
    // The purchasing department sees the bar on the provider's profile at next year's qualification.
    const barredFor = async (bid: Bid) =>
      (await signedIn(stack.server, purchaser).get(`/api/organizations/${bid.organizationId}`).expect(200))
        .body.barredForYear as number | null;
    const nextYear = Number(chinaLocalDate(new Date()).slice(0, 4)) + 1;
    expect(await barredFor(B1)).toBe(nextYear);
    expect(await barredFor(bids.B2)).toBeNull();
    expect(await released()).toHaveLength(2);
    expect((await act(B1, 'release_tranche', purchaser, { trancheKey: 'final' }).expect(409)).body.code).toBe(
      'case_ended',
    );

    // The provider and the purchasing department were told.
    const inbox = async (recipientKind: string, recipientId: string, owner: Record<string, string>) =>
      (
        await signedIn(stack.server, owner)
          .get('/api/notifications')
          .query({ recipientKind, recipientId, pageSize: 100 })
          .expect(200)
      ).body.items.map((item: { kind: string }) => item.kind) as string[];
    await eventually(async () => {
      const kinds = await inbox('organization', B1.organizationId, bidder(B1));
      return kinds.filter((kind) => kind === 'tranche_released').length === 2 &&
        kinds.includes('provider_barred')
        ? true
        : undefined;
    });
    expect(
      await eventually(
        async () => (await inbox('role', 'purchaser', purchaser)).includes('provider_barred') || undefined,
      ),
    ).toBe(true);

    // Temporal's case state is what Postgres projected.
    const state = await stack.temporal.workflow.getHandle(caseWorkflowId(B1.id)).query(caseStateQuery);
    const row = await stack.api
      .get(DataSource)
      .getRepository(ApplicationEntity)
      .findOneOrFail({ where: { id: B1.id }, select: { id: true, caseState: true } });
    expect(state).toMatchObject({ stage: 'terminated', sequence: entries.length });
    expect(row.caseState).toEqual(JSON.parse(JSON.stringify(state)));
    expect(state.tranches.map((t: { key: string; status: string }) => [t.key, t.status])).toEqual([
      ['first-delivery', 'released'],
      ['midterm', 'released'],
      ['final', 'stopped'],
    ]);

    // The open data ends with the contract terminated: two payments made, the last milestone not met.
    const paid = await ocds();
    expect(paid.releases.map((release) => release.tag).slice(-2)).toEqual([
      ['contract'],
      ['implementation', 'contractTermination'],
    ]);
    const [contract] = paid.releases.at(-1)!.contracts as {
      status: string;
      implementation: {
        transactions: { value: { amount: number }; payee: { id: string } }[];
        milestones: { id: string; type: string; status: string }[];
      };
    }[];
    expect(contract.status).toBe('terminated');
    expect(contract.implementation.transactions.map((t) => [t.value.amount, t.payee.id])).toEqual([
      [120_000, B1.organizationId],
      [120_000, B1.organizationId],
    ]);
    expect(contract.implementation.milestones.map((m) => [m.id, m.type, m.status])).toEqual([
      ['first-delivery', 'payment', 'met'],
      ['midterm', 'payment', 'met'],
      ['final', 'payment', 'notMet'],
      ['report-first-delivery', 'reporting', 'met'],
      ['report-midterm-report', 'reporting', 'met'],
      ['evaluation-midterm-evaluation', 'assessment', 'met'],
      ['report-final-report', 'reporting', 'met'],
      ['evaluation-final-evaluation', 'assessment', 'notMet'],
    ]);
    expect(contract.implementation.milestones.at(-1)).toMatchObject({ description: '不合格（45 分）' });
    expect(JSON.stringify(paid)).not.toMatch(/user-|civil-affairs|p-evaluator/);
    await recordHistory(caseWorkflowId(B1.id), 'v4-case-procurement-contract-to-terminated.json');
  }, 120_000);

  it('refuses, the year after its failing grade, a bid from the barred provider and takes one from another', async () => {
    // A year passes: the failing grade is moved back a year, so the bar falls on this year.
    await stack.api.get(DataSource).query(
      `UPDATE case_transitions SET occurred_at = occurred_at - interval '1 year'
        WHERE application_id = $1 AND action = 'provider_barred'`,
      [bids.B1.id],
    );
    const nextTender = await signedIn(stack.server, purchaser)
      .post('/api/programs')
      .send({
        name: '2027年社区居家养老服务采购',
        templateKey: 'government-procurement',
        budgetFen: settings.budgetCeilingFen,
        submissionClosesAt: new Date(Date.now() + 3_600_000).toISOString(),
        procurement: settings,
      })
      .expect(201);
    await signedIn(stack.server, purchaser).post(`/api/programs/${nextTender.body.id}/publish`).expect(200);
    const bidFrom = async (bid: Bid, status: number) => {
      const headers = bidder(bid);
      const draft = await signedIn(stack.server, headers)
        .post('/api/applications')
        .send({
          programId: nextTender.body.id,
          organizationId: bid.organizationId,
          title: `居家养老服务投标 ${bid.name}`,
          category: 'elderly',
          street: STREET,
          requestedAmountFen: 300_000 * YUAN,
          form: {
            bidAmount: 300_000 * YUAN,
            servicePlan: '为辖区 300 位居家老人提供助餐服务。',
            team: '持证社工 6 名。',
            bidDocument: [await uploadDocument(stack.server, bid.organizationId, '响应文件.pdf')],
            qualificationDocuments: [await uploadDocument(stack.server, bid.organizationId, '登记证书.pdf')],
          },
        })
        .expect(201);
      return signedIn(stack.server, headers).post(`/api/applications/${draft.body.id}/submit`).expect(status);
    };
    const thisYear = chinaLocalDate(new Date()).slice(0, 4);
    const refused = await bidFrom(bids.B1, 409);
    expect(refused.body).toMatchObject({ code: 'provider_barred' });
    expect(refused.body.detail).toContain(`${thisYear}年内不得参加政府购买服务`);
    await bidFrom(bids.B2, 200);
  });
});

describe('a purchase of services with too few valid bids', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('ends the tender as unsuccessful (流标) when qualification leaves fewer than the minimum', async () => {
    const created = await signedIn(stack.server, purchaser)
      .post('/api/programs')
      .send({
        name: '2026年助残服务采购',
        templateKey: 'government-procurement',
        budgetFen: settings.budgetCeilingFen,
        submissionClosesAt: new Date(Date.now() + 8_000).toISOString(),
        testSized: true,
        procurement: settings,
      })
      .expect(201);
    const programId = created.body.id;
    await signedIn(stack.server, purchaser).post(`/api/programs/${programId}/publish`).expect(200);
    const submitted: { id: string; organizationId: string }[] = [];
    for (const name of ['C1', 'C2', 'C3']) {
      const organizationId = await createOrganization(stack.server, STREET, `${STREET}助残服务中心${name}`);
      const draft = await signedIn(
        stack.server,
        actorHeaders({ userId: `bidder-${organizationId}`, organizationId }),
      )
        .post('/api/applications')
        .send({
          programId,
          organizationId,
          title: `助残服务投标 ${name}`,
          category: 'disability_hardship',
          street: STREET,
          requestedAmountFen: 200_000 * YUAN,
          form: {
            bidAmount: 200_000 * YUAN,
            servicePlan: '为辖区残疾人提供康复训练与就业辅导。',
            team: '康复师 3 名。',
            bidDocument: [await uploadDocument(stack.server, organizationId, '响应文件.pdf')],
            qualificationDocuments: [await uploadDocument(stack.server, organizationId, '登记证书.pdf')],
          },
        })
        .expect(201);
      await signedIn(stack.server, purchaser)
        .post(`/api/applications/${draft.body.id}/submit`)
        .set(actorHeaders({ userId: `bidder-${organizationId}`, organizationId }))
        .expect(200);
      submitted.push({ id: draft.body.id, organizationId });
    }
    // Read as the purchasing department once the bids are open; before that only a bidder reads its own.
    const stageOf = async (id: string) =>
      (
        await signedIn(stack.server, purchaser)
          .get(`/api/applications/${id}`)
          .set(
            actorHeaders({
              userId: `bidder-${id}`,
              organizationId: submitted.find((bid) => bid.id === id)!.organizationId,
            }),
          )
          .expect(200)
      ).body;
    await eventually(
      async () => ((await stageOf(submitted[0].id)).stage === 'opening-qualification' ? true : undefined),
      30_000,
    );
    // Qualification lasts seconds here: the department keeps it open while it qualifies, then closes it.
    await eventually(async () => {
      const program = await signedIn(stack.server, purchaser).get(`/api/programs/${programId}`).expect(200);
      return program.body.currentStage === 'opening-qualification' ? true : undefined;
    }, 30_000);
    await signedIn(stack.server, purchaser)
      .post(`/api/programs/${programId}/stages/opening-qualification/extend`)
      .send({ until: new Date(Date.now() + 120_000).toISOString() })
      .expect(200);

    // Three bids came in, but one fails qualification: two valid bids are fewer than the minimum of three.
    const [first, second, third] = submitted;
    for (const bid of [first, second]) {
      await signedIn(stack.server, purchaser)
        .post(`/api/applications/${bid.id}/actions/screen`)
        .set(purchaser)
        .send({ decision: 'eligible' })
        .expect(200);
    }
    await signedIn(stack.server, purchaser)
      .post(`/api/applications/${third.id}/actions/screen`)
      .set(purchaser)
      .send({ decision: 'ineligible', reason: '报价文件未盖章' })
      .expect(200);
    await signedIn(stack.server, purchaser)
      .post(`/api/programs/${programId}/stages/opening-qualification/close`)
      .set(purchaser)
      .send({})
      .expect(200);

    for (const bid of [first, second]) {
      const ended = await eventually(async () => {
        const application = await stageOf(bid.id);
        return application.terminal ? application : undefined;
      }, 30_000);
      expect(ended).toMatchObject({ stage: 'unsuccessful', terminal: 'unsuccessful' });
      const last = (
        await signedIn(stack.server, purchaser).get(`/api/applications/${bid.id}/timeline`).expect(200)
      ).body.at(-1);
      expect(last).toMatchObject({ action: 'stage_outcome', data: { eligible: 2, minEligible: 3 } });
    }
    expect(await stageOf(third.id)).toMatchObject({ terminal: 'ineligible' });
    const program = await eventually(async () => {
      const current = (await signedIn(stack.server, purchaser).get(`/api/programs/${programId}`).expect(200))
        .body;
      return current.status === 'finalized' ? current : undefined;
    }, 30_000);
    expect(program.currentStage).toBeNull();
    // The open data says the tender ended unsuccessful, with the three bids counted and nobody awarded.
    const published = await request(stack.server)
      .get(`/api/public/programs/${programId}/ocds.json`)
      .expect(200);
    expect(validateOcdsReleasePackage(published.body).errors).toEqual([]);
    const releases = published.body.releases as OcdsRelease[];
    expect(releases.map((release) => release.tag)).toEqual([['tender'], ['tenderUpdate']]);
    expect(releases[1].tender).toMatchObject({ status: 'unsuccessful', numberOfTenderers: 3 });

    // A grant program has no OCDS package, nor has an unknown program.
    const grantProgram = await createPublishedProgram(stack.server, { testSized: true });
    await request(stack.server).get(`/api/public/programs/${grantProgram}/ocds.json`).expect(404);
    await request(stack.server).get(`/api/public/programs/not-an-id/ocds.json`).expect(404);
    await recordHistory(programWorkflowId(programId), 'v4-program-procurement-unsuccessful.json');
    await recordHistory(caseWorkflowId(first.id), 'v4-case-procurement-unsuccessful.json');
  }, 90_000);
});
