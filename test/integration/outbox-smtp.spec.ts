import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@grantflow/db';
import { createNotificationActivities, StaticEmailDirectory } from '../../activities/notification.activities';
import { OutboxDispatcher, retryDelayMs } from '../../apps/worker/src/outbox/outbox-dispatcher';
import { createSmtpTransport } from '../../apps/worker/src/outbox/smtp-transport';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { freePort } from '../../infra/local/ports';
import type { NotificationRecipient, NotifyInput } from '../../libs/contracts/src/notifications';

// A real SMTP server in this process (npm `smtp-server`, from nodemailer's authors) on a free loopback port,
// the real nodemailer transport, and the run's real Postgres: the e-mail path as the worker runs it.

const USER = 'mailer@grantflow.test';
// Characters that must be percent-encoded in the URL, so the test shows they are decoded before AUTH.
const PASSWORD = 'p@ss:w/rd?#%';
const FROM = 'Grantflow 公益创投 <no-reply@grantflow.test>';

const TITLE = { zh: '初评已开始', en: 'Preliminary review has started' };
const BODY = { zh: '您的申请已进入街道初评。', en: 'Your application is now in street preliminary review.' };

/** What the SMTP server accepted: envelope, signed-in user and the message as sent over the wire. */
interface Received {
  from: string;
  to: string[];
  user: unknown;
  raw: string;
}

// Recipients whose local part starts with these get the reply; everyone else is accepted.
const REFUSALS: Record<string, { code: number; text: string }> = {
  'unknown-': { code: 550, text: '5.1.1 No such user here' },
  'busy-': { code: 451, text: '4.3.0 Mailbox temporarily unavailable, try again later' },
};

let dataSource: DataSource;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];
/** While set, the server takes the message but answers only once this resolves. */
let holdData: Promise<void> | undefined;
let dataStarted = 0;

const smtpUrl = (port = smtpPort, query = '') =>
  `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}${query}`;

const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

function refusal(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

beforeAll(async () => {
  dataSource = new DataSource({ ...dataSourceOptions({ url: process.env.DATABASE_URL! }), poolSize: 4 });
  await dataSource.initialize();

  smtp = new SMTPServer({
    // No certificate in this test: without STARTTLS on offer, nodemailer signs in over the plain connection.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(refusal(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const prefix = Object.keys(REFUSALS).find((start) => address.address.startsWith(start));
      callback(prefix ? refusal(REFUSALS[prefix].code, REFUSALS[prefix].text) : null);
    },
    onData(stream, session, callback) {
      dataStarted++;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (holdData ?? Promise.resolve()).then(() => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            user: session.user,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      });
    },
  });
  smtpPort = await freePort();
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, '127.0.0.1', () => resolve());
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await dataSource?.destroy();
});

// The dispatcher claims every due message in the table, so each test starts from an empty outbox (as in
// notifications.spec.ts; the integration suites run one after another).
beforeEach(async () => {
  await dataSource.query('DELETE FROM outbox_messages');
  received.length = 0;
  dataStarted = 0;
  holdData = undefined;
});

/** Queues one e-mail to a fresh address starting with `prefix`, through the notify activity as a workflow would. */
async function queue(prefix = ''): Promise<string> {
  const recipient: NotificationRecipient = { kind: 'organization', id: randomUUID() };
  const address = `${prefix}office-${recipient.id.slice(0, 8)}@yangguang.example.org`;
  const input: NotifyInput = {
    dedupeKey: `case:${randomUUID()}:stage_opened:3`,
    kind: 'stage_opened',
    recipients: [recipient],
    title: TITLE,
    body: BODY,
  };
  const { notify } = createNotificationActivities({
    dataSource,
    emailDirectory: new StaticEmailDirectory({ [`organization:${recipient.id}`]: [address] }),
  });
  expect(await notify(input)).toEqual({ created: 1 });
  return address;
}

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  /** Seconds from the database's now to the next attempt. */
  wait_s: number;
}

