import request from 'supertest';
import { DataSource } from 'typeorm';
import { actorHeaders, ADMINISTRATOR } from '../support/auth';
import { createOrganization, createPublishedProgram } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

// Leadership's overview across programs and years, aggregated in Postgres over the case projections. The cases'
// projected states (tranches, evaluations, review assignments) are written straight into the read model: this
// suite checks the aggregation over 1,200 cases, which no workflow run of a test's length could produce. The
// two programs are moved to years no other suite uses (programs cannot be opened in the past), so the totals of
// a year are this suite's alone although the test run shares one database.

const LEADER = actorHeaders({ userId: 'leader-overview', roles: ['leadership'] });
const LAST_WEEK_OF_2019 = '2019-12-24T02:00:00Z';
// 2020-12-31 16:30 UTC is already 2021-01-01 00:30 in Shanghai: the program is of 2021.
const NEW_YEAR_2021_IN_SHANGHAI = '2020-12-31T16:30:00Z';

interface CaseRows {
  programId: string;
  organizationId: string;
  count: number;
  stage: string;
  street: string;
  category: string;
  requestedFen: number;
  awardedFen?: number;
  /** The projected case state of case number `n` (1-based), as SQL building jsonb from `n`. */
  caseState?: string;
  submitted?: boolean;
}

