import request from 'supertest';
import { actorHeaders, DISTRICT_COORDINATOR } from '../support/auth';
import {
  createOrganization,
  createPublishedProgram,
  draftApplication,
  eventually,
} from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

// The coordinator's overdue view: `GET /api/programs/{id}/applications?overdue=true` lists the cases whose next
// deadline has passed and that have not ended, most late first, counted in X-Total-Count like the pipeline.

interface Listed {
  id: string;
  stage: string;
  nextDeadlineAt: string | null;
}

describe('the overdue list of a program', () => {
  let stack: TestStack;
  const http = () => request(stack.server);

  /** Submits a complete application of a fresh organization in the street. */
  async function submitted(programId: string, street: string, title: string): Promise<string> {
    const organizationId = await createOrganization(stack.server, street, `${title}${Date.now()}`);
    const id = await draftApplication(stack.server, { programId, organizationId, street, title });
    await http()
      .post(`/api/applications/${id}/submit`)
      .set(actorHeaders({ userId: `member-${organizationId}`, organizationId }))
      .expect(200);
    return id;
  }
  const overdue = (programId: string, headers = DISTRICT_COORDINATOR) =>
    http().get(`/api/programs/${programId}/applications`).query({ overdue: true }).set(headers).expect(200);

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('lists a case whose screening deadline has passed, and not one whose deadline is ahead', async () => {
    // Test-sized: the screening stage lasts seconds, and it waits for a coordinator to close it when it runs
    // out, so its cases stay in the stage with their deadline behind them.
    const late = await createPublishedProgram(stack.server);
    const lateCase = await submitted(late, '紫阳街道', '逾期测试项目');
    await http()
      .post(`/api/programs/${late}/stages/solicitation/close`)
      .set(DISTRICT_COORDINATOR)
      .send({})
      .expect(200);
    // A real-sized program: its case waits in the call for proposals with the window's close an hour ahead.
    const onTime = await createPublishedProgram(stack.server, { testSized: false });
    const onTimeCase = await submitted(onTime, '紫阳街道', '按期测试项目');

    const listed = await eventually(async () => {
      const response = await overdue(late);
      return response.body.length > 0 ? response : undefined;
    }, 60_000);
    expect((listed.body as Listed[]).map((item) => item.id)).toEqual([lateCase]);
    expect(listed.headers['x-total-count']).toBe('1');
    const [item] = listed.body as Listed[];
    expect(item.stage).toBe('eligibility-screening');
    expect(Date.parse(item.nextDeadlineAt!)).toBeLessThan(Date.now());

    const notLate = await overdue(onTime);
    expect(notLate.body).toEqual([]);
    expect(notLate.headers['x-total-count']).toBe('0');
    // The same case is on the program's ordinary list, with its deadline ahead.
    const all = await http()
      .get(`/api/programs/${onTime}/applications`)
      .set(DISTRICT_COORDINATOR)
      .expect(200);
    const waiting = (all.body as Listed[]).find((candidate) => candidate.id === onTimeCase);
    expect(Date.parse(waiting!.nextDeadlineAt!)).toBeGreaterThan(Date.now());

    // Street staff see their own street's late cases only.
    const elsewhere = actorHeaders({
      userId: 'street-overdue',
      roles: ['coordinator:street'],
      scope: '湖滨街道',
    });
    expect((await overdue(late, elsewhere)).body).toEqual([]);
    const own = actorHeaders({ userId: 'street-overdue', roles: ['coordinator:street'], scope: '紫阳街道' });
    expect((await overdue(late, own)).body.map((candidate: Listed) => candidate.id)).toEqual([lateCase]);
  });

  it('sorts by deadline with the cases without one last, and refuses a flag that is not true or false', async () => {
    const programId = await createPublishedProgram(stack.server, { testSized: false });
    // A draft has no deadline yet; it arrives first, so only the deadline order puts it after the submitted one.
    const organizationId = await createOrganization(stack.server, '清波街道', `排序测试社${Date.now()}`);
    const draft = await draftApplication(stack.server, { programId, organizationId, street: '清波街道' });
    const submittedCase = await submitted(programId, '清波街道', '排序测试项目');
    const list = (query: Record<string, string>) =>
      http()
        .get(`/api/programs/${programId}/applications`)
        .query(query)
        .set(DISTRICT_COORDINATOR)
        .expect(200);
    const ids = (response: { body: Listed[] }) => response.body.map((item) => item.id);
    expect(ids(await list({}))).toEqual([draft, submittedCase]);
    expect(ids(await list({ sort: 'deadline' }))).toEqual([submittedCase, draft]);

    const refused = await http()
      .get(`/api/programs/${programId}/applications`)
      .query({ overdue: 'yes', sort: 'random' })
      .set({ ...DISTRICT_COORDINATOR, 'Accept-Language': 'zh-CN' })
      .expect(422);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'overdue',
      'sort',
    ]);
  });
});
