import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { caseStateQuery, caseWorkflowId } from '@grantflow/contracts';
import { findTemporalCli } from '../../infra/local/temporal-dev-server';
import {
  createOrganization,
  createPublishedProgram,
  draftApplication,
  eventually,
} from '../support/fixtures';
import { actorHeaders, signedIn } from '../support/auth';
import { startStack, type TestStack } from '../support/stack';

const run = promisify(execFile);

describe('an organization drafts and submits an application', () => {
  let stack: TestStack;
  let organizationId: string;
  let programId: string;

  beforeAll(async () => {
    stack = await startStack();
    organizationId = await createOrganization(stack.server, '紫阳街道');
    // A real-sized program: nothing moves on its own during these tests.
    programId = await createPublishedProgram(stack.server, { testSized: false });
  });

  afterAll(() => stack?.close());

  const draft = () => draftApplication(stack.server, { programId, organizationId, street: '紫阳街道' });

  const submit = (id: string, headers: Record<string, string> = {}) =>
    signedIn(stack.server)
      .post(`/api/applications/${id}/submit`)
      .set({ ...actorHeaders({ userId: 'applicant-1', organizationId }), ...headers });

  it('starts a case workflow, projects it to Postgres before answering, and tags it for operators', async () => {
    const id = await draft();
    const before = await signedIn(stack.server).get(`/api/applications/${id}`).expect(200);
    expect(before.body).toMatchObject({ stage: 'draft', phase: 'draft', caseId: null });

    const submitted = await submit(id, { 'Idempotency-Key': `submit-${id}` }).expect(200);
    expect(submitted.body).toMatchObject({
      id,
      stage: 'solicitation',
      phase: 'submitted',
      caseId: caseWorkflowId(id),
    });
    expect(Date.parse(submitted.body.submittedAt)).not.toBeNaN();
    expect(Date.parse(submitted.body.nextDeadlineAt)).toBeGreaterThan(Date.now());

    const timeline = await signedIn(stack.server).get(`/api/applications/${id}/timeline`).expect(200);
    expect(timeline.body).toEqual([
      expect.objectContaining({
        sequence: 1,
        action: 'submit',
        fromStage: 'draft',
        toStage: 'solicitation',
        actorId: 'applicant-1',
      }),
    ]);

    // Temporal and Postgres agree on where the case stands.
    const state = await stack.temporal.workflow.getHandle(caseWorkflowId(id)).query(caseStateQuery);
    expect(state).toMatchObject({ stage: 'solicitation', phase: 'submitted', sequence: 1 });

    // Operators find the case by its search attributes, with the CLI as with the UI.
    const query = `WorkflowId='${caseWorkflowId(id)}' AND GrantflowStage='solicitation' AND GrantflowStreet='紫阳街道' AND GrantflowCategory='elderly' AND GrantflowProgramId='${programId}'`;
    const listed = await eventually(async () => {
      const { stdout } = await run(findTemporalCli() ?? 'temporal', [
        'workflow',
        'list',
        '--address',
        process.env.TEMPORAL_ADDRESS!,
        '--query',
        query,
        '--output',
        'json',
      ]);
      const rows = stdout.trim() ? (JSON.parse(stdout) as { execution: { workflowId: string } }[]) : [];
      return rows.length > 0 ? rows : undefined;
    });
    expect(listed.map((row) => row.execution.workflowId)).toEqual([caseWorkflowId(id)]);
  });

  it('answers a retried submit with the first result and records one transition', async () => {
    const id = await draft();
    const key = `retry-${id}`;
    const first = await submit(id, { 'Idempotency-Key': key }).expect(200);
    const retried = await submit(id, { 'Idempotency-Key': key }).expect(200);
    expect(retried.body).toEqual(first.body);
    const timeline = await signedIn(stack.server).get(`/api/applications/${id}/timeline`).expect(200);
    expect(timeline.body).toHaveLength(1);
  });

  it('refuses a second submit with a clear reason, in Chinese by default and in English on request', async () => {
    const id = await draft();
    await submit(id).expect(200);

    const refused = await submit(id).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: '/problems/action-refused',
      code: 'already_submitted',
      status: 409,
    });
    expect(refused.body.detail).toContain('申请已提交');

    const inEnglish = await submit(id, { 'Accept-Language': 'en-US,en;q=0.9' }).expect(409);
    expect(inEnglish.body.detail).toContain('already submitted');

    const timeline = await signedIn(stack.server).get(`/api/applications/${id}/timeline`).expect(200);
    expect(timeline.body).toHaveLength(1);
  });

  it('creates one case and one transition when the same draft is submitted concurrently', async () => {
    const id = await draft();
    const responses = await Promise.all(Array.from({ length: 5 }, () => submit(id)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const timeline = await signedIn(stack.server).get(`/api/applications/${id}/timeline`).expect(200);
    expect(timeline.body).toHaveLength(1);
  });

  it('refuses a submit by another organization and changes nothing', async () => {
    const id = await draft();
    const refused = await submit(
      id,
      actorHeaders({ userId: 'applicant-1', organizationId: '00000000-0000-4000-8000-000000000000' }),
    ).expect(403);
    expect(refused.body.code).toBe('not_applicant');
    const read = await signedIn(stack.server).get(`/api/applications/${id}`).expect(200);
    expect(read.body.stage).toBe('draft');
  });

  it('refuses to submit an incomplete form, naming each missing field', async () => {
    const response = await signedIn(stack.server, actorHeaders({ userId: 'applicant-1', organizationId }))
      .post('/api/applications')
      .send({
        programId,
        organizationId,
        title: '未填完的申请',
        category: 'youth',
        street: '紫阳街道',
        requestedAmountFen: 100_000,
        form: { projectName: '四点半课堂' },
      })
      .expect(201);
    const refused = await submit(response.body.id).expect(422);
    const fields = refused.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['form.serviceArea', 'form.budgetDetail', 'form.registrationCertificate']),
    );
    expect(fields).not.toContain('form.projectName');
  });

  it('withdraws a submitted application, ends the case, and never restarts it', async () => {
    const id = await draft();
    await submit(id).expect(200);
    const withdrawn = await signedIn(stack.server)
      .post(`/api/applications/${id}/withdraw`)
      .set(actorHeaders({ userId: 'applicant-1', organizationId }))
      .send({ reason: '项目负责人调离' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ stage: 'withdrawn', terminal: 'withdrawn', nextDeadlineAt: null });

    const result = await stack.temporal.workflow.getHandle(caseWorkflowId(id)).result();
    expect(result).toMatchObject({ stage: 'withdrawn', transitionCount: 2 });

    const resubmitted = await submit(id).expect(409);
    expect(resubmitted.body.type).toBe('/problems/case-exists');
    const timeline = await signedIn(stack.server).get(`/api/applications/${id}/timeline`).expect(200);
    expect(
      timeline.body.map((entry: { toStage: string; reason: string | null }) => [entry.toStage, entry.reason]),
    ).toEqual([
      ['solicitation', null],
      ['withdrawn', '项目负责人调离'],
    ]);
  });

  it('rejects invalid input field by field without creating anything', async () => {
    const response = await signedIn(stack.server, actorHeaders({ userId: 'applicant-1', organizationId }))
      .post('/api/applications')
      .send({
        programId: 'not-a-uuid',
        organizationId,
        title: '',
        category: 'space',
        street: '紫阳街道',
        requestedAmountFen: 12.5,
        extra: 1,
      })
      .expect(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = response.body.errors.map(
      (error: { field: string; code: string }) => `${error.field}:${error.code}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'programId:isUuid',
        'title:isNotEmpty',
        'category:isIn',
        'requestedAmountFen:isInt',
        'extra:whitelistValidation',
      ]),
    );
    const category = response.body.errors.find((error: { field: string }) => error.field === 'category');
    expect(category.message).toContain('必须是以下值之一');
  });

  it('answers an unknown application with a 404 problem', async () => {
    const response = await signedIn(stack.server)
      .get('/api/applications/6f1c2a8e-0000-4000-8000-000000000000')
      .expect(404);
    expect(response.body).toMatchObject({ type: '/problems/not-found', status: 404 });
  });
});
