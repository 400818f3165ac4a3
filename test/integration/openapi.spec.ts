import request from 'supertest';
import { actorHeaders, signedIn } from '../support/auth';
import { startStack, type TestStack } from '../support/stack';

describe('API documentation', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack?.close());

  it('serves an OpenAPI 3 document generated from the controllers', async () => {
    const { body } = await signedIn(stack.server).get('/api/openapi.json').expect(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/organizations',
        '/api/programs',
        '/api/applications',
        '/api/applications/{id}',
        '/api/applications/{id}/submit',
        '/api/applications/{id}/withdraw',
        '/api/applications/{id}/timeline',
      ]),
    );
    const submit = body.paths['/api/applications/{id}/submit'].post;
    expect(submit.parameters.map((parameter: { name: string }) => parameter.name)).toContain(
      'Idempotency-Key',
    );
    expect(body.components.schemas.CreateApplicationDto.required).toEqual(
      expect.arrayContaining([
        'programId',
        'organizationId',
        'title',
        'category',
        'street',
        'requestedAmountFen',
      ]),
    );
  });

  it('serves Swagger UI and security headers', async () => {
    const response = await signedIn(stack.server).get('/api/docs').expect(200);
    expect(response.text).toContain('swagger');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('passes a caller-supplied request id through and invents one otherwise', async () => {
    const echoed = await signedIn(stack.server)
      .get('/api/programs')
      .set('X-Request-Id', 'trace-1234')
      .expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-1234');
    const invented = await signedIn(stack.server).get('/api/programs').expect(200);
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a body over the size limit with a problem document', async () => {
    const response = await signedIn(stack.server)
      .post('/api/programs')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.title).toBe('请求内容过大');
  });
});

describe('malformed requests', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack?.close());

  it('answers malformed JSON with a 400 problem in English when asked', async () => {
    const response = await signedIn(stack.server)
      .post('/api/programs')
      .set({ 'Content-Type': 'application/json', 'Accept-Language': 'en' })
      .send('{"name": ')
      .expect(400);
    expect(response.body).toMatchObject({ type: '/problems/bad-request', title: 'Bad request', status: 400 });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await signedIn(stack.server).get('/api/nothing-here').expect(404);
    expect(response.body).toMatchObject({ status: 404, title: '资源不存在' });
  });
});

describe('organizations and templates', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack?.close());

  it('lets a new account register its organization, become its admin, edit it and add members', async () => {
    const email = `founder-${Date.now()}@example.org`;
    const opened = await request(stack.server)
      .post('/api/auth/register')
      .send({ email, password: 'Neighbours#2026', displayName: '陈立' })
      .expect(201);
    const founder = { Authorization: `Bearer ${opened.body.accessToken}` };
    expect(opened.body.user).toMatchObject({ email, roles: [], organizations: [] });

    const created = await signedIn(stack.server, founder)
      .post('/api/organizations')
      .send({
        name: '望江街道邻里服务社',
        kind: 'private_non_enterprise',
        street: '望江街道',
        creditCode: '52330102MJ1234567X',
      })
      .expect(201);
    const id = created.body.id;
    // The membership reaches the token at the next refresh; until then the account acts for no organization.
    await signedIn(stack.server, founder)
      .patch(`/api/organizations/${id}`)
      .send({ community: 'x' })
      .expect(403);
    const refreshed = await request(stack.server)
      .post('/api/auth/refresh')
      .send({ refreshToken: opened.body.refreshToken })
      .expect(200);
    expect(refreshed.body.user.organizations).toEqual([{ id, name: '望江街道邻里服务社', role: 'admin' }]);
    const admin = { Authorization: `Bearer ${refreshed.body.accessToken}` };

    const edited = await signedIn(stack.server, admin)
      .patch(`/api/organizations/${id}`)
      .send({ community: '近江社区' })
      .expect(200);
    expect(edited.body).toMatchObject({ name: '望江街道邻里服务社', community: '近江社区' });
    // Staff read organizations but only their admins change them.
    await signedIn(stack.server).patch(`/api/organizations/${id}`).send({ community: 'x' }).expect(403);

    await signedIn(stack.server, admin)
      .post(`/api/organizations/${id}/members`)
      .send({ name: '王芳', email: 'WangFang@example.org', role: 'member' })
      .expect(201);
    const duplicate = await signedIn(stack.server, admin)
      .post(`/api/organizations/${id}/members`)
      .send({ name: '王芳', email: 'wangfang@example.org', role: 'member' })
      .expect(409);
    expect(duplicate.body.errors[0]).toMatchObject({ field: 'email', code: 'duplicate' });
    const members = await signedIn(stack.server, admin).get(`/api/organizations/${id}/members`).expect(200);
    expect(
      members.body.map((member: { email: string; role: string }) => [member.email, member.role]),
    ).toEqual([
      [email, 'admin'],
      ['wangfang@example.org', 'member'],
    ]);
    // Another organization's member sees nothing of it.
    const outsider = actorHeaders({
      userId: 'outsider',
      organizationId: '00000000-0000-4000-8000-00000000000a',
    });
    await signedIn(stack.server, outsider).get(`/api/organizations/${id}`).expect(404);

    const taken = await signedIn(stack.server)
      .post('/api/organizations')
      .send({
        name: '另一个组织',
        kind: 'social_group',
        street: '望江街道',
        creditCode: '52330102MJ1234567X',
      })
      .expect(409);
    expect(taken.body.errors[0].field).toBe('creditCode');
  });

  it('serves the templates with their stages and application form', async () => {
    const list = await signedIn(stack.server).get('/api/templates').expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({ key: 'grant-competition', version: 1 }),
      expect.objectContaining({ key: 'government-procurement', version: 1 }),
      expect.objectContaining({ key: 'public-claiming', version: 1 }),
      expect.objectContaining({ key: 'company-funded', version: 1 }),
    ]);
    const template = await signedIn(stack.server).get('/api/templates/grant-competition').expect(200);
    expect(template.body.stages.map((stage: { key: string }) => stage.key)).toContain('district-review');
    expect(template.body.form.sections.length).toBeGreaterThan(0);
    await signedIn(stack.server).get('/api/templates/nothing').expect(404);
  });
});
