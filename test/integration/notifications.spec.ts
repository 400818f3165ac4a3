import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { configModule, loggingModule } from '@grantflow/config';
import { DatabaseModule, dataSourceOptions } from '@grantflow/db';
import {
  createNotificationActivities,
  MemberEmailDirectory,
  StaticEmailDirectory,
} from '../../activities/notification.activities';
import { configureApi } from '../../apps/api/src/configure-api';
import { AuthModule } from '../../apps/api/src/auth/auth.module';
import { NotificationsModule } from '../../apps/api/src/notifications/notifications.module';
import request from 'supertest';
import { actorHeaders, signedIn } from '../support/auth';
import {
  OutboxDispatcher,
  retryDelayMs,
  type MailMessage,
  type MailTransport,
} from '../../apps/worker/src/outbox/outbox-dispatcher';
import { roleRecipient, type NotificationRecipient, type NotifyInput } from '@grantflow/contracts';

// Needs the tables `notifications` and `outbox_messages`, i.e. the migration generated from their entities.

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({ ...dataSourceOptions({ url: process.env.DATABASE_URL! }), poolSize: 6 });
  await dataSource.initialize();
});

afterAll(() => dataSource?.destroy());

const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

function event(recipients: NotificationRecipient[], overrides: Partial<NotifyInput> = {}): NotifyInput {
  return {
    dedupeKey: `case:${randomUUID()}:stage_opened:3`,
    kind: 'stage_opened',
    recipients,
    title: { zh: '初评已开始', en: 'Preliminary review has started' },
    body: { zh: '您的申请已进入街道初评。', en: 'Your application is now in street preliminary review.' },
    ...overrides,
  };
}

const organization = (): NotificationRecipient => ({ kind: 'organization', id: randomUUID() });

async function count(sql: string, parameters: unknown[]): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, parameters);
  return row.n;
}

