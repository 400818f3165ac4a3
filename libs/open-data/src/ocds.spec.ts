import { validateOcdsReleasePackage } from '../../../test/support/open-data-schemas';
import { procurementToOcds, type ProcurementPublication } from './ocds';

const OPTIONS = {
  packageUri: 'urn:grantflow:procurement:p-2027-001',
  publisherName: '区社会组织服务中心',
};

// A procurement carried to delivery: an amendment, the award after a challenge window, the contract, two
// tranches paid (signing, passed mid-term) and the last stopped by a failing final evaluation.
const delivered = (): ProcurementPublication => ({
  procurementId: 'p-2027-001',
  title: '社区居家养老服务项目',
  description: '为辖区 300 位高龄独居老人提供助餐、助洁服务',
  buyer: { id: 'dept-civil-affairs', name: '区民政局' },
  method: 'open_tender',
  priceWeightPercent: 10,
  budgetCeilingFen: 98_000_050,
  tender: {
    publishedAt: '2027-03-01T01:00:00Z',
    period: { start: '2027-03-01T01:00:00Z', end: '2027-03-22T01:00:00Z' },
    amendments: [
      {
        id: 'amendment-1',
        publishedAt: '2027-03-10T02:00:00Z',
        rationale: '补充服务标准，投标截止时间顺延',
        tenderPeriodEnd: '2027-03-29T01:00:00Z',
      },
    ],
    numberOfTenderers: 4,
  },
  award: {
    id: 'award-1',
    publishedAt: '2027-04-08T02:00:00Z',
    status: 'active',
    // Seven working days of challenge window after the result notice.
    decidedAt: '2027-04-19T02:00:00Z',
    supplier: { id: 'org-5f0e2d1c', name: '紫阳街道邻里互助社' },
    valueFen: 95_612_345,
  },
  contract: {
    id: 'contract-1',
    signedAt: '2027-04-25T06:00:00Z',
    period: { start: '2027-05-01T00:00:00Z', end: '2028-04-30T00:00:00Z' },
    valueFen: 95_612_345,
    status: 'terminated',
    endedAt: '2028-05-10T02:00:00Z',
    milestones: [
      {
        key: 'on-signing',
        title: '首期（签约后）',
        percent: 40,
        amountFen: 38_244_938,
        releasedOn: 'contract_signed',
        status: 'met',
        decidedAt: '2027-04-30T02:00:00Z',
      },
      {
        key: 'midterm',
        title: '二期（中期评估合格后）',
        percent: 30,
        amountFen: 28_683_703,
        releasedOn: 'midterm_passed',
        status: 'met',
        decidedAt: '2027-11-05T02:00:00Z',
      },
      {
        key: 'final',
        title: '尾款（末期评估合格后）',
        percent: 30,
        amountFen: 28_683_704,
        releasedOn: 'final_passed',
        status: 'notMet',
        decidedAt: '2028-05-10T02:00:00Z',
      },
    ],
    payments: [
      { id: 'payment-1', milestoneKey: 'on-signing', amountFen: 38_244_938, paidAt: '2027-04-30T02:00:00Z' },
      { id: 'payment-2', milestoneKey: 'midterm', amountFen: 28_683_703, paidAt: '2027-11-05T02:00:00Z' },
    ],
  },
});

type Release = {
  id: string;
  tag: string[];
  date: string;
  tender?: Record<string, unknown>;
  awards?: Record<string, unknown>[];
  contracts?: Record<string, unknown>[];
  parties: { id: string; roles: string[] }[];
};

const releasesOf = (published: Record<string, unknown>) => published.releases as Release[];

