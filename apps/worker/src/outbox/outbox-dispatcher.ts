import type { DataSource } from 'typeorm';

/** One plain-text e-mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; resolves once the mail server has accepted the message. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/** Thrown by a transport when retrying cannot help (the server refused the address for good). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** Where the dispatcher writes what it does; Nest's `Logger` fits. */
export interface DispatcherLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** How often and how long a failed e-mail is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included; after the last one fails the message is `failed`. */
  maxAttempts: number;
  /** Wait after the first failure; it doubles after each further one. */
  baseDelayMs: number;
  /** Longest wait between two attempts. */
  maxDelayMs: number;
}

/**
 * Eight attempts 30 s apart, doubling: the last comes about an hour after the first, which rides out a mail
 * server's restart or a provider's rate limit without leaving a user's notice waiting for days.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
};

/** Delay before the next attempt after `failedAttempts` failures: exponential, capped. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/** What happens to a message after one attempt. */
export type DeliveryOutcome =
  | { status: 'sent' }
  | { status: 'retry'; delayMs: number; error: string }
  | { status: 'failed'; error: string };

const MAX_ERROR_LENGTH = 2000;

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Decides a message's fate after its `attempts`-th attempt failed: retried later with backoff, or failed for
 * good when the error is permanent or the attempts are spent.
 */
