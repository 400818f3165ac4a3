import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { ROLES } from '@grantflow/domain';
import { NotificationEntity, OrganizationMemberEntity, OutboxMessageEntity } from '@grantflow/db';
import {
  InvalidNotificationFailure,
  MAX_RECIPIENT_ID_LENGTH,
  NOTIFICATION_KINDS,
  NOTIFICATION_RECIPIENT_KINDS,
  type NotificationRecipient,
  type NotifyInput,
  type NotifyResult,
} from '@grantflow/contracts';

/** Finds the e-mail addresses of a recipient; an empty list means in-app only. */
export interface EmailDirectory {
  addressesFor(recipient: NotificationRecipient): Promise<string[]>;
}

/** The directory used until organizations and users carry e-mail addresses: nobody gets e-mail. */
export class NoEmailDirectory implements EmailDirectory {
  async addressesFor(): Promise<string[]> {
    return [];
  }
}

/** Organizations are written to at their members' addresses; users and roles stay in-app until sign-in. */
export class MemberEmailDirectory implements EmailDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * An organization's members; a user's own address; for a role (`coordinator:street:紫阳街道`), every active
   * account holding the role, within the scope when the recipient names one.
   */
  async addressesFor(recipient: NotificationRecipient): Promise<string[]> {
    if (recipient.kind === 'organization') {
      const members = await this.dataSource
        .getRepository(OrganizationMemberEntity)
        .find({ where: { organizationId: recipient.id }, select: { email: true }, order: { email: 'ASC' } });
      return members.map((member) => member.email);
    }
    if (recipient.kind === 'user') {
      // Ids of people who never had an account (older data, tests) are not UUIDs: compare as text.
      const rows = await this.dataSource.query<{ email: string }[]>(
        'SELECT email FROM users WHERE id::text = $1 AND disabled_at IS NULL',
        [recipient.id],
      );
      return rows.map((row) => row.email);
    }
    const role = [...ROLES]
      .sort((a, b) => b.length - a.length)
      .find((candidate) => recipient.id === candidate || recipient.id.startsWith(`${candidate}:`));
    if (!role) return [];
    const scope = recipient.id.length > role.length ? recipient.id.slice(role.length + 1) : null;
    const rows = await this.dataSource.query<{ email: string }[]>(
      `SELECT email FROM users
        WHERE $1 = ANY(roles) AND disabled_at IS NULL AND ($2::text IS NULL OR scope = $2)
        ORDER BY email`,
      [role, scope],
    );
    return rows.map((row) => row.email);
  }
}

/** A fixed directory keyed by `<kind>:<id>`, for tests and single-office setups configured by hand. */
export class StaticEmailDirectory implements EmailDirectory {
  private readonly addresses: ReadonlyMap<string, string[]>;

  constructor(entries: Record<string, string[]>) {
    this.addresses = new Map(Object.entries(entries));
  }

  async addressesFor(recipient: NotificationRecipient): Promise<string[]> {
    return this.addresses.get(`${recipient.kind}:${recipient.id}`) ?? [];
  }
}

/** Dependencies of the notification activities. */
export interface NotificationDependencies {
  dataSource: DataSource;
  /** Where e-mail addresses come from; without one, notifications are in-app only. */
  emailDirectory?: EmailDirectory;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A bad input never becomes valid by retrying; failing at once shows the bug in the workflow's history.
function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: InvalidNotificationFailure, message, nonRetryable: true });
}

function validate(input: NotifyInput): { dueAt: Date | null } {
  if (!input.dedupeKey) throw invalid('dedupeKey is required');
  if (!NOTIFICATION_KINDS.includes(input.kind)) throw invalid(`unknown notification kind "${input.kind}"`);
  for (const recipient of input.recipients) {
    if (!NOTIFICATION_RECIPIENT_KINDS.includes(recipient.kind))
      throw invalid(`unknown recipient kind "${recipient.kind}"`);
    if (!recipient.id || recipient.id.length > MAX_RECIPIENT_ID_LENGTH)
      throw invalid(`recipient id must be 1–${MAX_RECIPIENT_ID_LENGTH} characters`);
  }
  for (const [field, value] of [
    ['applicationId', input.applicationId],
    ['programId', input.programId],
  ] as const) {
    if (value !== undefined && !UUID.test(value)) throw invalid(`${field} must be a UUID`);
  }
  const dueAt = input.dueAt === undefined ? null : new Date(input.dueAt);
  if (dueAt && Number.isNaN(dueAt.getTime())) throw invalid(`dueAt "${input.dueAt}" is not an ISO instant`);
  return { dueAt };
}

const recipientKey = (recipient: NotificationRecipient) => `${recipient.kind}:${recipient.id}`;

// E-mail carries both languages, Chinese first, because the recipient's language is not known here.
function emailOf(input: NotifyInput): { subject: string; bodyText: string } {
  return {
    subject: `${input.title.zh} / ${input.title.en}`,
    bodyText: `${input.body.zh}\n\n——\n\n${input.body.en}\n`,
  };
}

/** Activities that tell applicants, reviewers and coordinators what needs them: in-app, and by e-mail. */
export function createNotificationActivities({
  dataSource,
  emailDirectory = new NoEmailDirectory(),
}: NotificationDependencies) {
  return {
    /**
     * Stores one notification per recipient and queues e-mail for those with addresses, in one
     * transaction. Rows are keyed by `<dedupeKey>:<kind>:<id>` and inserted with ON CONFLICT DO NOTHING, so
     * a retry or a replay creates nothing twice; e-mail is queued only for rows this call created.
     */
    async notify(input: NotifyInput): Promise<NotifyResult> {
      const { dueAt } = validate(input);
      const recipients = [...new Map(input.recipients.map((r) => [recipientKey(r), r])).values()];
      if (recipients.length === 0) return { created: 0 };

      // Looked up before the transaction: a directory reading the database must not wait for a second
      // pooled connection while this one is held.
      const addresses = new Map<string, string[]>();
      for (const recipient of recipients) {
        const found = await emailDirectory.addressesFor(recipient);
        addresses.set(recipientKey(recipient), [...new Set(found.map((address) => address.trim()))]);
      }

      return dataSource.transaction(async (manager) => {
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(NotificationEntity)
          .values(
            recipients.map((recipient) => ({
              recipientKind: recipient.kind,
              recipientId: recipient.id,
              kind: input.kind,
              titleZh: input.title.zh,
              titleEn: input.title.en,
              bodyZh: input.body.zh,
              bodyEn: input.body.en,
              applicationId: input.applicationId ?? null,
              programId: input.programId ?? null,
              dueAt,
              dedupeKey: `${input.dedupeKey}:${recipientKey(recipient)}`,
            })),
          )
          .orIgnore()
          .returning(['id', 'recipientKind', 'recipientId'])
          // The returned rows are the created ones only, so they cannot be matched to the values by position.
          .updateEntity(false)
          .execute();
        const created = inserted.raw as { id: string; recipient_kind: string; recipient_id: string }[];

        const email = emailOf(input);
        const messages = created.flatMap((row) =>
          (addresses.get(`${row.recipient_kind}:${row.recipient_id}`) ?? [])
            .filter((address) => address.length > 0)
            .map((toAddress) => ({ notificationId: row.id, toAddress, ...email })),
        );
        if (messages.length > 0) {
          await manager
            .createQueryBuilder()
            .insert()
            .into(OutboxMessageEntity)
            .values(messages)
            .orIgnore()
            .execute();
        }
        return { created: created.length };
      });
    },
  };
}