async function row(address: string): Promise<OutboxRow> {
  const rows: OutboxRow[] = await dataSource.query(
    `SELECT status, attempts, last_error, sent_at,
            extract(epoch FROM next_attempt_at - now())::float AS wait_s
     FROM outbox_messages WHERE to_address = $1`,
    [address],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

function dispatcherFor(url = smtpUrl()): OutboxDispatcher {
  return new OutboxDispatcher({ dataSource, transport: createSmtpTransport(url, FROM), logger: quietLogger });
}

async function eventually(probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// --- Reading the message as sent: just enough MIME (RFC 2045/2047) to check what a mail client shows. ---

function quotedPrintableBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

/** Decodes UTF-8 encoded words; the bytes of adjacent words are joined first, as a character may be split. */
function decodeHeader(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  let text = '';
  let bytes: Buffer[] = [];
  let last = 0;
  for (const match of joined.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)) {
    if (match.index > last) {
      text += Buffer.concat(bytes).toString('utf8') + joined.slice(last, match.index);
      bytes = [];
    }
    const [, encoding, data] = match;
    bytes.push(
      encoding.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64')
        : quotedPrintableBytes(data.replace(/_/g, ' ')),
    );
    last = match.index + match[0].length;
  }
  return text + Buffer.concat(bytes).toString('utf8') + joined.slice(last);
}

function parseMessage(raw: string): { header: (name: string) => string | undefined; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  // Unfolding removes the line break before a continuation line and keeps its whitespace (RFC 5322 §2.2.3).
  const lines = raw
    .slice(0, split)
    .replace(/\r\n(?=[ \t])/g, '')
    .split('\r\n');
  const header = (name: string) => {
    const line = lines.find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line === undefined ? undefined : decodeHeader(line.slice(name.length + 1).trim());
  };
  const content = raw.slice(split + 4);
  const encoding = header('Content-Transfer-Encoding')?.toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(content, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintableBytes(content.replace(/=\r\n/g, '')).toString('utf8')
        : content;
  return { header, body };
}

describe('e-mail outbox over SMTP', () => {
  it('delivers a queued notification through the SMTP server, signed in with the URL’s credentials, and marks it sent', async () => {
    const address = await queue();

    expect(await dispatcherFor().dispatchOnce()).toBe(1);

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail).toMatchObject({ from: 'no-reply@grantflow.test', to: [address], user: USER });
    const message = parseMessage(mail.raw);
    expect(message.header('To')).toBe(address);
    expect(message.header('From')).toBe(FROM);
    expect(message.header('Subject')).toBe(`${TITLE.zh} / ${TITLE.en}`);
    expect(message.header('Content-Type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(message.header('Auto-Submitted')).toBe('auto-generated');
    // Chinese first, English second, in the body as in the subject.
    expect(message.body).toContain(BODY.zh);
    expect(message.body).toContain(BODY.en);
    expect(message.body.indexOf(BODY.zh)).toBeLessThan(message.body.indexOf(BODY.en));

    expect(await row(address)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect((await row(address)).sent_at).toBeInstanceOf(Date);
    // Sent means done: the next poll finds nothing and the server gets nothing more.
    expect(await dispatcherFor().dispatchOnce()).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('fails an e-mail at once when the server refuses its recipient for good (550)', async () => {
    const address = await queue('unknown-');

    expect(await dispatcherFor().dispatchOnce()).toBe(1);

    const failed = await row(address);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sent_at: null });
    expect(failed.last_error).toMatch(/^PermanentDeliveryError: .*550 5\.1\.1 No such user here/);
    expect(failed.last_error).not.toContain(PASSWORD);
    expect(failed.last_error).not.toContain(encodeURIComponent(PASSWORD));
    expect(received).toHaveLength(0);
    expect(await dispatcherFor().dispatchOnce()).toBe(0);
  });

  it('keeps an e-mail pending and retries it later when the server refuses it for now (451)', async () => {
    const address = await queue('busy-');

    expect(await dispatcherFor().dispatchOnce()).toBe(1);

    const pending = await row(address);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
    expect(pending.last_error).toMatch(/^Error: .*451 4\.3\.0/);
    // The first retry waits the policy's first delay (30 s), measured on the database's clock.
    const firstDelay = retryDelayMs(1) / 1000;
    expect(pending.wait_s).toBeGreaterThan(firstDelay - 5);
    expect(pending.wait_s).toBeLessThanOrEqual(firstDelay);
    expect(await dispatcherFor().dispatchOnce()).toBe(0);
    expect(received).toHaveLength(0);
  });

  it('sends the rest of a batch when one recipient is refused, and records each e-mail on its own', async () => {
    const [good, unknown, busy] = [await queue(), await queue('unknown-'), await queue('busy-')];

    expect(await dispatcherFor().dispatchOnce()).toBe(3);

    expect(received.map((mail) => mail.to)).toEqual([[good]]);
    expect((await row(good)).status).toBe('sent');
    expect((await row(unknown)).status).toBe('failed');
    expect((await row(busy)).status).toBe('pending');
  });

  it('retries rather than fails every e-mail when the SMTP password is wrong', async () => {
    const address = await queue();
    const wrong = `smtp://${encodeURIComponent(USER)}:not-the-password@127.0.0.1:${smtpPort}`;

    expect(await dispatcherFor(wrong).dispatchOnce()).toBe(1);

    const pending = await row(address);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.last_error).toMatch(/^Error: .*535.*\[EAUTH AUTH PLAIN\]/);
    expect(pending.last_error).not.toContain('not-the-password');
  });

  describe('against a server that accepts connections and never answers', () => {
    let silent: NetServer;
    let silentPort: number;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      silentPort = await freePort();
      await new Promise<void>((resolve) => silent.listen(silentPort, '127.0.0.1', () => resolve()));
    });

    afterAll(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('gives up on the attempt after the greeting timeout, so stopping the dispatcher does not hang', async () => {
      const address = await queue();
      const dispatcher = new OutboxDispatcher({
        dataSource,
        transport: createSmtpTransport(smtpUrl(silentPort, '?greetingTimeout=500'), FROM),
        logger: quietLogger,
        intervalMs: 60_000,
      });
      dispatcher.start();
      await eventually(async () => (await row(address)).attempts === 1);

      const stopping = Date.now();
      await dispatcher.stop();
      expect(Date.now() - stopping).toBeLessThan(3_000);

      const pending = await row(address);
      expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
      expect(pending.last_error).toMatch(/^Error: Greeting never received.*\[ETIMEDOUT CONN\]/);
    });
  });

  describe('in the worker', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    /** Boots the real worker context (Temporal worker and all) with the given variables; collects its logs. */
    async function bootWorker(environment: Record<string, string>) {
      const lines: string[] = [];
      const collect = (message: unknown) => void lines.push(String(message));
      const logger: LoggerService = {
        log: collect,
        warn: collect,
        error: collect,
        debug: collect,
        verbose: collect,
      };
      Object.assign(
        process.env,
        { TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`, LOG_LEVEL: 'warn' },
        environment,
      );
      const context: INestApplicationContext = await NestFactory.createApplicationContext(
        WorkerModule.forRoot(),
        {
          logger,
          abortOnError: false,
        },
      );
      await context.init();
      return { context, lines };
    }

    it('sends the outbox when SMTP_URL is set, and records the e-mail in flight before the database closes', async () => {
      const url = smtpUrl();
      const { context, lines } = await bootWorker({
        SMTP_URL: url,
        SMTP_FROM: FROM,
        OUTBOX_INTERVAL_MS: '100',
      });
      let closed = false;
      try {
        expect(lines.filter((line) => line.startsWith('E-mail delivery is on'))).toEqual([
          `E-mail delivery is on: sending the outbox through smtp://127.0.0.1:${smtpPort} from "${FROM}", polling every 100 ms`,
        ]);

        // The server holds its answer to the message while the worker is asked to stop.
        let release!: () => void;
        holdData = new Promise<void>((resolve) => (release = resolve));
        const address = await queue();
        await eventually(() => dataStarted === 1);

        const closing = context.close().then(() => (closed = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(closed).toBe(false);
        release();
        await closing;

        // Recorded as sent, so the dispatcher still had the database when the server answered.
        expect(await row(address)).toMatchObject({ status: 'sent', attempts: 1 });
        expect(received.map((mail) => mail.to)).toEqual([[address]]);
      } finally {
        if (!closed) await context.close();
      }
      expect(lines.some((line) => line.startsWith('Could not record'))).toBe(false);
      for (const secret of [url, PASSWORD, encodeURIComponent(PASSWORD)])
        expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    });

    it('leaves e-mail in the outbox when SMTP_URL is not set', async () => {
      delete process.env.SMTP_URL;
      const { context, lines } = await bootWorker({ OUTBOX_INTERVAL_MS: '100' });
      try {
        const address = await queue();
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(await row(address)).toMatchObject({ status: 'pending', attempts: 0 });
        expect(lines).toContain(
          'E-mail delivery is off (SMTP_URL not set): e-mail stays in the outbox table',
        );
      } finally {
        await context.close();
      }
      expect(received).toHaveLength(0);
    });
  });
});