export function failureOutcome(
  attempts: number,
  error: unknown,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Exclude<DeliveryOutcome, { status: 'sent' }> {
  const text = errorText(error);
  if (error instanceof PermanentDeliveryError || attempts >= policy.maxAttempts)
    return { status: 'failed', error: text };
  return { status: 'retry', delayMs: retryDelayMs(attempts, policy), error: text };
}

/** An outbox row claimed for one attempt; `attempts` counts this attempt. */
export interface ClaimedMessage {
  id: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  attempts: number;
}

/**
 * Sends every message of a batch at once through the transport and reports each one's outcome; one
 * failing message never holds back the others.
 */
export async function deliverBatch(
  messages: ClaimedMessage[],
  transport: MailTransport,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<{ message: ClaimedMessage; outcome: DeliveryOutcome }[]> {
  const settled = await Promise.allSettled(
    // `async` turns a transport that throws synchronously into a rejected promise like any other failure.
    messages.map(async (message) =>
      transport.send({ to: message.toAddress, subject: message.subject, text: message.bodyText }),
    ),
  );
  return messages.map((message, index) => {
    const result = settled[index];
    const outcome: DeliveryOutcome =
      result.status === 'fulfilled'
        ? { status: 'sent' }
        : failureOutcome(message.attempts, result.reason, policy);
    return { message, outcome };
  });
}

/** Settings of an outbox dispatcher. */
export interface OutboxDispatcherOptions {
  dataSource: DataSource;
  transport: MailTransport;
  logger: DispatcherLogger;
  /** Messages claimed and sent at once by one poll. */
  batchSize?: number;
  /** Pause between polls when the outbox is drained. */
  intervalMs?: number;
  retryPolicy?: RetryPolicy;
  /**
   * How long a claimed message stays invisible to other dispatchers. It must outlast one send; when a
   * process dies mid-send, the message is sent again after it (e-mail delivery is at least once).
   */
  leaseMs?: number;
}

const CLAIM_SQL = `
  UPDATE outbox_messages AS message
  SET attempts = message.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
  FROM (
    SELECT id FROM outbox_messages
    WHERE status = 'pending' AND next_attempt_at <= now()
    ORDER BY next_attempt_at
    LIMIT $1
    FOR UPDATE SKIP LOCKED
  ) AS due
  WHERE message.id = due.id
  RETURNING message.id, message.to_address, message.subject, message.body_text, message.attempts`;

interface ClaimedRow {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: number;
}

// Every write is guarded by the attempt it records: a dispatcher whose lease ran out and whose message was
// claimed again by another never overwrites the newer attempt's result.
const GUARD = `WHERE id = $1 AND attempts = $2 AND status = 'pending'`;
const MARK_SENT_SQL = `UPDATE outbox_messages SET status = 'sent', sent_at = now(), last_error = NULL ${GUARD}`;
const MARK_RETRY_SQL = `UPDATE outbox_messages
  SET next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $4 ${GUARD}`;
const MARK_FAILED_SQL = `UPDATE outbox_messages SET status = 'failed', last_error = $3 ${GUARD}`;

/**
 * Sends the e-mail outbox. Each poll claims due messages with `FOR UPDATE SKIP LOCKED` and a lease, so any
 * number of worker processes can run one without sending a message twice; the sends happen outside any
 * transaction, and each result is recorded as sent, retried with exponential backoff, or failed.
 */
export class OutboxDispatcher {
  private readonly dataSource: DataSource;
  private readonly transport: MailTransport;
  private readonly logger: DispatcherLogger;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly leaseMs: number;
  private loop?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(options: OutboxDispatcherOptions) {
    this.dataSource = options.dataSource;
    this.transport = options.transport;
    this.logger = options.logger;
    this.batchSize = options.batchSize ?? 20;
    this.intervalMs = options.intervalMs ?? 5_000;
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    // Ten minutes is far beyond an SMTP send's own timeouts, so a live sender never loses its message.
    this.leaseMs = options.leaseMs ?? 600_000;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new Error(`batchSize must be a positive integer (got ${this.batchSize})`);
  }

  /** Starts polling in the background; a second call while running does nothing. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
    this.logger.log(`Outbox dispatcher sending up to ${this.batchSize} e-mails per poll`);
  }

  /** Stops polling and resolves once the batch in flight, if any, has been sent and recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    if (!this.loop) return;
    await this.loop;
    this.loop = undefined;
    this.logger.log('Outbox dispatcher stopped');
  }

  /** Claims, sends and records one batch; returns how many messages it handled. */
  async dispatchOnce(): Promise<number> {
    return (await this.dispatchBatch()).claimed;
  }

  private async dispatchBatch(): Promise<{ claimed: number; sent: number }> {
    const claimed = await this.claim();
    if (claimed.length === 0) return { claimed: 0, sent: 0 };
    const results = await deliverBatch(claimed, this.transport, this.retryPolicy);
    for (const { message, outcome } of results) {
      try {
        await this.record(message, outcome);
      } catch (error) {
        // The message stays claimed until its lease ends and is then attempted again.
        this.logger.error(`Could not record the outcome of e-mail ${message.id}: ${errorText(error)}`);
      }
    }
    const sent = results.filter(({ outcome }) => outcome.status === 'sent').length;
    return { claimed: claimed.length, sent };
  }

  private async claim(): Promise<ClaimedMessage[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      // A structured result, because TypeORM answers a plain UPDATE ... RETURNING with [rows, count].
      const result = await runner.query(CLAIM_SQL, [this.batchSize, this.leaseMs], true);
      return (result.records as ClaimedRow[]).map((row) => ({
        id: row.id,
        toAddress: row.to_address,
        subject: row.subject,
        bodyText: row.body_text,
        attempts: row.attempts,
      }));
    } finally {
      await runner.release();
    }
  }

  private async record(message: ClaimedMessage, outcome: DeliveryOutcome): Promise<void> {
    const guard = [message.id, message.attempts];
    switch (outcome.status) {
      case 'sent':
        await this.dataSource.query(MARK_SENT_SQL, guard);
        return;
      case 'retry':
        // Addresses are personal data: the log names the message by id rather than by address.
        this.logger.warn(
          `E-mail ${message.id} failed (attempt ${message.attempts}), retrying in ${outcome.delayMs} ms: ${outcome.error}`,
        );
        await this.dataSource.query(MARK_RETRY_SQL, [...guard, outcome.delayMs, outcome.error]);
        return;
      case 'failed':
        this.logger.error(
          `E-mail ${message.id} given up after attempt ${message.attempts}: ${outcome.error}`,
        );
        await this.dataSource.query(MARK_FAILED_SQL, [...guard, outcome.error]);
        return;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let backlog = false;
      try {
        const { claimed, sent } = await this.dispatchBatch();
        // A full batch means more messages are probably due: poll again at once, unless nothing got
        // through, so a mail server that is down is not hammered with the whole backlog.
        backlog = claimed === this.batchSize && sent > 0;
      } catch (error) {
        // A database outage must not end the loop; the next poll tries again.
        this.logger.error(`Outbox poll failed: ${errorText(error)}`);
      }
      if (!backlog) await this.pause();
    }
  }

  private pause(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.intervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wake = undefined;
    });
  }
}
