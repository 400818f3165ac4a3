import { chinaLocalDate, isLocalDate, type Fen, type LocalizedText } from '@grantflow/domain';
import { yuanAmount } from './formats';

/** The 360Giving schema version the packages follow (pinned in libs/open-data/schemas/360giving-1.4.3). */
export const THREE_SIXTY_GIVING_VERSION = '1.4';

/**
 * Prefix of every grant and organisation identifier this system publishes. 360Giving asks publishers for a
 * registered `360G-` prefix; a deployment that has one passes it as `identifierPrefix`, and identifiers already
 * published keep the prefix they were published with, so it must not change once data is out.
 */
export const DEFAULT_GRANT_IDENTIFIER_PREFIX = '360G-grantflow';

/** Who funds and publishes: the district's funding body. No person is named. */
export interface Funder {
  /** An organisation identifier (e.g. `360G-grantflow-funder`). */
  id: string;
  name: string;
  department?: string;
}

/** An organization that received a grant, as published: no contact person, phone or e-mail. */
export interface GrantRecipient {
  organizationId: string;
  name: string;
  /** Its legal form, in words (社会团体 …). */
  kind?: string;
  /** The street (街道) it is registered in. */
  street: string;
}

/** One tranche of the award that was paid out. */
export interface Disbursement {
  trancheKey: string;
  /** The tranche's name in the payment plan. */
  name?: LocalizedText;
  amountFen: Fen;
  /** ISO instant of the release. */
  releasedAt: string;
}

/** One awarded case of a program, with only what the award notice and its payments make public. */
export interface AwardedGrant {
  applicationId: string;
  title: string;
  /** Service category key (elderly, youth …) and its name. */
  category: { key: string; name: LocalizedText };
  /** The award tier's name (重点资助 …). */
  tier: LocalizedText;
  /** The street the project serves. */
  street: string;
  amountAwardedFen: Fen;
  recipient: GrantRecipient;
  /** Planned delivery dates from the application, 'YYYY-MM-DD' in China; left out when not valid dates. */
  plannedStart?: string;
  plannedEnd?: string;
  disbursements: Disbursement[];
  /** ISO instant the case last changed. */
  modifiedAt: string;
}

/** A grant program with its awarded cases, ready to publish. */
export interface GrantProgramAwards {
  programId: string;
  name: string;
  funder: Funder;
  /** ISO instant the awards were confirmed and published (the award date of every grant). */
  awardedAt: string;
  grants: AwardedGrant[];
}

/** Publishing options: identifier prefix, publication time and where the package can be downloaded. */
export interface ThreeSixtyGivingOptions {
  identifierPrefix?: string;
  /** ISO instant of this publication; defaults to the award date. */
  publishedAt?: string;
  /** Absolute URL of this package, when known. */
  downloadUrl?: string;
}

/** A 360Giving value that is an organisation (recipient, funder). */
export interface GivingOrganization {
  id: string;
  name: string;
  department?: string;
  organisationType?: string;
  addressRegion?: string;
  addressCountry?: string;
}

/** One transaction (here: a disbursement) of a 360Giving grant. */
export interface GivingTransaction {
  id: string;
  transactionDate: string;
  currency: 'CNY';
  value: number;
  description?: string;
}

/** One grant of a 360Giving package: the fields this system publishes. */
export interface GivingGrant {
  id: string;
  title: string;
  description: string;
  currency: 'CNY';
  amountAwarded: number;
  amountDisbursed: number;
  awardDate: string;
  plannedDates?: { startDate: string; endDate?: string }[];
  recipientOrganization: GivingOrganization[];
  fundingOrganization: GivingOrganization[];
  grantProgramme: { code: string; title: string }[];
  fromOpenCall: 'Yes' | 'No';
  beneficiaryLocation: { name: string; countryCode: 'CN' }[];
  classifications: { vocabulary: string; code: string; title: string }[];
  disbursementTransaction: GivingTransaction[];
  dateModified: string;
}

/** A 360Giving 1.4 grant package. */
export interface ThreeSixtyGivingPackage {
  version: string;
  title: string;
  description: string;
  issued: string;
  modified: string;
  identifier: string;
  publisher: { identifier: string; name: string };
  downloadURL?: string;
  grants: GivingGrant[];
}