describe('OCDS release package of a procurement', () => {
  it('validates against the pinned OCDS 1.1 release package schema', () => {
    const check = validateOcdsReleasePackage(procurementToOcds(delivered(), OPTIONS));
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
  });

  it('publishes tender, amendment, award, contract and implementation releases in order', () => {
    const published = procurementToOcds(delivered(), OPTIONS);
    expect(published).toMatchObject({ version: '1.1', publishedDate: '2028-05-10T02:00:00.000Z' });
    expect(releasesOf(published).map((release) => [release.id, release.tag])).toEqual([
      ['ocds-grantflow-p-2027-001-tender', ['tender']],
      ['ocds-grantflow-p-2027-001-amendment-amendment-1', ['tenderAmendment']],
      ['ocds-grantflow-p-2027-001-award', ['award']],
      ['ocds-grantflow-p-2027-001-award-active', ['awardUpdate']],
      ['ocds-grantflow-p-2027-001-contract', ['contract']],
      ['ocds-grantflow-p-2027-001-implementation', ['implementation', 'contractTermination']],
    ]);
    const [tender, amendment, award, awardUpdate, contract] = releasesOf(published);
    expect(tender.tender).toMatchObject({
      status: 'active',
      procurementMethod: 'open',
      mainProcurementCategory: 'services',
      value: { amount: 980000.5, currency: 'CNY' },
      tenderPeriod: { endDate: '2027-03-22T01:00:00.000Z' },
    });
    // Before the opening nobody knows how many bids there are: the tender release does not say.
    expect(tender.tender).not.toHaveProperty('numberOfTenderers');
    expect(amendment.tender).toMatchObject({
      tenderPeriod: { endDate: '2027-03-29T01:00:00.000Z' },
      amendments: [{ id: 'amendment-1', rationale: '补充服务标准，投标截止时间顺延' }],
    });
    expect(award.tender).toMatchObject({ status: 'complete', numberOfTenderers: 4 });
    expect(award.awards).toEqual([
      expect.objectContaining({
        id: 'award-1',
        // As the result notice said: the challenge window was still open.
        status: 'pending',
        value: { amount: 956123.45, currency: 'CNY' },
        suppliers: [{ id: 'org-5f0e2d1c', name: '紫阳街道邻里互助社' }],
      }),
    ]);
    expect(awardUpdate.awards).toEqual([expect.objectContaining({ id: 'award-1', status: 'active' })]);
    expect(award.parties.map((party) => [party.id, party.roles])).toEqual([
      ['dept-civil-affairs', ['buyer', 'procuringEntity']],
      ['org-5f0e2d1c', ['supplier', 'tenderer', 'payee']],
    ]);
    // The payment plan as signed: every tranche a scheduled payment milestone.
    expect(
      (contract.contracts![0].milestones as { id: string; type: string; status: string }[]).map((m) => [
        m.id,
        m.type,
        m.status,
      ]),
    ).toEqual([
      ['on-signing', 'payment', 'scheduled'],
      ['midterm', 'payment', 'scheduled'],
      ['final', 'payment', 'scheduled'],
    ]);
  });

  it('shows payments as implementation transactions and tranches as met or stopped payment milestones', () => {
    const implementation = releasesOf(procurementToOcds(delivered(), OPTIONS)).at(-1)!;
    const contract = implementation.contracts![0] as {
      status: string;
      awardID: string;
      implementation: {
        transactions: { id: string; value: unknown; payer: { id: string }; payee: { id: string } }[];
        milestones: { id: string; status: string; dateMet?: string }[];
      };
    };
    expect(contract).toMatchObject({ status: 'terminated', awardID: 'award-1' });
    expect(contract.implementation.transactions).toEqual([
      expect.objectContaining({
        id: 'payment-1',
        date: '2027-04-30T02:00:00.000Z',
        value: { amount: 382449.38, currency: 'CNY' },
        payer: { id: 'dept-civil-affairs', name: '区民政局' },
        payee: { id: 'org-5f0e2d1c', name: '紫阳街道邻里互助社' },
      }),
      expect.objectContaining({ id: 'payment-2', value: { amount: 286837.03, currency: 'CNY' } }),
    ]);
    expect(contract.implementation.milestones.map((m) => [m.id, m.status, m.dateMet ?? null])).toEqual([
      ['on-signing', 'met', '2027-04-30T02:00:00.000Z'],
      ['midterm', 'met', '2027-11-05T02:00:00.000Z'],
      ['final', 'notMet', null],
    ]);
  });

  it('publishes accepted reports and recorded evaluations beside the payment milestones, and still validates', () => {
    const base = delivered();
    const published = procurementToOcds(
      {
        ...base,
        contract: {
          ...base.contract!,
          deliveryMilestones: [
            {
              key: 'final-evaluation',
              type: 'assessment',
              title: '末期绩效评估',
              description: '不合格（45 分）',
              status: 'notMet',
              decidedAt: '2028-05-10T02:00:00Z',
            },
            {
              key: 'first-delivery',
              type: 'reporting',
              title: '首期交付报告',
              status: 'met',
              decidedAt: '2027-07-01T02:00:00Z',
            },
          ],
        },
      },
      OPTIONS,
    );
    expect(validateOcdsReleasePackage(published).errors).toEqual([]);
    const contract = releasesOf(published).at(-1)!.contracts![0] as {
      implementation: { milestones: Record<string, unknown>[] };
    };
    // In the order they were decided, after the payment plan; a failed evaluation is not met and has no dateMet.
    expect(contract.implementation.milestones.slice(3)).toEqual([
      {
        id: 'first-delivery',
        title: '首期交付报告',
        type: 'reporting',
        dateMet: '2027-07-01T02:00:00.000Z',
        dateModified: '2027-07-01T02:00:00.000Z',
        status: 'met',
      },
      {
        id: 'final-evaluation',
        title: '末期绩效评估',
        type: 'assessment',
        description: '不合格（45 分）',
        dateModified: '2028-05-10T02:00:00.000Z',
        status: 'notMet',
      },
    ]);
  });

  it('publishes an award still in its challenge window as pending, and one a challenge cancelled as such', () => {
    const base = delivered();
    const open = procurementToOcds(
      { ...base, award: { ...base.award!, status: 'pending', decidedAt: undefined }, contract: undefined },
      OPTIONS,
    );
    expect(releasesOf(open).map((release) => release.tag)).toEqual([
      ['tender'],
      ['tenderAmendment'],
      ['award'],
    ]);
    expect(releasesOf(open).at(-1)!.awards).toEqual([expect.objectContaining({ status: 'pending' })]);

    const cancelled = procurementToOcds(
      { ...base, award: { ...base.award!, status: 'cancelled' }, contract: undefined },
      OPTIONS,
    );
    expect(validateOcdsReleasePackage(cancelled).errors).toEqual([]);
    expect(releasesOf(cancelled).at(-1)).toMatchObject({
      tag: ['awardCancellation'],
      date: '2027-04-19T02:00:00.000Z',
      awards: [{ id: 'award-1', status: 'cancelled' }],
    });
  });

  it('publishes an unsuccessful tender (too few bids) with no award or contract, and it validates', () => {
    const failed: ProcurementPublication = {
      ...delivered(),
      method: 'competitive_consultation',
      priceWeightPercent: 20,
      tender: {
        ...delivered().tender,
        amendments: [],
        numberOfTenderers: 1,
        ended: { status: 'unsuccessful', at: '2027-03-22T03:00:00Z' },
      },
      award: undefined,
      contract: undefined,
    };
    const published = procurementToOcds(failed, OPTIONS);
    expect(validateOcdsReleasePackage(published).errors).toEqual([]);
    expect(releasesOf(published).map((release) => release.tag)).toEqual([['tender'], ['tenderUpdate']]);
    expect(releasesOf(published)[0].tender).toMatchObject({ procurementMethod: 'selective' });
    expect(releasesOf(published)[1].tender).toMatchObject({ status: 'unsuccessful', numberOfTenderers: 1 });
  });

  it('fails validation when a required field is dropped or a code is off its closed list', () => {
    const published = procurementToOcds(delivered(), OPTIONS);
    const { publisher: _publisher, ...withoutPublisher } = published;
    expect(validateOcdsReleasePackage(withoutPublisher).valid).toBe(false);
    const [first, ...rest] = releasesOf(published);
    const { ocid: _ocid, ...withoutOcid } = first as unknown as Record<string, unknown>;
    const missingOcid = validateOcdsReleasePackage({ ...published, releases: [withoutOcid, ...rest] });
    expect(missingOcid.valid).toBe(false);
    expect(missingOcid.errors.join('\n')).toContain('ocid');
    const badTag = validateOcdsReleasePackage({
      ...published,
      releases: [{ ...first, tag: ['sealedBids'] }, ...rest],
    });
    expect(badTag.valid).toBe(false);
    // Dates are checked as RFC 3339 date-times (ajv-formats), not only as strings.
    expect(
      validateOcdsReleasePackage({ ...published, releases: [{ ...first, date: '2027年3月1日' }, ...rest] })
        .valid,
    ).toBe(false);
  });
});
