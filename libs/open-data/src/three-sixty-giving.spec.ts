import { validate360Giving } from '../../../test/support/open-data-schemas';
import { grantProgramTo360Giving, type AwardedGrant, type GrantProgramAwards } from './three-sixty-giving';

const grant = (overrides: Partial<AwardedGrant> = {}): AwardedGrant => ({
  applicationId: '0b6c3a52-3d4e-4f5a-9b8c-7d6e5f4a3b2c',
  title: '独居老人助餐服务',
  category: { key: 'elderly', name: { zh: '为老服务', en: 'Elderly services' } },
  tier: { zh: '重点资助', en: 'Key funding' },
  street: '紫阳街道',
  amountAwardedFen: 1_512_345,
  recipient: {
    organizationId: '5f0e2d1c-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
    name: '紫阳街道邻里互助社',
    kind: '社区社会组织（备案）',
    street: '紫阳街道',
  },
  plannedStart: '2027-03-01',
  plannedEnd: '2027-12-31',
  disbursements: [
    {
      trancheKey: 'first-tranche',
      name: { zh: '首期拨付（签约后）', en: 'First tranche, on signing' },
      amountFen: 756_172,
      // 23:30 UTC is already the next day in Shanghai.
      releasedAt: '2027-02-27T23:30:00.000Z',
    },
  ],
  modifiedAt: '2027-02-28T01:00:00.000Z',
  ...overrides,
});

const program = (grants: AwardedGrant[] = [grant()]): GrantProgramAwards => ({
  programId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  name: '2026年社区公益创投',
  funder: { id: '360G-grantflow-funder', name: '区社会组织服务中心' },
  awardedAt: '2027-01-15T02:00:00.000Z',
  grants,
});

describe('360Giving package of a grant program', () => {
  it('validates against the pinned 360Giving 1.4.3 schema', () => {
    const check = validate360Giving(grantProgramTo360Giving(program()));
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
  });

  it('publishes one grant per awarded case with a stable prefixed id, yuan amounts exact to the fen', () => {
    const other = grant({
      applicationId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      amountAwardedFen: 2_500_000,
      disbursements: [],
    });
    const published = grantProgramTo360Giving(program([grant(), other]), {
      identifierPrefix: '360G-district',
    });
    expect(published.grants.map((entry) => entry.id)).toEqual([
      '360G-district-0b6c3a52-3d4e-4f5a-9b8c-7d6e5f4a3b2c',
      '360G-district-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    ]);
    const text = JSON.stringify(published);
    expect(text).toContain('"amountAwarded":15123.45');
    expect(text).toContain('"amountAwarded":25000,');
    expect(text).toContain('"value":7561.72');
    expect(published.grants[0]).toMatchObject({
      currency: 'CNY',
      amountDisbursed: 7561.72,
      awardDate: '2027-01-15',
      plannedDates: [{ startDate: '2027-03-01', endDate: '2027-12-31' }],
      beneficiaryLocation: [{ name: '紫阳街道', countryCode: 'CN' }],
      classifications: [{ vocabulary: 'grantflow-service-category', code: 'elderly', title: '为老服务' }],
      recipientOrganization: [
        { id: '360G-district-org-5f0e2d1c-8b7a-4c3d-9e2f-1a0b9c8d7e6f', name: '紫阳街道邻里互助社' },
      ],
      fundingOrganization: [{ id: '360G-grantflow-funder', name: '区社会组织服务中心' }],
      disbursementTransaction: [
        {
          id: '360G-district-0b6c3a52-3d4e-4f5a-9b8c-7d6e5f4a3b2c-first-tranche',
          transactionDate: '2027-02-28',
          currency: 'CNY',
          value: 7561.72,
          description: '首期拨付（签约后）',
        },
      ],
    });
    expect(published.grants[1]).toMatchObject({ amountDisbursed: 0, disbursementTransaction: [] });
  });

  it('leaves out planned dates that are not real dates rather than publishing an invalid package', () => {
    const published = grantProgramTo360Giving(program([grant({ plannedStart: '2027-02-30' })]));
    expect(published.grants[0].plannedDates).toBeUndefined();
    expect(validate360Giving(published).valid).toBe(true);
  });

  it('fails validation when a required field is dropped or a value breaks the standard', () => {
    const published = grantProgramTo360Giving(program());
    const { awardDate: _dropped, ...withoutAwardDate } = published.grants[0];
    expect(validate360Giving({ ...published, grants: [withoutAwardDate] }).valid).toBe(false);
    const { grants: _none, ...withoutGrants } = published;
    const noGrants = validate360Giving(withoutGrants);
    expect(noGrants.valid).toBe(false);
    expect(noGrants.errors.join('\n')).toContain('grants');
    // Amounts are JSON numbers, never text; currency is an ISO 4217 code.
    expect(
      validate360Giving({ ...published, grants: [{ ...published.grants[0], amountAwarded: '15123.45' }] })
        .valid,
    ).toBe(false);
    expect(
      validate360Giving({ ...published, grants: [{ ...published.grants[0], currency: 'RMB' }] }).valid,
    ).toBe(false);
  });

  it('publishes organizations without any contact person, phone or e-mail', () => {
    const text = JSON.stringify(grantProgramTo360Giving(program()));
    for (const field of ['contactName', 'telephone', 'email', 'recipientIndividual'])
      expect(text).not.toContain(field);
  });
});
