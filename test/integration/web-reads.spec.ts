import request from 'supertest';
import { actorHeaders, DISTRICT_COORDINATOR } from '../support/auth';
import { createOrganization, createPublishedProgram, draftApplication } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

// The reads the web app added to the API: the public's programs and results, an organization's own
// applications, and the money requested in a program's figures.

describe('reads for the web app', () => {
  let stack: TestStack;
  let programId: string;
  let organizationId: string;
  let applicationId: string;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
    programId = await createPublishedProgram(stack.server, { testSized: false });
    organizationId = await createOrganization(stack.server, '紫阳街道', `紫阳读取测试社${Date.now()}`);
    applicationId = await draftApplication(stack.server, {
      programId,
      organizationId,
      street: '紫阳街道',
      requestedAmountFen: 2_500_000,
    });
  });
  afterAll(() => stack?.close());

  it('shows the public published programs and no results before any are confirmed, without sign-in', async () => {
    const programs = await request(stack.server).get('/api/public/programs').expect(200);
    expect(programs.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: programId, status: 'published' })]),
    );
    expect(programs.body[0]).not.toHaveProperty('reviewerPools');
    const results = await request(stack.server).get(`/api/public/programs/${programId}/results`).expect(200);
    expect(results.body).toMatchObject({ program: { id: programId }, noticeOpen: false, results: [] });
  });

  it('hides a draft program from the public', async () => {
    const draft = await request(stack.server)
      .post('/api/programs')
      .set(DISTRICT_COORDINATOR)
      .send({
        name: '未发布的项目',
        templateKey: 'grant-competition',
        budgetFen: 1_000_000,
        submissionClosesAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .expect(201);
    await request(stack.server).get(`/api/public/programs/${draft.body.id}/results`).expect(404);
    const programs = await request(stack.server).get('/api/public/programs').expect(200);
    expect(programs.body.map((program: { id: string }) => program.id)).not.toContain(draft.body.id);
  });

  it("lists an organization's applications to its members and hides them from other organizations", async () => {
    const member = actorHeaders({ userId: `member-${organizationId}`, organizationId });
    const own = await request(stack.server)
      .get(`/api/organizations/${organizationId}/applications`)
      .set(member)
      .expect(200);
    expect(own.body.map((application: { id: string }) => application.id)).toEqual([applicationId]);

    const otherId = await createOrganization(stack.server, '湖滨街道', `湖滨读取测试社${Date.now()}`);
    const other = actorHeaders({ userId: `member-${otherId}`, organizationId: otherId });
    await request(stack.server)
      .get(`/api/organizations/${organizationId}/applications`)
      .set(other)
      .expect(404);
    await request(stack.server).get(`/api/organizations/${organizationId}/applications`).expect(401);
  });

  it('counts the money requested in the program figures', async () => {
    const stats = await request(stack.server)
      .get(`/api/programs/${programId}/stats`)
      .set(DISTRICT_COORDINATOR)
      .expect(200);
    expect(stats.body).toMatchObject({ total: 1, requestedFen: 2_500_000, awardedFen: 0 });
  });
});

describe('the web app served by the API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack?.close());

  it('answers page paths with the app and leaves /api, /health and missing files to the API', async () => {
    // `npm test` builds first, so dist/web is there.
    const page = await request(stack.server).get('/reviewer/applications/123').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="root">');
    await request(stack.server).get('/api/no-such-route').expect(404);
    await request(stack.server).get('/health/live').expect(200);
    const missing = await request(stack.server).get('/assets/no-such-file.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