async function eventually(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('notify activity', () => {
  it('stores one notification per recipient and queues e-mail only for recipients with an address', async () => {
    const applicant = organization();
    const reviewer: NotificationRecipient = { kind: 'user', id: `reviewer-${randomUUID()}` };
    const coordinators = roleRecipient('coordinator', `street:紫阳街道:${randomUUID()}`);
    const directory = new StaticEmailDirectory({
      [`organization:${applicant.id}`]: ['office@yangguang.example.org', ' office@yangguang.example.org '],
      [`role:${coordinators.id}`]: ['ziyang@street.example.gov.cn'],
    });
    const { notify } = createNotificationActivities({ dataSource, emailDirectory: directory });
    const applicationId = randomUUID();
    const input = event([applicant, reviewer, coordinators], {
      applicationId,
      dueAt: '2026-05-08T09:00:00.000Z',
    });

    expect(await notify(input)).toEqual({ created: 3 });

    const rows = await dataSource.query(
      `SELECT recipient_kind, recipient_id, kind, title_zh, title_en, application_id, due_at, read_at, dedupe_key
       FROM notifications WHERE dedupe_key LIKE $1 ORDER BY recipient_kind`,
      [`${input.dedupeKey}:%`],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        recipient_kind: 'organization',
        recipient_id: applicant.id,
        dedupe_key: `${input.dedupeKey}:organization:${applicant.id}`,
        kind: 'stage_opened',
        title_zh: '初评已开始',
        title_en: 'Preliminary review has started',
        application_id: applicationId,
        due_at: new Date('2026-05-08T09:00:00.000Z'),
        read_at: null,
      }),
      expect.objectContaining({ recipient_kind: 'role', recipient_id: coordinators.id }),
      expect.objectContaining({ recipient_kind: 'user', recipient_id: reviewer.id }),
    ]);

    const mail = await dataSource.query(
      `SELECT o.to_address, o.subject, o.body_text, o.status, o.attempts, n.recipient_kind
       FROM outbox_messages o JOIN notifications n ON n.id = o.notification_id
       WHERE n.dedupe_key LIKE $1 ORDER BY o.to_address`,
      [`${input.dedupeKey}:%`],
    );
    expect(mail).toEqual([
      expect.objectContaining({ to_address: 'office@yangguang.example.org', recipient_kind: 'organization' }),
      expect.objectContaining({ to_address: 'ziyang@street.example.gov.cn', recipient_kind: 'role' }),
    ]);
    expect(mail[0]).toMatchObject({
      subject: '初评已开始 / Preliminary review has started',
      status: 'pending',
      attempts: 0,
    });
    // Chinese first, English second.
    expect(mail[0].body_text.indexOf('您的申请')).toBeLessThan(mail[0].body_text.indexOf('Your application'));
  });

  it('finds e-mail addresses of accounts: a user by id, a role within its scope, never a disabled one', async () => {
    const scope = `紫阳街道-${randomUUID()}`;
    const [inScope, elsewhere, disabled, expert] = await Promise.all(
      ['in-scope', 'elsewhere', 'disabled', 'expert'].map(async (name) => {
        const [row] = await dataSource.query(
          `INSERT INTO users (email, display_name, roles, scope, disabled_at)
           VALUES ($1, $2, $3, $4, $5) RETURNING id, email`,
          [
            `${name}-${randomUUID()}@example.gov.cn`,
            name,
            name === 'expert' ? ['reviewer'] : ['coordinator:street'],
            name === 'elsewhere' ? `望江街道-${randomUUID()}` : name === 'expert' ? null : scope,
            name === 'disabled' ? new Date() : null,
          ],
        );
        return row as { id: string; email: string };
      }),
    );
    const directory = new MemberEmailDirectory(dataSource);
    expect(await directory.addressesFor({ kind: 'role', id: `coordinator:street:${scope}` })).toEqual([
      inScope.email,
    ]);
    expect(await directory.addressesFor({ kind: 'user', id: expert.id })).toEqual([expert.email]);
    expect(await directory.addressesFor({ kind: 'user', id: disabled.id })).toEqual([]);
    expect(await directory.addressesFor({ kind: 'user', id: 'not-an-account' })).toEqual([]);
    expect(await directory.addressesFor({ kind: 'role', id: 'coordinator:street' })).toEqual(
      expect.arrayContaining([inScope.email, elsewhere.email]),
    );
  });

  it('notifies nobody twice when the activity is retried, replayed or runs concurrently', async () => {
    const recipients = [organization(), organization(), organization()];
    const directory = new StaticEmailDirectory(
      Object.fromEntries(recipients.map((r) => [`organization:${r.id}`, [`${r.id}@example.org`]])),
    );
    const { notify } = createNotificationActivities({ dataSource, emailDirectory: directory });
    const input = event(recipients);

    const results = await Promise.all(Array.from({ length: 5 }, () => notify(input)));
    const again = await notify(input);

    expect(results.reduce((sum, result) => sum + result.created, 0)).toBe(3);
    expect(again).toEqual({ created: 0 });
    expect(await count('notifications WHERE dedupe_key LIKE $1', [`${input.dedupeKey}:%`])).toBe(3);
    expect(
      await count(
        'outbox_messages o JOIN notifications n ON n.id = o.notification_id WHERE n.dedupe_key LIKE $1',
        [`${input.dedupeKey}:%`],
      ),
    ).toBe(3);
  });

  it('tells a recipient added to the same event later without telling the others again', async () => {
    const first = organization();
    const { notify } = createNotificationActivities({ dataSource });
    const input = event([first]);
    await notify(input);
    const late = organization();
    expect(await notify({ ...input, recipients: [first, late, late] })).toEqual({ created: 1 });
    expect(await count('notifications WHERE recipient_id = $1', [first.id])).toBe(1);
    expect(await count('notifications WHERE recipient_id = $1', [late.id])).toBe(1);
  });

  it('refuses malformed input with a non-retryable failure and stores nothing', async () => {
    const { notify } = createNotificationActivities({ dataSource });
    const recipient = organization();
    for (const bad of [
      event([recipient], { dueAt: 'next Friday' }),
      event([recipient], { applicationId: 'APP-1' }),
      event([{ kind: 'team' as NotificationRecipient['kind'], id: 'x' }]),
      event([{ kind: 'user', id: '' }]),
    ]) {
      const failure = await notify(bad).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'InvalidNotification', nonRetryable: true });
    }
    expect(await count('notifications WHERE recipient_id = $1', [recipient.id])).toBe(0);
  });
});

