import { caseStateQuery, caseWorkflowId } from '@grantflow/contracts';
import { createOrganization, eventually } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';
import { actorHeaders, signedIn } from '../support/auth';

// Public claiming (公开认领) and a company-funded project (企业出资) on their test-sized templates, through the API
// against the real Temporal server and Postgres: from publishing to the confirmed claim or placement and the
// signed agreement, with the refusals that keep two claims off one project and other companies off the funder's.

const STREET = '紫阳街道';
const district = actorHeaders({ userId: 'district-1', roles: ['coordinator:district'] });
const streetCoordinator = actorHeaders({ userId: 'street-1', roles: ['coordinator:street'], scope: STREET });
const otherStreet = actorHeaders({ userId: 'street-2', roles: ['coordinator:street'], scope: '湖滨街道' });
const member = (organizationId: string) =>
  actorHeaders({ userId: `member-${organizationId}`, organizationId });

const LIST = [
  {
    key: 'smoke-alarms',
    name: { zh: '特殊家庭烟感报警器安装', en: 'Smoke alarms for vulnerable homes' },
    budgetFen: 2_760_000,
  },
  {
    key: 'elder-meals',
    name: { zh: '独居老人助餐', en: 'Meals for older people living alone' },
    budgetFen: 1_200_000,
  },
];

