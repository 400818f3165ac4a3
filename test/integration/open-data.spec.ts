import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { actorHeaders, signedIn } from '../support/auth';
import { createPublishedProgram, draftApplication, eventually } from '../support/fixtures';
import { validate360Giving } from '../support/open-data-schemas';
import { startStack, type TestStack } from '../support/stack';

// Open data and notice-board lists of a real program: a test-sized competition carried through screening, both
// review stages and the decision to its public notice against the real API, Temporal and Postgres. Nothing is
// public before the award notice opens; then the 360Giving package validates against the pinned schema, the
// award lists hold the awarded cases only, and staff export the rankings. The pools name no registered expert
// and the panels are assigned by hand after the review stages are extended, as in reviews-api.spec.ts.

const run = randomUUID().slice(0, 8);
const district = actorHeaders({ userId: `od-district-${run}`, roles: ['coordinator:district'] });
const streetStaff = actorHeaders({ userId: `od-street-${run}`, roles: ['coordinator:street'] });
const reviewer = (id: string) => actorHeaders({ userId: id, roles: ['reviewer'] });
const streetReviewers = [`od-s1-${run}`, `od-s2-${run}`];
const experts = [`od-d1-${run}`, `od-d2-${run}`, `od-d3-${run}`];

type Name = 'X' | 'Y' | 'Z';
const APPLICANTS: Record<
  Name,
  { street: string; category: string; requestedAmountFen: number; hundred: number[]; phone: string }
> = {
  // Scores 90, 80 and 75 on the 100-point sheet: X, Y, Z in that order.
  X: {
    street: '紫阳街道',
    category: 'elderly',
    requestedAmountFen: 2_500_000,
    hundred: [18, 27, 18, 13, 14],
    phone: '13800000001',
  },
  Y: {
    street: '湖滨街道',
    category: 'youth',
    requestedAmountFen: 3_000_000,
    hundred: [16, 24, 16, 12, 12],
    phone: '13800000002',
  },
  Z: {
    street: '清波街道',
    category: 'culture',
    requestedAmountFen: 2_000_000,
    hundred: [15, 22, 15, 11, 12],
    phone: '13800000003',
  },
};
const NAMES = Object.keys(APPLICANTS) as Name[];
const contactName = (name: Name) => `联系人${name}${run}`;

const xlsxRows = async (body: Buffer): Promise<unknown[][]> => {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as its own ArrayBuffer-like Buffer; a Node Buffer is what it reads.
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  return (sheet.getSheetValues().filter(Boolean) as unknown[][]).map((row) => row.slice(1));
};
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));