/** A mail transport that records what it sends; `fail` decides per attempt whether the send fails. */
class RecordingTransport implements MailTransport {
  readonly sent: MailMessage[] = [];
  calls = 0;
  constructor(private readonly fail: (mail: MailMessage) => Error | undefined = () => undefined) {}
  async send(mail: MailMessage): Promise<void> {
    this.calls++;
    const error = this.fail(mail);
    if (error) throw error;
    this.sent.push(mail);
  }
}

describe('outbox dispatcher', () => {
  // This file is the only writer of the outbox in the test database; each test starts from an empty one.
  beforeEach(() => dataSource.query('DELETE FROM outbox_messages'));

  /** Queues `n` e-mails through the notify activity, as a workflow would. */
  async function queue(n: number): Promise<string[]> {
    const recipients = Array.from({ length: n }, organization);
    const addresses = recipients.map((r) => `${r.id}@example.org`);
    const directory = new StaticEmailDirectory(
      Object.fromEntries(recipients.map((r, i) => [`organization:${r.id}`, [addresses[i]]])),
    );
    await createNotificationActivities({ dataSource, emailDirectory: directory }).notify(event(recipients));
    return addresses.sort();
  }

  const outbox = () =>
    dataSource.query(
      `SELECT to_address, status, attempts, last_error, sent_at,
              (extract(epoch FROM next_attempt_at - now()) * 1000)::int AS due_in_ms
       FROM outbox_messages ORDER BY to_address`,
    ) as Promise<
      {
        to_address: string;
        status: string;
        attempts: number;
        last_error: string | null;
        sent_at: Date | null;
        due_in_ms: number;
      }[]
    >;

  it('sends due messages in batches of at most batchSize and marks each sent', async () => {
    const addresses = await queue(5);
    const transport = new RecordingTransport();
    const dispatcher = new OutboxDispatcher({ dataSource, transport, logger: quietLogger, batchSize: 2 });

    expect([
      await dispatcher.dispatchOnce(),
      await dispatcher.dispatchOnce(),
      await dispatcher.dispatchOnce(),
      await dispatcher.dispatchOnce(),
    ]).toEqual([2, 2, 1, 0]);
    expect(transport.sent.map((mail) => mail.to).sort()).toEqual(addresses);
    expect(transport.sent[0].subject).toBe('初评已开始 / Preliminary review has started');
    for (const row of await outbox()) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      expect(row.sent_at).toBeInstanceOf(Date);
    }
  });

  it('retries a failing message with exponential backoff and gives up after eight attempts', async () => {
    await queue(1);
    const transport = new RecordingTransport(() => new Error('421 4.7.0 Try again later'));
    const dispatcher = new OutboxDispatcher({ dataSource, transport, logger: quietLogger });

    for (let attempt = 1; attempt <= 7; attempt++) {
      expect(await dispatcher.dispatchOnce()).toBe(1);
      const [row] = await outbox();
      expect(row).toMatchObject({
        status: 'pending',
        attempts: attempt,
        last_error: expect.stringContaining('421'),
      });
      // Due again after the backoff (measured on the database clock, so a little under it).
      expect(row.due_in_ms).toBeGreaterThan(retryDelayMs(attempt) - 5_000);
      expect(row.due_in_ms).toBeLessThanOrEqual(retryDelayMs(attempt));
      // Not due yet: nothing to send.
      expect(await dispatcher.dispatchOnce()).toBe(0);
      // Let the backoff pass.
      await dataSource.query('UPDATE outbox_messages SET next_attempt_at = now()');
    }
    expect(await dispatcher.dispatchOnce()).toBe(1);
    expect((await outbox())[0]).toMatchObject({ status: 'failed', attempts: 8, sent_at: null });
    await dataSource.query('UPDATE outbox_messages SET next_attempt_at = now()');
    expect(await dispatcher.dispatchOnce()).toBe(0);
    expect(transport.calls).toBe(8);
  });

  it('sends a message on a later attempt after a transient failure', async () => {
    await queue(1);
    let failures = 1;
    const transport = new RecordingTransport(() =>
      failures-- > 0 ? new Error('connection reset') : undefined,
    );
    const dispatcher = new OutboxDispatcher({ dataSource, transport, logger: quietLogger });
    await dispatcher.dispatchOnce();
    await dataSource.query('UPDATE outbox_messages SET next_attempt_at = now()');
    await dispatcher.dispatchOnce();
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(transport.sent).toHaveLength(1);
  });

  it('skips a message another process holds locked instead of waiting for it', async () => {
    const [locked, free] = await queue(2);
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT id FROM outbox_messages WHERE to_address = $1 FOR UPDATE', [locked]);
      const transport = new RecordingTransport();
      const dispatcher = new OutboxDispatcher({ dataSource, transport, logger: quietLogger });
      expect(await dispatcher.dispatchOnce()).toBe(1);
      expect(transport.sent.map((mail) => mail.to)).toEqual([free]);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('sends every message exactly once when two dispatchers poll the same outbox', async () => {
    const addresses = await queue(40);
    const transport = new RecordingTransport();
    const slow: MailTransport = {
      send: async (mail) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
        await transport.send(mail);
      },
    };
    const dispatchers = [1, 2].map(
      () =>
        new OutboxDispatcher({
          dataSource,
          transport: slow,
          logger: quietLogger,
          batchSize: 3,
          intervalMs: 20,
        }),
    );
    dispatchers.forEach((dispatcher) => dispatcher.start());
    try {
      await eventually(async () => (await count("outbox_messages WHERE status = 'sent'", [])) === 40);
    } finally {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    }
    expect(transport.sent.map((mail) => mail.to).sort()).toEqual(addresses);
  });

  it('drains a backlog without pausing between full batches', async () => {
    await queue(6);
    const transport = new RecordingTransport();
    // The pause is far longer than the test: only back-to-back polls can send all six in time.
    const dispatcher = new OutboxDispatcher({
      dataSource,
      transport,
      logger: quietLogger,
      batchSize: 2,
      intervalMs: 60_000,
    });
    dispatcher.start();
    try {
      await eventually(async () => transport.sent.length === 6, 5_000);
    } finally {
      await dispatcher.stop();
    }
  });

  it('pauses after a full batch in which nothing got through, instead of hammering a mail server that is down', async () => {
    await queue(6);
    const transport = new RecordingTransport(() => new Error('connect ECONNREFUSED'));
    const dispatcher = new OutboxDispatcher({
      dataSource,
      transport,
      logger: quietLogger,
      batchSize: 2,
      intervalMs: 60_000,
    });
    dispatcher.start();
    try {
      await eventually(async () => transport.calls === 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(transport.calls).toBe(2);
    } finally {
      await dispatcher.stop();
    }
    expect(await count("outbox_messages WHERE status = 'pending' AND attempts = 0", [])).toBe(4);
  });

  it('waits for the batch in flight when stopped, records it, and polls no more', async () => {
    await queue(1);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const transport: MailTransport = {
      send: async (mail) => {
        await released;
        sent.push(mail.to);
      },
    };
    const dispatcher = new OutboxDispatcher({ dataSource, transport, logger: quietLogger, intervalMs: 20 });
    dispatcher.start();
    await eventually(async () => (await outbox())[0]?.attempts === 1);

    let stopped = false;
    const stopping = dispatcher.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 1 });

    await queue(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent).toHaveLength(1);
    expect(await count("outbox_messages WHERE status = 'pending'", [])).toBe(1);
  });

  it('lets another dispatcher retry a message whose lease ran out, and ignores the late result of the first', async () => {
    const [address] = await queue(1);
    let failFirst!: (error: Error) => void;
    const stuck: MailTransport = {
      send: () => new Promise<void>((_resolve, reject) => (failFirst = reject)),
    };
    const first = new OutboxDispatcher({ dataSource, transport: stuck, logger: quietLogger, leaseMs: 300 });
    const firstBatch = first.dispatchOnce();
    await eventually(async () => failFirst !== undefined);

    const transport = new RecordingTransport();
    const second = new OutboxDispatcher({ dataSource, transport, logger: quietLogger });
    // Claimed and leased by the first dispatcher: invisible.
    expect(await second.dispatchOnce()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await second.dispatchOnce()).toBe(1);
    expect(transport.sent.map((mail) => mail.to)).toEqual([address]);

    // The first send finally fails; its stale result must not turn the sent message back into a retry.
    failFirst(new Error('timeout'));
    await firstBatch;
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });
});

