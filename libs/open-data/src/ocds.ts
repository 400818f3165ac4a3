import type { Fen, ProcurementMethod } from '@grantflow/domain';
import { yuanAmount, yuanText } from './formats';

/** The OCDS schema version the packages follow (pinned in libs/open-data/schemas/ocds-1.1). */
export const OCDS_VERSION = '1.1';

/**
 * OCID prefix. OCDS asks publishers to register an `ocds-` prefix; a deployment that has one passes it as
 * `ocidPrefix`. Like every published identifier it must not change once data is out.
 */
export const DEFAULT_OCID_PREFIX = 'ocds-grantflow';

/** An organization as published: a department or a provider, never a person. */
export interface PublishedParty {
  id: string;
  name: string;
}

/** A clarification or change to the tender documents, once published. */
export interface TenderAmendment {
  id: string;
  /** ISO instant it was published. */
  publishedAt: string;
  rationale: string;
  /** The submission deadline it set, when it moved it. */
  tenderPeriodEnd?: string;
}

/** One payment milestone (tranche) of the contract, tied to a delivery or evaluation event. */
export interface PaymentMilestone {
  key: string;
  title: string;
  percent: number;
  amountFen: Fen;
  /** The event that releases it (e.g. 中期评估合格). */
  releasedOn: string;
  /** ISO instant it is due, when the plan dates it. */
  dueAt?: string;
  /** scheduled until its event; met when released; notMet when a failing evaluation stopped it. */
  status: 'scheduled' | 'met' | 'notMet';
  /** ISO instant it was met or stopped. */
  decidedAt?: string;
}

/**
 * A delivery report accepted (reporting) or a performance evaluation recorded (assessment) under the contract,
 * once decided. An evaluation says its grade, never who evaluated.
 */
export interface DeliveryMilestone {
  key: string;
  type: 'reporting' | 'assessment';
  title: string;
  /** e.g. the grade of an evaluation: 「良好（82 分）」. */
  description?: string;
  /** met: report accepted or evaluation passed; notMet: evaluation failed. */
  status: 'met' | 'notMet';
  /** ISO instant it was decided. */
  decidedAt: string;
}

/** A payment made under the contract. */
export interface ContractPayment {
  id: string;
  milestoneKey: string;
  amountFen: Fen;
  /** ISO instant of the payment. */
  paidAt: string;
}

/**
 * What of one service procurement (政府购买服务) may be published, in the order it becomes public. Built by the
 * procurement template's read side (being written at the same time, so this is the contract between the two):
 * everything here is already public when it is set, and nothing of a sealed bid appears but, after the opening,
 * how many bids there were. No person is named; parties are organizations.
 */
export interface ProcurementPublication {
  procurementId: string;
  title: string;
  description?: string;
  /** The purchasing department (采购单位). */
  buyer: PublishedParty;
  method: ProcurementMethod;
  /** Weight of the price score in the comprehensive scoring, in percent. */
  priceWeightPercent: number;
  budgetCeilingFen: Fen;
  tender: {
    /** ISO instant the tender notice was published. */
    publishedAt: string;
    /** Bidding window: from the notice to the submission deadline (ISO instants). */
    period: { start: string; end: string };
    amendments: TenderAmendment[];
    /** Number of bids, known from the opening on; never set before it (bids are sealed). */
    numberOfTenderers?: number;
    /** Set when the tender ended without an award, with the ISO instant it was declared. */
    ended?: { status: 'unsuccessful' | 'cancelled'; at: string };
  };
  /** Set once the result notice (结果公告) is published. */
  award?: {
    id: string;
    /** ISO instant of the result notice. */
    publishedAt: string;
    /** pending while the challenge window is open or a challenge suspends it; active once it stands. */
    status: 'pending' | 'active' | 'cancelled';
    /**
     * ISO instant the award left `pending` (the challenge window closed, or a challenge was answered); the award
     * release then says pending, and an awardUpdate release the status it has now.
     */
    decidedAt?: string;
    supplier: PublishedParty;
    valueFen: Fen;
  };
  /** Set once the contract is signed. */
  contract?: {
    id: string;
    /** ISO instant of the signing. */
    signedAt: string;
    period: { start: string; end: string };
    valueFen: Fen;
    /** active during delivery; terminated once it ended (completed, or stopped after a failing evaluation). */
    status: 'active' | 'terminated';
    /** ISO instant it ended, when terminated. */
    endedAt?: string;
    milestones: PaymentMilestone[];
    payments: ContractPayment[];
    /** Reports accepted and evaluations recorded so far, published with the implementation. */
    deliveryMilestones?: DeliveryMilestone[];
  };
}