describe('open data and notice-board lists of a grant program', () => {
  let stack: TestStack;
  let programId: string;
  let draftProgramId: string;
  const cases = {} as Record<Name, { id: string; organizationId: string; organizationName: string }>;

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
  // Review assignments are due at the stage deadline: the stage is extended before the panels are assigned.
  const extendStage = async (stageKey: string, seconds: number, names: Name[]) => {
    const until = new Date(Date.now() + seconds * 1000).toISOString();
    await programAction('extend', stageKey, { until }).expect(200);
    for (const name of names)
      await eventually(async () => ((await read(name)).nextDeadlineAt === until ? true : undefined));
  };
  const publicGet = (path: string, id = programId) =>
    request(stack.server)
      .get(`/api/public/programs/${id}/${path}`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
  const expectUnpublished = async (id: string) => {
    for (const path of ['360giving.json', 'awards.csv', 'awards.xlsx']) {
      const response = await request(stack.server).get(`/api/public/programs/${id}/${path}`).expect(404);
      expect([path, response.headers['content-type']]).toEqual([
        path,
        expect.stringMatching(/problem\+json/),
      ]);
    }
  };

  beforeAll(async () => {
    stack = await startStack();
    const nobody = `od-nobody-${run}`;
    // ¥25,000 of key funding for the top case leaves ¥15,123.45: over half of Y's ¥20,000 shortlist cap, so Y is
    // funded in part (to the fen) and Z, third, gets nothing.
    programId = await createPublishedProgram(stack.server, {
      budgetFen: 4_012_345,
      windowSeconds: 8,
      reviewerPools: { 'street-review': [nobody], 'district-review': [nobody] },
    });
    draftProgramId = (
      await signedIn(stack.server)
        .post('/api/programs')
        .send({
          name: '未发布的公益创投',
          templateKey: 'grant-competition',
          budgetFen: 100_000_000,
          submissionClosesAt: new Date(Date.now() + 3_600_000).toISOString(),
          testSized: true,
        })
        .expect(201)
    ).body.id;
    for (const name of NAMES) {
      const applicant = APPLICANTS[name];
      const organizationName = `${applicant.street}公益服务社-${run}-${name}`;
      // The organization's contact person and phone are on file, and must never reach open data.
      const organizationId = (
        await signedIn(stack.server)
          .post('/api/organizations')
          .send({
            name: organizationName,
            kind: 'community_filed',
            street: applicant.street,
            contactName: contactName(name),
            contactPhone: applicant.phone,
          })
          .expect(201)
      ).body.id;
      const id = await draftApplication(stack.server, {
        programId,
        organizationId,
        street: applicant.street,
        category: applicant.category,
        requestedAmountFen: applicant.requestedAmountFen,
        title: `开放数据项目${name}`,
      });
      cases[name] = { id, organizationId, organizationName };
      await signedIn(stack.server)
        .post(`/api/applications/${id}/submit`)
        .set(actorHeaders({ userId: `od-user-${name}`, organizationId }))
        .expect(200);
    }
  }, 60_000);
  afterAll(() => stack?.close());

  it('serves nothing for a draft, an unknown or a running program', async () => {
    await expectUnpublished(draftProgramId);
    await expectUnpublished(randomUUID());
    await expectUnpublished(programId);
    await request(stack.server).get('/api/public/programs/not-an-id/360giving.json').expect(404);
  });

  it('still serves nothing through the reviews and while the award proposal awaits confirmation', async () => {
    await waitForProgramStage('eligibility-screening');
    for (const name of NAMES) {
      await waitForStage(name, 'eligibility-screening');
      await act(name, 'screen', district, {
        decision: 'eligible',
        checks: { 'materials-complete': true },
      }).expect(200);
    }
    await programAction('close', 'eligibility-screening').expect(200);

    await waitForProgramStage('street-review');
    await extendStage('street-review', 300, NAMES);
    for (const name of NAMES) {
      await act(name, 'assign_reviewers', streetStaff, { reviewerIds: streetReviewers }).expect(200);
      for (const id of streetReviewers)
        await act(name, 'submit_review', reviewer(id), {
          scores: { excellence: 4, impact: 4, implementation: 4 },
          comments: {},
        }).expect(200);
    }
    await programAction('close', 'street-review').expect(200);

    await waitForProgramStage('district-review');
    await extendStage('district-review', 300, NAMES);
    for (const name of NAMES) {
      await act(name, 'assign_reviewers', district, { reviewerIds: experts }).expect(200);
      const [necessity, feasibility, teamCapacity, budgetReasonableness, socialBenefit] =
        APPLICANTS[name].hundred;
      for (const id of experts)
        await act(name, 'submit_review', reviewer(id), {
          scores: { necessity, feasibility, teamCapacity, budgetReasonableness, socialBenefit },
        }).expect(200);
    }
    await expectUnpublished(programId);
    await programAction('close', 'district-review').expect(200);

    await waitForProgramStage('decision');
    await programAction('close', 'decision').expect(200);
    await eventually(async () => {
      const lines = (
        await signedIn(stack.server)
          .get(`/api/programs/${programId}/stages/decision/award-proposal`)
          .expect(200)
      ).body;
      return lines.length === 3 ? lines : undefined;
    });
    // A proposal is not a decision: until it is confirmed and the notice opens, nothing is public.
    await expectUnpublished(programId);
    await programAction('confirm-awards', 'decision', { reason: '经区级联席会议确认' }).expect(200);
    await waitForProgramStage('public-notice');
    await waitForStage('Z', 'declined');
  }, 150_000);

  it('publishes the awards as a 360Giving package that validates, without personal data', async () => {
    const response = await publicGet('360giving.json').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const text = response.body.toString('utf8');
    const published = JSON.parse(text);
    const check = validate360Giving(published);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);

    expect(
      published.grants.map(
        (grant: { id: string; amountAwarded: number; recipientOrganization: { name: string }[] }) => [
          grant.id,
          grant.amountAwarded,
          grant.recipientOrganization[0].name,
        ],
      ),
    ).toEqual(
      [
        [`360G-grantflow-${cases.X.id}`, 25000, cases.X.organizationName],
        [`360G-grantflow-${cases.Y.id}`, 15123.45, cases.Y.organizationName],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // The yuan amounts are written exactly as decimals of the fen held.
    expect(text).toContain('"amountAwarded":15123.45');
    const x = published.grants.find((grant: { id: string }) => grant.id.endsWith(cases.X.id));
    expect(x).toMatchObject({
      currency: 'CNY',
      amountDisbursed: 0,
      fromOpenCall: 'Yes',
      plannedDates: [{ startDate: '2027-03-01', endDate: '2027-12-31' }],
      beneficiaryLocation: [{ name: '紫阳街道', countryCode: 'CN' }],
      classifications: [{ code: 'elderly', title: '为老服务' }],
      grantProgramme: [{ code: programId }],
    });
    expect(text).not.toContain(cases.Z.id);
    for (const name of NAMES) {
      expect(text).not.toContain(contactName(name));
      expect(text).not.toContain(APPLICANTS[name].phone);
    }
  });

  it('exports the award list as CSV with a BOM and as XLSX, awarded cases only, amounts in yuan', async () => {
    const csv = await publicGet('awards.csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="awards-${programId}.csv"`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(csv.body.toString('utf8'));
    expect(rows[0].slice(0, 7)).toEqual([
      '序号 No.',
      '项目名称 Project',
      '申报单位 Organization',
      '所属街道 Street',
      '项目类别 Category',
      '资助档次 Tier',
      '资助金额（元）Amount (yuan)',
    ]);
    expect(rows.slice(1).map((row) => row.slice(0, 8))).toEqual([
      ['1', '开放数据项目X', cases.X.organizationName, '紫阳街道', '为老服务', '重点资助', '25000.00', ''],
      ['2', '开放数据项目Y', cases.Y.organizationName, '湖滨街道', '青少年服务', '入围', '15123.45', '是'],
    ]);
    // Published on the Asia/Shanghai clock.
    expect(rows[1][8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const xlsx = await publicGet('awards.xlsx').expect(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const sheet = await xlsxRows(xlsx.body);
    expect(sheet.slice(1).map((row) => row.slice(0, 7))).toEqual([
      [1, '开放数据项目X', cases.X.organizationName, '紫阳街道', '为老服务', '重点资助', 25000],
      [2, '开放数据项目Y', cases.Y.organizationName, '湖滨街道', '青少年服务', '入围', 15123.45],
    ]);
    expect(sheet[1][8]).toBe(rows[1][8]);
  });

  it('exports a stage’s ranking list for staff only, as CSV and XLSX', async () => {
    const path = (stageKey: string, format: string) =>
      `/api/programs/${programId}/stages/${stageKey}/ranking.${format}`;
    const refused = await signedIn(stack.server)
      .get(path('district-review', 'csv'))
      .set(reviewer(experts[0]));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('route_not_allowed');
    await signedIn(stack.server).get(path('no-such-stage', 'csv')).set(district).expect(404);

    const csv = await signedIn(stack.server).get(path('district-review', 'csv')).set(district).expect(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = csvRows(csv.text);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[4], row[5], row[9], row.at(-1)])).toEqual([
      ['1', '开放数据项目X', '25000.00', '90', '晋级', cases.X.id],
      ['2', '开放数据项目Y', '30000.00', '80', '晋级', cases.Y.id],
      ['3', '开放数据项目Z', '20000.00', '75', '晋级', cases.Z.id],
    ]);

    const xlsx = await signedIn(stack.server)
      .get(path('decision', 'xlsx'))
      .set(district)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const sheet = await xlsxRows(xlsx.body);
    expect(sheet[0]).toContain('资助金额（元）Awarded (yuan)');
    const awardedColumn = sheet[0].indexOf('资助金额（元）Awarded (yuan)');
    expect(sheet.slice(1).map((row) => [row[1], row[9], row[awardedColumn] ?? null])).toEqual([
      ['开放数据项目X', '资助', 25000],
      ['开放数据项目Y', '资助', 15123.45],
      ['开放数据项目Z', '未资助', null],
    ]);
  });

  it('drops an award revoked on objection, and adds the tranches paid once agreements are signed', async () => {
    await request(stack.server)
      .post(`/api/public/applications/${cases.Y.id}/objections`)
      .send({ reason: '该项目已获其他财政资金资助' })
      .expect(200);
    await programAction('close', 'public-notice').expect(200);
    await waitForStage('X', 'agreement');
    await act('Y', 'resolve_objection', district, {
      objectionId: 'objection-1',
      upheld: true,
      reason: '重复资助属实',
    }).expect(200);
    await waitForStage('Y', 'declined');
    const awards = csvRows((await publicGet('awards.csv').expect(200)).body.toString('utf8'));
    expect(awards.slice(1).map((row) => [row[0], row[1], row[6]])).toEqual([
      ['1', '开放数据项目X', '25000.00'],
    ]);

    await act(
      'X',
      'sign_agreement',
      actorHeaders({ userId: 'od-user-X', organizationId: cases.X.organizationId }),
    ).expect(200);
    await act('X', 'sign_agreement', district).expect(200);
    await waitForStage('X', 'implementation');

    const published = JSON.parse((await publicGet('360giving.json').expect(200)).body.toString('utf8'));
    expect(validate360Giving(published).errors).toEqual([]);
    expect(published.grants.map((grant: { id: string }) => grant.id)).toEqual([
      `360G-grantflow-${cases.X.id}`,
    ]);
    const [x] = published.grants;
    // The first tranche is half the award, released on signing.
    expect(x.amountDisbursed).toBe(12500);
    expect(x.disbursementTransaction).toEqual([
      {
        id: `360G-grantflow-${cases.X.id}-first-tranche`,
        transactionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        currency: 'CNY',
        value: 12500,
        description: '首期拨付（签约后）',
      },
    ]);
  }, 60_000);
});