describe('public claiming and company-funded projects on the same engine', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const read = async (id: string, headers = district) =>
    (await signedIn(stack.server, headers).get(`/api/applications/${id}`).expect(200)).body;
  const waitForStage = (id: string, stage: string) =>
    eventually(async () => ((await read(id)).stage === stage ? true : undefined), 30_000);
  const act = (id: string, action: string, headers: Record<string, string>, body: object = {}) =>
    signedIn(stack.server, headers).post(`/api/applications/${id}/actions/${action}`).send(body);
  const submit = (id: string, headers: Record<string, string>) =>
    signedIn(stack.server, headers).post(`/api/applications/${id}/submit`).send();
  const publish = async (body: object): Promise<string> => {
    const created = await signedIn(stack.server, district).post('/api/programs').send(body).expect(201);
    await signedIn(stack.server, district).post(`/api/programs/${created.body.id}/publish`).expect(200);
    return created.body.id;
  };
  const claim = async (programId: string, organizationId: string, projectKey: string, amountFen: number) =>
    (
      await signedIn(stack.server, member(organizationId))
        .post('/api/applications')
        .send({
          programId,
          organizationId,
          title: `认领：${projectKey}`,
          category: 'elderly',
          street: STREET,
          requestedAmountFen: amountFen,
          form: {
            listedProject: projectKey,
            claimedAmount: amountFen,
            deliveryPlan: '三个月内完成入户安装与回访。',
            capacity: '本组织有五年社区服务经验。',
          },
        })
        .expect(201)
    ).body.id as string;

  it('lists both templates and refuses their settings with the wrong template or without them', async () => {
    const templates = (await signedIn(stack.server).get('/api/templates').expect(200)).body as {
      key: string;
    }[];
    expect(templates.map((template) => template.key)).toEqual(
      expect.arrayContaining(['public-claiming', 'company-funded']),
    );
    const missing = await signedIn(stack.server, district)
      .post('/api/programs')
      .set('Accept-Language', 'en')
      .send({ name: '认领', templateKey: 'public-claiming', budgetFen: 5_000_000, testSized: true })
      .expect(422);
    expect(missing.body.errors[0]).toMatchObject({ field: 'claiming', code: 'required' });
    const wrongTemplate = await signedIn(stack.server, district)
      .post('/api/programs')
      .send({
        name: '创投',
        templateKey: 'grant-competition',
        budgetFen: 5_000_000,
        claiming: { mode: 'first_come', projects: LIST },
      })
      .expect(422);
    expect(wrongTemplate.body.errors[0]).toMatchObject({ field: 'claiming', code: 'not_allowed' });
    const overBudget = await signedIn(stack.server, district)
      .post('/api/programs')
      .send({
        name: '认领',
        templateKey: 'public-claiming',
        budgetFen: 1_000_000,
        claiming: { mode: 'first_come', projects: LIST },
      })
      .expect(422);
    expect(overBudget.body.errors[0]).toMatchObject({ field: 'budgetFen', code: 'invalid_amount' });
  });

  it('public claiming: a project claimed first come is refused to the next organization; the claim is confirmed and signed', async () => {
    const programId = await publish({
      name: '望江街道民生实事项目公开认领',
      templateKey: 'public-claiming',
      budgetFen: 5_000_000,
      submissionClosesAt: new Date(Date.now() + 12_000).toISOString(),
      testSized: true,
      claiming: { mode: 'first_come', projects: LIST },
    });
    const program = (await signedIn(stack.server).get(`/api/programs/${programId}`).expect(200)).body;
    expect(program.claiming).toMatchObject({ mode: 'first_come', projects: [{ key: 'smoke-alarms' }, {}] });

    const [orgA, orgB, orgC] = await Promise.all(
      ['认领服务社甲', '认领服务社乙', '认领服务社丙'].map((name) =>
        createOrganization(stack.server, STREET, name),
      ),
    );
    // A claim names a project of the list and asks for its published budget.
    const unknown = await signedIn(stack.server, member(orgA))
      .post('/api/applications')
      .send({
        programId,
        organizationId: orgA,
        title: '认领',
        category: 'elderly',
        street: STREET,
        requestedAmountFen: 100,
        form: { listedProject: 'no-such-project' },
      })
      .expect(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'form.listedProject', code: 'unknown' });

    const a = await claim(programId, orgA, 'smoke-alarms', 2_760_000);
    const b = await claim(programId, orgB, 'smoke-alarms', 2_760_000);
    const c = await claim(programId, orgC, 'elder-meals', 1_200_000);
    await submit(a, member(orgA)).expect(200);
    const refused = await submit(b, member(orgB)).expect(409);
    expect(refused.body).toMatchObject({ code: 'project_already_claimed' });
    expect(refused.body.detail).toBe('项目「特殊家庭烟感报警器安装」已被其他组织认领');
    const english = await submit(b, member(orgB)).set('Accept-Language', 'en').expect(409);
    expect(english.body.detail).toBe(
      'The project "Smoke alarms for vulnerable homes" has already been claimed by another organization',
    );
    expect((await read(b)).phase).toBe('draft');
    await submit(c, member(orgC)).expect(200);
    // The claim form shows which projects are taken: first come, a submitted claim holds its project.
    const listed = (await signedIn(stack.server, member(orgB)).get(`/api/programs/${programId}`).expect(200))
      .body;
    expect([...listed.claimedProjectKeys].sort()).toEqual(['elder-meals', 'smoke-alarms']);

    // The claim window closes by itself; each claim is then confirmed on its own, by its street.
    await waitForStage(a, 'claim-confirmation');
    await act(a, 'award', otherStreet, { tier: 'claimed', amountFen: 2_760_000 }).expect(403);
    const confirmed = await act(a, 'award', streetCoordinator, {
      tier: 'claimed',
      amountFen: 2_760_000,
    }).expect(200);
    expect(confirmed.body).toMatchObject({ stage: 'agreement', awardTier: 'claimed', awardedFen: 2_760_000 });
    // C is still waiting: a claim is not held up by the others.
    expect((await read(c)).stage).toBe('claim-confirmation');

    // Test-sized, the signing period is seconds long; the district gives the parties a minute.
    await act(a, 'extend_deadline', district, { until: new Date(Date.now() + 60_000).toISOString() }).expect(
      200,
    );
    await act(a, 'sign_agreement', member(orgA)).expect(200);
    await act(a, 'sign_agreement', streetCoordinator).expect(200);
    await waitForStage(a, 'implementation');
    const state = await stack.temporal.workflow.getHandle(caseWorkflowId(a)).query(caseStateQuery);
    expect(state.tranches.map((t) => [t.key, t.amountFen, t.status])).toEqual([
      ['first-tranche', 1_380_000, 'released'],
      ['final-tranche', 1_380_000, 'pending'],
    ]);
  });

  it('public claiming by coordinator choice: several claims on one project, only one confirmed', async () => {
    const programId = await publish({
      name: '清波街道民生实事项目认领',
      templateKey: 'public-claiming',
      budgetFen: 5_000_000,
      submissionClosesAt: new Date(Date.now() + 12_000).toISOString(),
      testSized: true,
      claiming: { mode: 'coordinator_choice', projects: LIST },
    });
    const [orgD, orgE] = await Promise.all(
      ['择优服务社丁', '择优服务社戊'].map((name) => createOrganization(stack.server, STREET, name)),
    );
    const d = await claim(programId, orgD, 'elder-meals', 1_200_000);
    const e = await claim(programId, orgE, 'elder-meals', 1_200_000);
    await submit(d, member(orgD)).expect(200);
    await submit(e, member(orgE)).expect(200);
    await waitForStage(d, 'claim-confirmation');
    await waitForStage(e, 'claim-confirmation');

    await act(e, 'award', streetCoordinator, { tier: 'claimed', amountFen: 1_200_000 }).expect(200);
    const second = await act(d, 'award', district, { tier: 'claimed', amountFen: 1_200_000 }).expect(409);
    expect(second.body).toMatchObject({
      code: 'project_already_claimed',
      detail: '项目「独居老人助餐」已被其他组织认领',
    });
    // By coordinator choice, only the confirmed claim holds the project.
    expect(
      (await signedIn(stack.server, member(orgD)).get(`/api/programs/${programId}`).expect(200)).body
        .claimedProjectKeys,
    ).toEqual(['elder-meals']);
    await act(d, 'decline', streetCoordinator, { reason: '该项目已确认由其他组织承接' }).expect(200);
    expect((await read(d)).terminal).toBe('declined');
  });

  it('company-funded: the district places the project, the funder signs with the implementer and confirms the milestone that pays', async () => {
    const [funderOrg, implementer, otherCompany] = await Promise.all(
      ['杭派服饰城', '7788服务社', '另一家企业'].map((name) =>
        createOrganization(stack.server, STREET, name),
      ),
    );
    const funder = actorHeaders({ userId: 'funder-1', roles: ['funder'], organizationId: funderOrg });
    const strangerFunder = actorHeaders({
      userId: 'funder-2',
      roles: ['funder'],
      organizationId: otherCompany,
    });
    const programId = await publish({
      name: '烟感报警器安装（企业出资）',
      templateKey: 'company-funded',
      budgetFen: 5_000_000,
      submissionClosesAt: new Date(Date.now() + 12_000).toISOString(),
      testSized: true,
      companyFunding: {
        funderOrganizationId: funderOrg,
        beneficiaries: { description: '辖区特殊困难家庭', count: 1000 },
      },
    });
    const program = (await signedIn(stack.server).get(`/api/programs/${programId}`).expect(200)).body;
    expect(program.companyFunding).toEqual({
      funderOrganizationId: funderOrg,
      beneficiaries: { description: '辖区特殊困难家庭', count: 1000 },
    });

    const id = (
      await signedIn(stack.server, member(implementer))
        .post('/api/applications')
        .send({
          programId,
          organizationId: implementer,
          title: '为 1000 户特殊家庭安装烟感报警器',
          category: 'disability_hardship',
          street: STREET,
          requestedAmountFen: 4_500_000,
          form: {
            requestedAmount: 4_500_000,
            deliveryPlan: '分两批入户安装并培训使用。',
            capacity: '有入户服务团队 20 人。',
          },
        })
        .expect(201)
    ).body.id as string;
    await submit(id, member(implementer)).expect(200);

    // A draft stays its organization's own until submitted: the funder's list leaves it out.
    await signedIn(stack.server, member(otherCompany))
      .post('/api/applications')
      .send({
        programId,
        organizationId: otherCompany,
        title: '尚未提交的方案',
        category: 'other',
        street: STREET,
        requestedAmountFen: 4_000_000,
        form: { requestedAmount: 4_000_000 },
      })
      .expect(201);
    // The funder's list: its own company's projects only, for its members in the funder role and the staff.
    const fundedBy = (headers: Record<string, string>, organizationId = funderOrg) =>
      signedIn(stack.server, headers).get(`/api/funders/${organizationId}/applications`);
    const funded = (await fundedBy(funder).expect(200)).body;
    expect(funded).toEqual([
      expect.objectContaining({
        id,
        programName: '烟感报警器安装（企业出资）',
        templateKey: 'company-funded',
      }),
    ]);
    expect((await fundedBy(district).expect(200)).body).toHaveLength(1);
    expect((await fundedBy(streetCoordinator).expect(200)).body).toHaveLength(1);
    expect((await fundedBy(otherStreet).expect(200)).body).toEqual([]);
    // Another company's funder is told the funder does not exist; so is the funder asking for another company.
    await fundedBy(strangerFunder).expect(404);
    await fundedBy(funder, otherCompany).expect(404);
    // A colleague of the company without the funder role, and the implementer, may not call it at all.
    await fundedBy(member(funderOrg)).expect(403);
    await fundedBy(member(implementer), implementer).expect(403);
    expect((await fundedBy(strangerFunder, otherCompany).expect(200)).body).toEqual([]);

    await waitForStage(id, 'placement');
    await act(id, 'award', district, { tier: 'placed', amountFen: 4_500_000 }).expect(200);
    // Test-sized, the signing period is seconds long; the district gives the parties a minute.
    await act(id, 'extend_deadline', district, { until: new Date(Date.now() + 60_000).toISOString() }).expect(
      200,
    );

    // Another company is neither a party to the agreement nor a reader of the case.
    const stranger = await act(id, 'sign_agreement', strangerFunder).expect(403);
    expect(stranger.body.detail).toBeTruthy();
    await signedIn(stack.server, strangerFunder).get(`/api/applications/${id}`).expect(404);
    expect((await read(id, funder)).stage).toBe('agreement');

    const signed = await act(id, 'sign_agreement', funder).expect(200);
    expect(signed.body.phase).toBe('partially_signed');
    // The funder's member signs once, as the funder, never again for the implementer.
    expect((await act(id, 'sign_agreement', funder).expect(409)).body.code).toBe('already_signed');
    await act(id, 'sign_agreement', member(implementer)).expect(200);
    await act(id, 'sign_agreement', district).expect(200);
    await waitForStage(id, 'implementation');

    const tranches = async () =>
      (await stack.temporal.workflow.getHandle(caseWorkflowId(id)).query(caseStateQuery)).tranches.map(
        (t) => [t.key, t.status],
      );
    expect(await tranches()).toEqual([
      ['first-tranche', 'pending'],
      ['second-tranche', 'pending'],
    ]);
    await act(id, 'submit_report', member(implementer), { reportKey: 'first-milestone' }).expect(200);
    // The district does not confirm what the funder pays for.
    await act(id, 'accept_report', district, { reportKey: 'first-milestone' }).expect(409);
    await act(id, 'accept_report', funder, { reportKey: 'first-milestone' }).expect(200);
    expect(await tranches()).toEqual([
      ['first-tranche', 'released'],
      ['second-tranche', 'pending'],
    ]);
  });
});
