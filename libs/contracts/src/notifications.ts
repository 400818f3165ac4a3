/** Stable codes of what a notification is about; the web app picks icons and filters by them. */
export const NOTIFICATION_KINDS = [
  'stage_opened',
  'revision_requested',
  'deadline_near',
  'deadline_missed',
  'decision',
  'review_assigned',
  'report_due',
  'report_overdue',
  'report_submitted',
  'reviewer_recused',
  'objection_raised',
  'tranche_released',
  // A purchase of services: the tender documents changed, and a provider failed its evaluation.
  'call_amended',
  'provider_barred',
] as const;
/** What a notification is about. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who can be told: an organization (its staff), one user, or everyone holding a role in a scope. */
export const NOTIFICATION_RECIPIENT_KINDS = ['organization', 'user', 'role'] as const;
/** The kind of a notification's recipient. */
export type NotificationRecipientKind = (typeof NOTIFICATION_RECIPIENT_KINDS)[number];

/**
 * One recipient: an organization id, a user id, or a role name with an optional scope such as
 * `coordinator:street:紫阳街道` (see `roleRecipient`).
 */
export interface NotificationRecipient {
  kind: NotificationRecipientKind;
  id: string;
}

/** Longest recipient id stored; role names with a street or community scope stay far below it. */
export const MAX_RECIPIENT_ID_LENGTH = 200;

/** Addresses everyone holding `role` within `scope` (e.g. `street:紫阳街道`), or everywhere without one. */
export function roleRecipient(role: string, scope?: string): NotificationRecipient {
  return { kind: 'role', id: scope ? `${role}:${scope}` : role };
}

/**
 * Input of the `notify` activity. `dedupeKey` names the business event (e.g.
 * `case:<applicationId>:stage_opened:<sequence>`) so a retried activity or a replayed workflow never
 * notifies twice; each recipient gets its own row keyed by `<dedupeKey>:<kind>:<id>`.
 */
export interface NotifyInput {
  dedupeKey: string;
  kind: NotificationKind;
  recipients: NotificationRecipient[];
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  applicationId?: string;
  programId?: string;
  /** ISO instant of the deadline the notification is about, when there is one. */
  dueAt?: string;
}

/** What `notify` did: how many notification rows were new (0 when every recipient was told before). */
export interface NotifyResult {
  created: number;
}

/** Failure type of a notification that can never be stored (bad recipient, bad instant): not retried. */
export const InvalidNotificationFailure = 'InvalidNotification';