/** Publishing options of an OCDS package. */
export interface OcdsOptions {
  ocidPrefix?: string;
  /** The package's URI (absolute; a `urn:` will do until the public address is known). */
  packageUri: string;
  publisherName: string;
  /** ISO instant of this publication; defaults to the latest release date. */
  publishedAt?: string;
}

// Open data values are numbers in yuan with the currency beside them.
const value = (fen: Fen) => ({ amount: yuanAmount(fen), currency: 'CNY' });

const METHOD: Record<ProcurementMethod, { method: 'open' | 'selective'; details: string }> = {
  open_tender: { method: 'open', details: '公开招标 / Open tender' },
  // Competitive consultation (竞争性磋商) invites qualified suppliers and negotiates with them: selective.
  competitive_consultation: { method: 'selective', details: '竞争性磋商 / Competitive consultation' },
};

type Json = Record<string, unknown>;

/**
 * A procurement as an OCDS 1.1 release package: a tender release, one per tender amendment, an award release
 * once the result notice is out (and an update once the challenge window decided it), a contract release once signed (payment milestones in the contract) and an
 * implementation release once anything was paid or a milestone decided (payments as transactions).
 */
export function procurementToOcds(procurement: ProcurementPublication, options: OcdsOptions): Json {
  const ocid = `${options.ocidPrefix ?? DEFAULT_OCID_PREFIX}-${procurement.procurementId}`;
  const { tender, award, contract } = procurement;
  const buyer = reference(procurement.buyer);
  const buyerParty = party(procurement.buyer, ['buyer', 'procuringEntity']);
  const release = (id: string, date: string, tag: string[], body: Json, parties = [buyerParty]): Json => ({
    ocid,
    id: `${ocid}-${id}`,
    date: iso(date),
    tag,
    initiationType: 'tender',
    language: 'zh',
    parties,
    buyer,
    ...body,
  });
  const tenderBase = { id: `${ocid}-tender` };

  const releases: Json[] = [
    release('tender', tender.publishedAt, ['tender'], {
      tender: {
        ...tenderBase,
        title: procurement.title,
        ...(procurement.description ? { description: procurement.description } : {}),
        status: 'active',
        procuringEntity: buyer,
        value: value(procurement.budgetCeilingFen),
        procurementMethod: METHOD[procurement.method].method,
        procurementMethodDetails: METHOD[procurement.method].details,
        mainProcurementCategory: 'services',
        // Comprehensive scoring (综合评分法): technical criteria by the experts plus the price score.
        awardCriteria: 'bestProposal',
        awardCriteriaDetails: `综合评分法，价格分权重 ${procurement.priceWeightPercent}% / Comprehensive scoring, price weight ${procurement.priceWeightPercent}%`,
        submissionMethod: ['electronicSubmission'],
        tenderPeriod: period(tender.period.start, tender.period.end),
      },
    }),
  ];

  const amendments = [...tender.amendments].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  let submissionDeadline = tender.period.end;
  amendments.forEach((amendment, index) => {
    submissionDeadline = amendment.tenderPeriodEnd ?? submissionDeadline;
    releases.push(
      release(`amendment-${amendment.id}`, amendment.publishedAt, ['tenderAmendment'], {
        tender: {
          ...tenderBase,
          status: 'active',
          tenderPeriod: period(tender.period.start, submissionDeadline),
          amendments: amendments.slice(0, index + 1).map((earlier) => ({
            id: earlier.id,
            date: iso(earlier.publishedAt),
            rationale: earlier.rationale,
          })),
        },
      }),
    );
  });

  if (tender.ended) {
    releases.push(
      release(
        `tender-${tender.ended.status}`,
        tender.ended.at,
        [tender.ended.status === 'cancelled' ? 'tenderCancellation' : 'tenderUpdate'],
        {
          tender: {
            ...tenderBase,
            status: tender.ended.status,
            ...tenderers(tender.numberOfTenderers),
          },
        },
      ),
    );
  }

  if (award) {
    const parties = [buyerParty, party(award.supplier, ['supplier', 'tenderer', 'payee'])];
    const awardBody = (status: string) => ({
      id: award.id,
      title: procurement.title,
      status,
      date: iso(award.publishedAt),
      value: value(award.valueFen),
      suppliers: [reference(award.supplier)],
    });
    releases.push(
      release(
        'award',
        award.publishedAt,
        ['award'],
        {
          tender: { ...tenderBase, status: 'complete', ...tenderers(tender.numberOfTenderers) },
          awards: [awardBody(award.decidedAt ? 'pending' : award.status)],
        },
        parties,
      ),
    );
    // Releases are snapshots: what the result notice said stays as it was, and the outcome of the challenge
    // window follows as an update.
    if (award.decidedAt && award.status !== 'pending') {
      releases.push(
        release(
          `award-${award.status}`,
          award.decidedAt,
          [award.status === 'cancelled' ? 'awardCancellation' : 'awardUpdate'],
          { awards: [awardBody(award.status)] },
          parties,
        ),
      );
    }

    if (contract) {
      const base = { id: contract.id, awardID: award.id };
      releases.push(
        release(
          'contract',
          contract.signedAt,
          ['contract'],
          {
            contracts: [
              {
                ...base,
                title: procurement.title,
                status: 'active',
                period: period(contract.period.start, contract.period.end),
                value: value(contract.valueFen),
                dateSigned: iso(contract.signedAt),
                // The payment plan as signed: every tranche scheduled.
                milestones: contract.milestones.map((milestone) =>
                  paymentMilestone({ ...milestone, status: 'scheduled', decidedAt: undefined }),
                ),
              },
            ],
          },
          parties,
        ),
      );
      const decided = contract.milestones.filter((milestone) => milestone.decidedAt);
      const delivery = [...(contract.deliveryMilestones ?? [])].sort((a, b) =>
        a.decidedAt.localeCompare(b.decidedAt),
      );
      const implementationDates = [
        ...contract.payments.map((payment) => payment.paidAt),
        ...decided.map((milestone) => milestone.decidedAt!),
        ...delivery.map((milestone) => milestone.decidedAt),
        ...(contract.status === 'terminated' && contract.endedAt ? [contract.endedAt] : []),
      ].sort();
      if (implementationDates.length > 0) {
        const payee = reference(award.supplier);
        releases.push(
          release(
            'implementation',
            implementationDates.at(-1)!,
            contract.status === 'terminated' ? ['implementation', 'contractTermination'] : ['implementation'],
            {
              contracts: [
                {
                  ...base,
                  status: contract.status,
                  ...(contract.status === 'terminated' && contract.endedAt
                    ? {
                        period: {
                          ...period(contract.period.start, contract.period.end),
                          endDate: iso(contract.endedAt),
                        },
                      }
                    : {}),
                  implementation: {
                    transactions: [...contract.payments]
                      .sort((a, b) => a.paidAt.localeCompare(b.paidAt) || a.id.localeCompare(b.id))
                      .map((payment) => ({
                        id: payment.id,
                        date: iso(payment.paidAt),
                        value: value(payment.amountFen),
                        payer: buyer,
                        payee,
                      })),
                    milestones: [
                      ...contract.milestones.map(paymentMilestone),
                      ...delivery.map(deliveryMilestone),
                    ],
                  },
                },
              ],
            },
            parties,
          ),
        );
      }
    }
  }

  return {
    uri: options.packageUri,
    version: OCDS_VERSION,
    publishedDate: iso(
      options.publishedAt ??
        releases
          .map((entry) => entry.date as string)
          .sort()
          .at(-1) ??
        tender.publishedAt,
    ),
    publisher: { name: options.publisherName },
    releases,
  };
}

