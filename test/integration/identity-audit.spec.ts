import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { caseActionUpdate, caseStateQuery, caseWorkflowId } from '@grantflow/contracts';
import { dataSourceOptions } from '@grantflow/db';
import { ADMINISTRATOR, actorHeaders, DISTRICT_COORDINATOR, signedIn } from '../support/auth';
import {
  createOrganization,
  createPublishedProgram,
  draftApplication,
  eventually,
} from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

const PASSWORD = 'Community#Care2026';

describe('sign-in, sessions and passwords', () => {
  let stack: TestStack;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    dataSource = new DataSource({ ...dataSourceOptions({ url: process.env.DATABASE_URL! }), poolSize: 2 });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.close();
  });

  const register = async (email = `person-${randomUUID()}@example.org`) => {
    const response = await request(stack.server)
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, displayName: '林晓' })
      .expect(201);
    return {
      email,
      ...(response.body as { accessToken: string; refreshToken: string; user: { id: string } }),
    };
  };
  const refresh = (refreshToken: string) =>
    request(stack.server).post('/api/auth/refresh').send({ refreshToken });
  const login = (email: string, password: string) =>
    request(stack.server).post('/api/auth/login').send({ email, password });

  it('signs in with the password, stores only an argon2id hash, and tells nothing about unknown accounts', async () => {
    const { email, user } = await register();
    const [row] = await dataSource.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const session = await login(email.toUpperCase(), PASSWORD).expect(200);
    expect(session.body.user).toMatchObject({ id: user.id, email, roles: [] });
    const me = await request(stack.server)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${session.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(user.id);

    const wrong = await login(email, 'Wrong#Password1').expect(401);
    const unknown = await login(`nobody-${randomUUID()}@example.org`, PASSWORD).expect(401);
    expect(wrong.body).toMatchObject({ code: 'wrong_credentials', title: '登录失败' });
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const first = await register();
    const second = (await refresh(first.refreshToken).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (await refresh(second.refreshToken).expect(200)).body;

    // Someone replays the first token: the family is revoked, the thief and the owner both sign in again.
    const reuse = await refresh(first.refreshToken).expect(401);
    expect(reuse.body.code).toBe('refresh_token_reused');
    const owner = await refresh(third.refreshToken).expect(401);
    expect(owner.body.code).toBe('refresh_token_revoked');
    const [revoked] = await dataSource.query(
      `SELECT count(*)::int AS open FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [first.user.id],
    );
    expect(revoked.open).toBe(0);
    // A new sign-in opens a new, working session.
    const again = (await login(first.email, PASSWORD).expect(200)).body;
    await refresh(again.refreshToken).expect(200);
  });

  it('lets only one of two concurrent refreshes with the same token through', async () => {
    const { refreshToken } = await register();
    const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
  });

  it('ends the session on logout', async () => {
    const { refreshToken } = await register();
    await request(stack.server).post('/api/auth/logout').send({ refreshToken }).expect(204);
    await refresh(refreshToken).expect(401);
  });

  it('locks an account after ten wrong passwords in a row, even for the right one', async () => {
    const { email } = await register();
    for (let attempt = 0; attempt < 10; attempt += 1) await login(email, `Wrong#Guess${attempt}`).expect(401);
    const locked = await login(email, PASSWORD).set('Accept-Language', 'en').expect(429);
    expect(locked.body).toMatchObject({ code: 'too_many_failures', title: 'Too many sign-in attempts' });
  });

  it('changes the password, refusing a weak one field by field and ending the other sessions', async () => {
    const { email, accessToken, refreshToken } = await register();
    const bearer = { Authorization: `Bearer ${accessToken}` };
    const weak = await request(stack.server)
      .post('/api/auth/password')
      .set(bearer)
      .send({ currentPassword: PASSWORD, newPassword: 'short' })
      .expect(422);
    expect(weak.body.errors.map((error: { code: string }) => error.code)).toEqual(
      expect.arrayContaining(['password_too_short', 'password_too_simple']),
    );
    const wrongCurrent = await request(stack.server)
      .post('/api/auth/password')
      .set(bearer)
      .send({ currentPassword: 'Not#The1Password', newPassword: 'Brand#New2026pw' })
      .expect(422);
    expect(wrongCurrent.body.errors[0]).toMatchObject({ field: 'currentPassword', code: 'wrong_password' });

    await request(stack.server)
      .post('/api/auth/password')
      .set(bearer)
      .send({ currentPassword: PASSWORD, newPassword: 'Brand#New2026pw' })
      .expect(204);
    await refresh(refreshToken).expect(401);
    await login(email, PASSWORD).expect(401);
    await login(email, 'Brand#New2026pw').expect(200);
  });

  it('resets a forgotten password through a one-time link sent by e-mail', async () => {
    const { email, user } = await register();
    await request(stack.server).post('/api/auth/password-reset').send({ email }).expect(202);
    // An unknown address gets the same answer and no e-mail.
    await request(stack.server)
      .post('/api/auth/password-reset')
      .send({ email: `nobody-${randomUUID()}@example.org` })
      .expect(202);
    const [message] = await dataSource.query(
      `SELECT o.body_text FROM outbox_messages o JOIN notifications n ON n.id = o.notification_id
        WHERE n.recipient_kind = 'user' AND n.recipient_id = $1 AND n.kind = 'password_reset'`,
      [user.id],
    );
    const token = /reset-password\?token=([\w-]+)/.exec(message.body_text)![1];
    const [stored] = await dataSource.query('SELECT token_hash FROM password_resets WHERE user_id = $1', [
      user.id,
    ]);
    expect(stored.token_hash).not.toContain(token);

    await request(stack.server)
      .post('/api/auth/password-reset/confirm')
      .send({ token, newPassword: 'Reset#Works2026' })
      .expect(204);
    await login(email, 'Reset#Works2026').expect(200);
    const reused = await request(stack.server)
      .post('/api/auth/password-reset/confirm')
      .send({ token, newPassword: 'Another#Try2026' })
      .expect(422);
    expect(reused.body.errors[0]).toMatchObject({ field: 'token', code: 'invalid_or_expired' });
  });

  it('lets an administrator create a staff account that is invited to set its password', async () => {
    const email = `coordinator-${randomUUID()}@example.org`;
    const created = await signedIn(stack.server, ADMINISTRATOR)
      .post('/api/admin/users')
      .send({ email, displayName: '赵敏', roles: ['coordinator:street'], scope: '清波街道' })
      .expect(201);
    expect(created.body).toMatchObject({ email, roles: ['coordinator:street'], scope: '清波街道' });
    await login(email, PASSWORD).expect(401);
    const invalidRole = await signedIn(stack.server, ADMINISTRATOR)
      .post('/api/admin/users')
      .send({ email: `x-${email}`, displayName: 'x', roles: ['emperor'] })
      .expect(422);
    expect(invalidRole.body.errors[0].field).toMatch(/^roles/);
  });
});

describe('rate limits on sign-in', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false, environment: { RATE_LIMIT_AUTH_PER_MINUTE: '3' } });
  });
  afterAll(() => stack?.close());

  it('refuses a fourth sign-in attempt from one address within a minute', async () => {
    const attempt = () =>
      request(stack.server).post('/api/auth/login').send({ email: 'someone@example.org', password: 'x' });
    for (let index = 0; index < 3; index += 1) expect((await attempt()).status).toBe(401);
    const throttled = await attempt().expect(429);
    expect(throttled.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(throttled.body.title).toBe('请求过于频繁');
  });
});