describe('the leadership overview across programs and years', () => {
  let stack: TestStack;
  let database: DataSource;
  let earlier: string;
  let later: string;

  const overview = (query: string, headers = LEADER) =>
    request(stack.server).get(`/api/stats/overview${query}`).set(headers);

  /** Writes `count` projected cases in one statement. */
  async function insertCases(rows: CaseRows): Promise<void> {
    await database.query(
      `INSERT INTO applications (program_id, organization_id, title, category, street, requested_amount_fen, form,
                                 stage, phase, terminal, awarded_fen, case_state, submitted_at)
       SELECT $1, $2, '项目' || n, $3, $4, $5, '{}'::jsonb, $6::text, $6::text,
              CASE WHEN $6::text IN ('closed', 'ineligible', 'declined') THEN $6::text END, $7, ${rows.caseState ?? 'NULL::jsonb'},
              CASE WHEN $8::boolean THEN now() END
         FROM generate_series(1, $9::int) AS n`,
      [
        rows.programId,
        rows.organizationId,
        rows.category,
        rows.street,
        rows.requestedFen,
        rows.stage,
        rows.awardedFen ?? null,
        rows.submitted ?? true,
        rows.count,
      ],
    );
  }

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    database = stack.api.get(DataSource);
    const organizationId = await createOrganization(stack.server, '紫阳街道', `紫阳看板测试社${Date.now()}`);
    earlier = await createPublishedProgram(stack.server, { testSized: false, budgetFen: 500_000_000 });
    later = await createPublishedProgram(stack.server, { testSized: false, budgetFen: 20_000_000 });
    await database.query(`UPDATE programs SET published_at = $2, name = '2019年公益创投' WHERE id = $1`, [
      earlier,
      LAST_WEEK_OF_2019,
    ]);
    await database.query(`UPDATE programs SET published_at = $2, name = '2021年公益创投' WHERE id = $1`, [
      later,
      NEW_YEAR_2021_IN_SHANGHAI,
    ]);

    // 2019: 1,000 cases in the street review, each with four assignments: one submitted, one past its due
    // date, one due later, one recused.
    await insertCases({
      programId: earlier,
      organizationId,
      count: 1000,
      stage: 'street-review',
      street: '紫阳街道',
      category: 'elderly',
      requestedFen: 100_000,
      caseState: `jsonb_build_object('reviewAssignments', jsonb_build_array(
        jsonb_build_object('reviewerId', 'a', 'status', 'submitted', 'dueAt', '2019-12-30T00:00:00Z'),
        jsonb_build_object('reviewerId', 'b', 'status', 'assigned', 'dueAt', '2019-12-30T00:00:00Z'),
        jsonb_build_object('reviewerId', 'c', 'status', 'assigned', 'dueAt', '2099-01-01T00:00:00Z'),
        jsonb_build_object('reviewerId', 'd', 'status', 'recused', 'dueAt', '2019-12-30T00:00:00Z')))`,
    });
    // 200 closed cases, 400,000 fen awarded each, 300,000 of it released; half graded 优秀 at the end (after a
    // 合格 mid-term), half 不合格.
    await insertCases({
      programId: earlier,
      organizationId,
      count: 200,
      stage: 'closed',
      street: '湖滨街道',
      category: 'disability',
      requestedFen: 500_000,
      awardedFen: 400_000,
      caseState: `jsonb_build_object(
        'tranches', jsonb_build_array(
          jsonb_build_object('key', 'first', 'amountFen', 300000, 'status', 'released'),
          jsonb_build_object('key', 'final', 'amountFen', 100000, 'status', 'stopped')),
        'evaluations', CASE WHEN n % 2 = 0
          THEN jsonb_build_array(
            jsonb_build_object('stageKey', 'midterm-evaluation', 'score', 70, 'grade', 'pass', 'passed', true),
            jsonb_build_object('stageKey', 'final-evaluation', 'score', 95, 'grade', 'excellent', 'passed', true))
          ELSE jsonb_build_array(
            jsonb_build_object('stageKey', 'final-evaluation', 'score', 40, 'grade', 'fail', 'passed', false))
          END)`,
    });
    // Five drafts never submitted: counted and their requests summed, but nobody applied yet.
    await insertCases({
      programId: earlier,
      organizationId,
      count: 5,
      stage: 'draft',
      street: '紫阳街道',
      category: 'elderly',
      requestedFen: 100,
      submitted: false,
    });
    // 2021: three cases at the decision without a projected state yet, two in their agreement with the first
    // 1,500,000 fen released, one of them already graded 良好.
    await insertCases({
      programId: later,
      organizationId,
      count: 3,
      stage: 'decision',
      street: '紫阳街道',
      category: 'elderly',
      requestedFen: 2_000_000,
    });
    await insertCases({
      programId: later,
      organizationId,
      count: 2,
      stage: 'agreement',
      street: '紫阳街道',
      category: 'elderly',
      requestedFen: 2_000_000,
      awardedFen: 1_500_000,
      caseState: `jsonb_build_object(
        'tranches', jsonb_build_array(jsonb_build_object('key', 'first', 'amountFen', 1500000, 'status', 'released')),
        'evaluations', CASE WHEN n = 1
          THEN jsonb_build_array(jsonb_build_object('stageKey', 'midterm-evaluation', 'grade', 'good', 'passed', true))
          ELSE '[]'::jsonb END)`,
    });
  });
  afterAll(() => stack?.close());

  it('sums a year: funnel, money requested, awarded and disbursed, reviews and the latest grades', async () => {
    const { body } = await overview('?year=2019').expect(200);
    expect(body.programs.map((program: { id: string }) => program.id)).toEqual([earlier]);
    const expected = {
      total: 1205,
      funnel: { applied: 1200, eligible: 1200, shortlisted: 200, funded: 200 },
      money: { requestedFen: 200_000_500, awardedFen: 80_000_000, disbursedFen: 60_000_000 },
      reviews: { assigned: 3000, submitted: 1000, overdue: 1000 },
    };
    expect(body.programs[0]).toMatchObject({
      name: '2019年公益创投',
      templateKey: 'grant-competition',
      year: 2019,
      status: 'published',
      budgetFen: 500_000_000,
      ...expected,
    });
    expect(body.totals).toMatchObject({ ...expected, budgetFen: 500_000_000 });
    expect(body.totals.byStreet).toEqual({ 紫阳街道: 1005, 湖滨街道: 200 });
    expect(body.totals.byCategory).toEqual({ elderly: 1005, disability: 200 });
    expect(body.totals.grades).toEqual([
      { key: 'excellent', nameZh: '优秀', nameEn: 'Excellent', count: 100 },
      { key: 'good', nameZh: '良好', nameEn: 'Good', count: 0 },
      { key: 'pass', nameZh: '合格', nameEn: 'Pass', count: 0 },
      { key: 'fail', nameZh: '不合格', nameEn: 'Fail', count: 100 },
    ]);
  });

  it('places a program in the year it opened in Shanghai, and lists the years newest first', async () => {
    const { body } = await overview('?year=2021').expect(200);
    expect(body.programs.map((program: { id: string }) => program.id)).toEqual([later]);
    expect(body.totals).toMatchObject({
      total: 5,
      funnel: { applied: 5, eligible: 5, shortlisted: 5, funded: 2 },
      money: { requestedFen: 10_000_000, awardedFen: 3_000_000, disbursedFen: 3_000_000 },
      reviews: { assigned: 0, submitted: 0, overdue: 0 },
    });
    expect(body.totals.grades.find((grade: { key: string }) => grade.key === 'good').count).toBe(1);
    expect(body.years.indexOf(2021)).toBeLessThan(body.years.indexOf(2019));
    expect(body.years.indexOf(2019)).toBeGreaterThanOrEqual(0);
    expect(body.years).not.toContain(2020);
  });

  it('adds both years up without a year filter', async () => {
    const { body } = await overview('').expect(200);
    const ids = body.programs.map((program: { id: string }) => program.id);
    expect(ids).toEqual(expect.arrayContaining([earlier, later]));
    // Other suites' programs of this year may be there too; these two years' cases are in the totals at least.
    expect(body.totals.money.disbursedFen).toBeGreaterThanOrEqual(63_000_000);
    expect(body.totals.total).toBeGreaterThanOrEqual(1210);
  });

  it('filters by street and by process type', async () => {
    const street = await overview(`?year=2019&street=${encodeURIComponent('湖滨街道')}`).expect(200);
    expect(street.body.totals).toMatchObject({
      total: 200,
      funnel: { applied: 200, eligible: 200, shortlisted: 200, funded: 200 },
      money: { requestedFen: 100_000_000, awardedFen: 80_000_000, disbursedFen: 60_000_000 },
      reviews: { assigned: 0, submitted: 0, overdue: 0 },
    });
    expect(street.body.totals.byStreet).toEqual({ 湖滨街道: 200 });

    const procurement = await overview('?year=2019&templateKey=government-procurement').expect(200);
    expect(procurement.body.programs).toEqual([]);
    expect(procurement.body.totals).toMatchObject({ total: 0, budgetFen: 0, money: { awardedFen: 0 } });
    const grants = await overview('?year=2019&templateKey=grant-competition').expect(200);
    expect(grants.body.totals.total).toBe(1205);
  });

  it('agrees with the program’s own figures on the funnel', async () => {
    const stats = await request(stack.server).get(`/api/programs/${earlier}/stats`).set(LEADER).expect(200);
    expect(stats.body.funnel).toEqual({ applied: 1200, eligible: 1200, shortlisted: 200, funded: 200 });
  });

  it('limits a leader of one street to that street, and keeps street staff and applicants out', async () => {
    const streetLeader = actorHeaders({ userId: 'leader-hubin', roles: ['leadership'], scope: '湖滨街道' });
    const own = await overview('?year=2019', streetLeader).expect(200);
    expect(own.body.totals.total).toBe(200);
    const other = await overview(`?year=2019&street=${encodeURIComponent('紫阳街道')}`, streetLeader).expect(
      200,
    );
    expect(other.body.totals.total).toBe(0);

    await overview('?year=2019', ADMINISTRATOR).expect(200);
    await overview(
      '?year=2019',
      actorHeaders({ userId: 'street-staff', roles: ['coordinator:street'], scope: '湖滨街道' }),
    ).expect(403);
    await overview('?year=2019', actorHeaders({ userId: 'someone', roles: [] })).expect(403);
  });

  it('refuses a year that is not one, field by field', async () => {
    const { body } = await overview('?year=next').expect(422);
    expect(JSON.stringify(body)).toContain('year');
  });
});