// The vocabulary of the classifications: this system's service categories (see DOMAIN.md).
const CATEGORY_VOCABULARY = 'grantflow-service-category';

/**
 * A grant program's awards as a 360Giving 1.4 package: one grant per awarded case, amounts in yuan from fen,
 * disbursements as transactions. Pure: everything it publishes comes in through `program`, which carries no
 * personal data and nothing unpublished by construction.
 */
export function grantProgramTo360Giving(
  program: GrantProgramAwards,
  options: ThreeSixtyGivingOptions = {},
): ThreeSixtyGivingPackage {
  const prefix = options.identifierPrefix ?? DEFAULT_GRANT_IDENTIFIER_PREFIX;
  const awardDate = chinaLocalDate(new Date(program.awardedAt));
  const funder: GivingOrganization = {
    id: program.funder.id,
    name: program.funder.name,
    ...(program.funder.department ? { department: program.funder.department } : {}),
  };
  const modified = [program.awardedAt, ...program.grants.map((grant) => grant.modifiedAt)]
    .map((instant) => new Date(instant).toISOString())
    .sort()
    .at(-1)!;
  return {
    version: THREE_SIXTY_GIVING_VERSION,
    title: `${program.name} 资助项目`,
    description: `${program.name}：经公示的资助项目及拨付情况 / Grants awarded and disbursed`,
    issued: options.publishedAt ?? new Date(program.awardedAt).toISOString(),
    modified,
    identifier: `${prefix}-program-${program.programId}`,
    publisher: { identifier: funder.id, name: funder.name },
    ...(options.downloadUrl ? { downloadURL: options.downloadUrl } : {}),
    grants: [...program.grants]
      .sort((a, b) => a.applicationId.localeCompare(b.applicationId))
      .map((grant) => toGrant(grant, { prefix, awardDate, funder, program })),
  };
}

function toGrant(
  grant: AwardedGrant,
  context: { prefix: string; awardDate: string; funder: GivingOrganization; program: GrantProgramAwards },
): GivingGrant {
  const id = `${context.prefix}-${grant.applicationId}`;
  const disbursed = grant.disbursements.reduce((sum, payment) => sum + payment.amountFen, 0);
  const planned =
    grant.plannedStart && isLocalDate(grant.plannedStart)
      ? [
          {
            startDate: grant.plannedStart,
            ...(grant.plannedEnd && isLocalDate(grant.plannedEnd) ? { endDate: grant.plannedEnd } : {}),
          },
        ]
      : undefined;
  return {
    id,
    title: grant.title,
    description: `${grant.tier.zh}（${grant.category.name.zh}），服务${grant.street}`,
    currency: 'CNY',
    amountAwarded: yuanAmount(grant.amountAwardedFen),
    amountDisbursed: yuanAmount(disbursed),
    awardDate: context.awardDate,
    ...(planned ? { plannedDates: planned } : {}),
    recipientOrganization: [
      {
        id: `${context.prefix}-org-${grant.recipient.organizationId}`,
        name: grant.recipient.name,
        ...(grant.recipient.kind ? { organisationType: grant.recipient.kind } : {}),
        addressRegion: grant.recipient.street,
        addressCountry: 'CN',
      },
    ],
    fundingOrganization: [context.funder],
    grantProgramme: [{ code: context.program.programId, title: context.program.name }],
    // A competition (公益创投) is an open call for proposals.
    fromOpenCall: 'Yes',
    beneficiaryLocation: [{ name: grant.street, countryCode: 'CN' }],
    classifications: [
      { vocabulary: CATEGORY_VOCABULARY, code: grant.category.key, title: grant.category.name.zh },
    ],
    disbursementTransaction: [...grant.disbursements]
      .sort((a, b) => a.releasedAt.localeCompare(b.releasedAt) || a.trancheKey.localeCompare(b.trancheKey))
      .map((payment) => ({
        id: `${id}-${payment.trancheKey}`,
        transactionDate: chinaLocalDate(new Date(payment.releasedAt)),
        currency: 'CNY' as const,
        value: yuanAmount(payment.amountFen),
        ...(payment.name ? { description: payment.name.zh } : {}),
      })),
    dateModified: new Date(grant.modifiedAt).toISOString(),
  };
}