describe('the audit trail', () => {
  let stack: TestStack;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await startStack();
    dataSource = new DataSource({ ...dataSourceOptions({ url: process.env.DATABASE_URL! }), poolSize: 2 });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.close();
  });

  const verify = async () =>
    (await signedIn(stack.server, ADMINISTRATOR).get('/api/admin/audit/verify').expect(200)).body as {
      ok: boolean;
      checked: number;
      firstBroken?: { sequence: string; reason: string };
    };

  it('records requests and workflow transitions with actor, roles, request, workflow and run', async () => {
    const organizationId = await createOrganization(stack.server, '南星街道');
    const programId = await createPublishedProgram(stack.server, { testSized: false });
    const id = await draftApplication(stack.server, { programId, organizationId, street: '南星街道' });
    const applicant = actorHeaders({ userId: 'audited-applicant', organizationId });
    await signedIn(stack.server, applicant)
      .post(`/api/applications/${id}/submit`)
      .set('X-Request-Id', `audit-${id}`)
      .expect(200);

    const records = await eventually(async () => {
      const rows = (
        await signedIn(stack.server, ADMINISTRATOR)
          .get('/api/admin/audit')
          .query({ subjectType: 'application', subjectId: id })
          .expect(200)
      ).body as {
        source: string;
        action: string;
        actorId: string;
        actorRoles: string[];
        requestId: string | null;
        workflowId: string | null;
        runId: string | null;
        summary: Record<string, unknown>;
      }[];
      return rows.some((row) => row.source === 'transition') ? rows : undefined;
    });
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'request',
          action: 'POST /api/applications/{id}/submit',
          actorId: 'audited-applicant',
          actorRoles: ['applicant'],
          requestId: `audit-${id}`,
          workflowId: `case:${id}`,
          summary: { status: 200 },
        }),
        expect.objectContaining({
          source: 'transition',
          action: 'submit',
          actorId: 'audited-applicant',
          actorRoles: ['applicant'],
          workflowId: `case:${id}`,
          summary: expect.objectContaining({ fromStage: 'draft', toStage: 'solicitation' }),
        }),
      ]),
    );
    const transition = records.find((record) => record.source === 'transition')!;
    expect(transition.runId).toMatch(/^[0-9a-f-]{36}$/);

    // A refused request is recorded too, with its reason.
    await signedIn(stack.server, applicant).post(`/api/applications/${id}/submit`).expect(409);
    const refused = (
      await signedIn(stack.server, ADMINISTRATOR)
        .get('/api/admin/audit')
        .query({ subjectType: 'application', subjectId: id })
        .expect(200)
    ).body as { summary: Record<string, unknown> }[];
    expect(refused.map((record) => record.summary)).toContainEqual({
      status: 409,
      refused: 'already_submitted',
    });
  });

  it('records a program calendar action with the roles its user acted in, the program’s own steps as the system', async () => {
    const programId = await createPublishedProgram(stack.server, { testSized: false });
    const transitions = () =>
      signedIn(stack.server, ADMINISTRATOR)
        .get('/api/admin/audit')
        .query({ subjectType: 'program', subjectId: programId })
        .expect(200)
        .then((response) =>
          (response.body as { source: string; action: string; actorRoles: string[] }[]).filter(
            (row) => row.source === 'transition',
          ),
        );
    const recorded = (action: string) =>
      eventually(async () => (await transitions()).find((row) => row.action === action));

    // The program opens its call on its own, then a district coordinator moves the call's close.
    expect((await recorded('stage_opened')).actorRoles).toEqual(['system']);
    await signedIn(stack.server, DISTRICT_COORDINATOR)
      .post(`/api/programs/${programId}/stages/solicitation/extend`)
      .send({ until: new Date(Date.now() + 30 * 86_400_000).toISOString(), reason: '延长征集' })
      .expect(200);
    expect((await recorded('extend_stage')).actorRoles).toEqual(['coordinator:district']);
  });

  it('refuses an action sent to Temporal directly by an actor the case does not allow', async () => {
    const organizationId = await createOrganization(stack.server, '湖滨街道');
    const programId = await createPublishedProgram(stack.server, { testSized: false });
    const id = await draftApplication(stack.server, { programId, organizationId, street: '湖滨街道' });
    await signedIn(stack.server, actorHeaders({ userId: 'owner', organizationId }))
      .post(`/api/applications/${id}/submit`)
      .expect(200);
    const handle = stack.temporal.workflow.getHandle(caseWorkflowId(id));
    // Past the API: another organization withdraws the case, an applicant screens it.
    await expect(
      handle.executeUpdate(caseActionUpdate, {
        args: [
          {
            action: 'withdraw',
            actor: { userId: 'intruder', roles: ['applicant'], organizationId: randomUUID() },
          },
        ],
      }),
    ).rejects.toThrow();
    await expect(
      handle.executeUpdate(caseActionUpdate, {
        args: [
          {
            action: 'screen',
            decision: 'eligible',
            actor: { userId: 'owner', roles: ['applicant'], organizationId },
          },
        ],
      }),
    ).rejects.toMatchObject({
      cause: { message: expect.stringContaining('Your role may not perform "screen"') },
    });
    const state = await handle.query(caseStateQuery);
    expect(state).toMatchObject({ stage: 'solicitation', terminal: null });
  });

  it('is append-only for the application and detects an edited or deleted record, naming the first broken link', async () => {
    expect((await verify()).ok).toBe(true);
    await expect(
      dataSource.query(`UPDATE audit_records SET actor_id = 'someone-else' WHERE sequence = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit_records WHERE sequence = 2')).rejects.toThrow(
      /append-only/,
    );

    // Someone with the database owner's rights switches the guard off and edits a record.
    const [{ sequence }] = await dataSource.query(
      `SELECT sequence FROM audit_records WHERE source = 'transition' ORDER BY sequence LIMIT 1`,
    );
    const [original] = await dataSource.query('SELECT * FROM audit_records WHERE sequence = $1', [sequence]);
    await dataSource.query('ALTER TABLE audit_records DISABLE TRIGGER tr_audit_records_append_only');
    try {
      await dataSource.query(`UPDATE audit_records SET actor_id = 'someone-else' WHERE sequence = $1`, [
        sequence,
      ]);
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { sequence, reason: 'hash_mismatch' } });
      await dataSource.query('UPDATE audit_records SET actor_id = $2 WHERE sequence = $1', [
        sequence,
        original.actor_id,
      ]);
      expect((await verify()).ok).toBe(true);

      await dataSource.query('DELETE FROM audit_records WHERE sequence = $1', [sequence]);
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { reason: 'sequence_gap' } });
      await dataSource.query(
        `INSERT INTO audit_records SELECT * FROM jsonb_populate_record(NULL::audit_records, $1::jsonb)`,
        [JSON.stringify(original)],
      );
      expect((await verify()).ok).toBe(true);
    } finally {
      await dataSource.query('ALTER TABLE audit_records ENABLE TRIGGER tr_audit_records_append_only');
    }
  });

  it('lets only administrators read or verify the trail', async () => {
    await signedIn(stack.server).get('/api/admin/audit/verify').expect(403);
    await request(stack.server).get('/api/admin/audit/verify').expect(401);
  });
});
