import type { DataSource } from 'typeorm';
import {
  DEFAULT_RETRY_POLICY,
  deliverBatch,
  failureOutcome,
  OutboxDispatcher,
  PermanentDeliveryError,
  retryDelayMs,
  type ClaimedMessage,
  type MailMessage,
  type MailTransport,
} from './outbox-dispatcher';

const SECOND = 1000;

function message(id: string, attempts = 1): ClaimedMessage {
  return { id, toAddress: `${id}@example.org`, subject: `subject ${id}`, bodyText: `body ${id}`, attempts };
}

/** Records what it was asked to send and fails for the addresses it is told to. */
class FakeTransport implements MailTransport {
  readonly sent: MailMessage[] = [];
  constructor(private readonly failures: Record<string, () => never> = {}) {}
  async send(mail: MailMessage): Promise<void> {
    this.failures[mail.to]?.();
    this.sent.push(mail);
  }
}

describe('retry backoff', () => {
  it('waits 30 s after the first failure and doubles after each further one', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((failed) => retryDelayMs(failed) / SECOND)).toEqual([
      30, 60, 120, 240, 480, 960, 1920,
    ]);
  });

  it('never waits longer than the cap', () => {
    const policy = { maxAttempts: 20, baseDelayMs: 30 * SECOND, maxDelayMs: 3600 * SECOND };
    expect(retryDelayMs(12, policy)).toBe(3600 * SECOND);
    expect(retryDelayMs(40, policy)).toBe(3600 * SECOND);
  });

  it('retries the first seven failures and gives up on the eighth', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(8);
    for (let attempts = 1; attempts < 8; attempts++)
      expect(failureOutcome(attempts, new Error('421 try later'))).toEqual({
        status: 'retry',
        delayMs: retryDelayMs(attempts),
        error: 'Error: 421 try later',
      });
    expect(failureOutcome(8, new Error('421 try later'))).toEqual({
      status: 'failed',
      error: 'Error: 421 try later',
    });
  });

  it('gives up at once on a permanent refusal', () => {
    expect(failureOutcome(1, new PermanentDeliveryError('550 no such mailbox'))).toEqual({
      status: 'failed',
      error: 'PermanentDeliveryError: 550 no such mailbox',
    });
  });

  it('keeps the stored error short and records errors that are not Error objects', () => {
    const outcome = failureOutcome(1, new Error('x'.repeat(10_000)));
    expect(outcome.error).toHaveLength(2000);
    expect(failureOutcome(1, 'connection reset').error).toBe('connection reset');
  });
});

describe('batch delivery', () => {
  it('sends each message of the batch to its address with its subject and text', async () => {
    const transport = new FakeTransport();
    const results = await deliverBatch([message('a'), message('b')], transport);
    expect(transport.sent).toEqual([
      { to: 'a@example.org', subject: 'subject a', text: 'body a' },
      { to: 'b@example.org', subject: 'subject b', text: 'body b' },
    ]);
    expect(results.map(({ message, outcome }) => [message.id, outcome.status])).toEqual([
      ['a', 'sent'],
      ['b', 'sent'],
    ]);
  });

  it('keeps sending the rest of the batch when some messages fail, and reports each outcome', async () => {
    const transport = new FakeTransport({
      'b@example.org': () => {
        throw new Error('421 busy');
      },
      'c@example.org': () => {
        throw new PermanentDeliveryError('550 unknown user');
      },
    });
    const results = await deliverBatch(
      [message('a'), message('b', 3), message('c'), message('d')],
      transport,
    );
    expect(transport.sent.map((mail) => mail.to)).toEqual(['a@example.org', 'd@example.org']);
    expect(results.map(({ message, outcome }) => [message.id, outcome])).toEqual([
      ['a', { status: 'sent' }],
      ['b', { status: 'retry', delayMs: retryDelayMs(3), error: 'Error: 421 busy' }],
      ['c', { status: 'failed', error: 'PermanentDeliveryError: 550 unknown user' }],
      ['d', { status: 'sent' }],
    ]);
  });

  it('treats a transport that throws before returning a promise like any failed send', async () => {
    const transport: MailTransport = {
      send: () => {
        throw new Error('socket closed');
      },
    };
    const [result] = await deliverBatch([message('a')], transport);
    expect(result.outcome).toMatchObject({ status: 'retry', error: 'Error: socket closed' });
  });

  it('counts a rejection without a reason as a failure, never as sent', async () => {
    const transport: MailTransport = { send: () => Promise.reject(undefined) };
    const [result] = await deliverBatch([message('a')], transport);
    expect(result.outcome.status).toBe('retry');
  });

  it('sends the messages of a batch at once rather than one after another', async () => {
    let started = 0;
    const release: (() => void)[] = [];
    const transport: MailTransport = {
      send: () =>
        new Promise<void>((resolve) => {
          started++;
          release.push(resolve);
        }),
    };
    const delivering = deliverBatch([message('a'), message('b'), message('c')], transport);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(3);
    release.forEach((resolve) => resolve());
    expect((await delivering).every(({ outcome }) => outcome.status === 'sent')).toBe(true);
  });
});

describe('OutboxDispatcher settings', () => {
  const logger = { log: () => undefined, warn: () => undefined, error: () => undefined };

  it.each([0, -1, 1.5])('refuses a batch size of %p', (batchSize) => {
    expect(
      () =>
        new OutboxDispatcher({
          dataSource: {} as DataSource,
          transport: new FakeTransport(),
          logger,
          batchSize,
        }),
    ).toThrow(/batchSize/);
  });

  it('stops at once when it was never started', async () => {
    const dispatcher = new OutboxDispatcher({
      dataSource: {} as DataSource,
      transport: new FakeTransport(),
      logger,
    });
    await expect(dispatcher.stop()).resolves.toBeUndefined();
  });
});