describe('notifications API', () => {
  let app: NestExpressApplication;
  let server: Server;

  beforeAll(async () => {
    // NestJS registers NotificationsModule in ApiModule separately; this suite boots the module on its own with
    // the real API's pipes, filters and prefix, so it does not depend on that registration.
    app = await NestFactory.create<NestExpressApplication>(
      {
        module: class NotificationsApi {},
        imports: [configModule(), loggingModule(), DatabaseModule, AuthModule, NotificationsModule],
      },
      { bodyParser: false, logger: ['error', 'warn'], bufferLogs: true, abortOnError: false },
    );
    configureApi(app);
    await app.init();
    server = app.getHttpServer() as Server;
  });

  afterAll(() => app?.close());

  const tell = (input: NotifyInput) => createNotificationActivities({ dataSource }).notify(input);

  /** Three notifications for one organization, told one after another (oldest first). */
  async function inbox(): Promise<{
    recipient: NotificationRecipient;
    query: string;
    member: Record<string, string>;
  }> {
    const recipient = organization();
    await tell(event([recipient], { kind: 'stage_opened' }));
    await tell(
      event([recipient], {
        kind: 'revision_requested',
        title: { zh: '请补充材料', en: 'Revision requested' },
        body: {
          zh: '请在截止日前补充预算说明。',
          en: 'Please add a budget explanation before the deadline.',
        },
      }),
    );
    await tell(
      event([recipient], {
        kind: 'deadline_near',
        title: { zh: '截止日临近', en: 'Deadline near' },
        body: { zh: '补充材料将于明天截止。', en: 'The revision is due tomorrow.' },
        applicationId: '3f0e8a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
        dueAt: '2026-05-08T09:00:00.000Z',
      }),
    );
    return {
      recipient,
      query: `recipientKind=organization&recipientId=${recipient.id}`,
      member: actorHeaders({ userId: `member-${recipient.id}`, organizationId: recipient.id }),
    };
  }

  it('lists a recipient’s notifications newest first, in Chinese by default and in English on request', async () => {
    const { query, member } = await inbox();

    const zh = await signedIn(server, member).get(`/api/notifications?${query}`).expect(200);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.body).toMatchObject({ page: 1, pageSize: 20, total: 3, unreadCount: 3 });
    expect(zh.body.items.map((item: { kind: string }) => item.kind)).toEqual([
      'deadline_near',
      'revision_requested',
      'stage_opened',
    ]);
    expect(zh.body.items[0]).toMatchObject({
      title: '截止日临近',
      body: '补充材料将于明天截止。',
      applicationId: '3f0e8a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
      dueAt: '2026-05-08T09:00:00.000Z',
      readAt: null,
    });

    const en = await signedIn(server, member)
      .get(`/api/notifications?${query}`)
      .set('Accept-Language', 'en-US,en;q=0.9')
      .expect(200);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.items.map((item: { title: string }) => item.title)).toEqual([
      'Deadline near',
      'Revision requested',
      'Preliminary review has started',
    ]);
  });

  it('pages through the notifications without gaps or repeats', async () => {
    const { query, member } = await inbox();
    const first = await signedIn(server, member).get(`/api/notifications?${query}&pageSize=2`).expect(200);
    const second = await signedIn(server, member)
      .get(`/api/notifications?${query}&pageSize=2&page=2`)
      .expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(first.body.items.map((item: { kind: string }) => item.kind)).toEqual([
      'deadline_near',
      'revision_requested',
    ]);
    expect(second.body.items.map((item: { kind: string }) => item.kind)).toEqual(['stage_opened']);
  });

  it('marks a notification read once, however often it is asked, and filters unread ones', async () => {
    const { query, member } = await inbox();
    const listed = await signedIn(server, member).get(`/api/notifications?${query}`).expect(200);
    const id = listed.body.items[1].id;

    const read = await signedIn(server, member).post(`/api/notifications/${id}/read?${query}`).expect(200);
    expect(Date.parse(read.body.readAt)).not.toBeNaN();
    const again = await signedIn(server, member).post(`/api/notifications/${id}/read?${query}`).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const unread = await signedIn(server, member)
      .get(`/api/notifications?${query}&unreadOnly=true`)
      .expect(200);
    expect(unread.body).toMatchObject({ total: 2, unreadCount: 2 });
    expect(unread.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    const all = await signedIn(server, member).get(`/api/notifications?${query}`).expect(200);
    expect(all.body).toMatchObject({ total: 3, unreadCount: 2 });
  });

  it('neither shows nor lets anyone else mark a recipient’s notification', async () => {
    const { query, member } = await inbox();
    const id = (await signedIn(server, member).get(`/api/notifications?${query}`).expect(200)).body.items[0]
      .id;
    const stranger = `recipientKind=organization&recipientId=${randomUUID()}`;

    // Asking for another organization's inbox is refused; so is marking through it, or without signing in.
    const refused = await signedIn(server, member)
      .post(`/api/notifications/${id}/read?${stranger}`)
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'not_own_inbox', status: 403 });
    await signedIn(server, member).get(`/api/notifications?${stranger}`).expect(403);
    const outsider = actorHeaders({ userId: 'outsider', organizationId: randomUUID() });
    await signedIn(server, outsider).get(`/api/notifications?${query}`).expect(403);
    await request(server).get(`/api/notifications?${query}`).expect(401);
    const own = await signedIn(server, member).get(`/api/notifications?${query}`).expect(200);
    expect(own.body.unreadCount).toBe(3);
  });

  it('shows a scoped role’s notifications to that scope only', async () => {
    const street = `street:紫阳街道-${randomUUID()}`;
    await tell(event([roleRecipient('coordinator', street)]));
    const role = (id: string) => `recipientKind=role&recipientId=${encodeURIComponent(id)}`;
    const coordinator = actorHeaders({
      userId: 'street-coordinator',
      roles: ['coordinator:street'],
      scope: street.slice('street:'.length),
    });
    const mine = await signedIn(server, coordinator)
      .get(`/api/notifications?${role(`coordinator:${street}`)}`)
      .expect(200);
    expect(mine.body.total).toBe(1);
    await signedIn(server, coordinator)
      .get(`/api/notifications?${role(`coordinator:street:清波街道-${randomUUID()}`)}`)
      .expect(403);
  });

  it('answers an unknown notification with 404 and a bad query with a 422 problem naming the fields', async () => {
    const organizationId = randomUUID();
    const query = `recipientKind=organization&recipientId=${organizationId}`;
    const member = actorHeaders({ userId: 'member', organizationId });
    const missing = await signedIn(server, member)
      .post(`/api/notifications/${randomUUID()}/read?${query}`)
      .set('Accept-Language', 'en')
      .expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.detail).toContain('does not exist');

    const invalid = await signedIn(server, member)
      .get('/api/notifications?recipientKind=everyone&recipientId=x&pageSize=500&unreadOnly=maybe')
      .expect(422);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      invalid.body.errors.map((error: { field: string; code: string }) => `${error.field}:${error.code}`),
    ).toEqual(expect.arrayContaining(['recipientKind:isIn', 'pageSize:max', 'unreadOnly:isBoolean']));
    const withoutRecipient = await signedIn(server, member)
      .post(`/api/notifications/${randomUUID()}/read`)
      .expect(422);
    expect(withoutRecipient.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['recipientKind', 'recipientId']),
    );
  });

  it('documents both operations and their query parameters in the OpenAPI document', async () => {
    const { body } = await signedIn(server).get('/api/openapi.json').expect(200);
    const names = (operation: { parameters: { name: string }[] }) =>
      operation.parameters.map((parameter) => parameter.name);
    expect(names(body.paths['/api/notifications'].get)).toEqual(
      expect.arrayContaining(['recipientKind', 'recipientId', 'unreadOnly', 'page', 'pageSize']),
    );
    expect(names(body.paths['/api/notifications/{id}/read'].post)).toEqual(
      expect.arrayContaining(['id', 'recipientKind', 'recipientId']),
    );
  });
});