const iso = (instant: string) => new Date(instant).toISOString();

const period = (start: string, end: string) => ({ startDate: iso(start), endDate: iso(end) });

// How many bids came in is public from the opening on, and only then.
const tenderers = (count: number | undefined) => (count === undefined ? {} : { numberOfTenderers: count });

function reference(organization: PublishedParty): Json {
  return { id: organization.id, name: organization.name };
}

function party(organization: PublishedParty, roles: string[]): Json {
  return {
    id: organization.id,
    name: organization.name,
    address: { countryName: '中国' },
    roles,
  };
}

function paymentMilestone(milestone: PaymentMilestone): Json {
  return {
    id: milestone.key,
    title: milestone.title,
    type: 'payment',
    // OCDS 1.1 milestones carry no amount of their own: the tranche's share and sum are stated in words.
    description: `${milestone.percent}%（${yuanText(milestone.amountFen)} 元），${milestone.releasedOn}`,
    code: milestone.releasedOn,
    ...(milestone.dueAt ? { dueDate: iso(milestone.dueAt) } : {}),
    ...(milestone.decidedAt && milestone.status === 'met' ? { dateMet: iso(milestone.decidedAt) } : {}),
    ...(milestone.decidedAt ? { dateModified: iso(milestone.decidedAt) } : {}),
    status: milestone.status,
  };
}

function deliveryMilestone(milestone: DeliveryMilestone): Json {
  return {
    id: milestone.key,
    title: milestone.title,
    type: milestone.type,
    ...(milestone.description ? { description: milestone.description } : {}),
    ...(milestone.status === 'met' ? { dateMet: iso(milestone.decidedAt) } : {}),
    dateModified: iso(milestone.decidedAt),
    status: milestone.status,
  };
}
