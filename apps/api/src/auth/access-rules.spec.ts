import type { Actor } from '@grantflow/contracts';
import { canManageOrganization, caseVisibility, ownsRecipient, streetRestriction } from './access-rules';

const facts = {
  organizationId: 'org-1',
  street: '紫阳街道',
  community: '春江社区',
  reviewerIds: ['expert-1'],
  blindReview: true,
};
const actor = (overrides: Partial<Actor>): Actor => ({ userId: 'u', roles: [], ...overrides });

describe('caseVisibility', () => {
  it('shows an organization its own case and nobody else’s', () => {
    expect(caseVisibility(actor({ organizationId: 'org-1', roles: ['applicant'] }), facts)).toBe('full');
    expect(caseVisibility(actor({ organizationId: 'org-2', roles: ['applicant'] }), facts)).toBe('none');
  });

  it('shows a funder the cases of the program its company funds, and only those', () => {
    const funded = { ...facts, funderOrganizationId: 'company-1' };
    const funder = (organizationId: string) => actor({ organizationId, roles: ['funder', 'applicant'] });
    expect(caseVisibility(funder('company-1'), funded)).toBe('full');
    expect(caseVisibility(funder('company-2'), funded)).toBe('none');
    expect(caseVisibility(funder('company-1'), facts)).toBe('none');
    // Being a member of the funding company is not enough without the funder role.
    expect(caseVisibility(actor({ organizationId: 'company-1', roles: ['applicant'] }), funded)).toBe('none');
  });

  it('limits street and community coordinators to their scope', () => {
    expect(caseVisibility(actor({ roles: ['coordinator:street'], scope: '紫阳街道' }), facts)).toBe('full');
    expect(caseVisibility(actor({ roles: ['coordinator:street'], scope: '望江街道' }), facts)).toBe('none');
    expect(caseVisibility(actor({ roles: ['coordinator:community'], scope: '春江社区' }), facts)).toBe(
      'full',
    );
    expect(caseVisibility(actor({ roles: ['coordinator:street'] }), facts)).toBe('none');
    expect(caseVisibility(actor({ roles: ['leadership'] }), facts)).toBe('full');
  });

  it('shows reviewers only assigned cases, blind when the program says so', () => {
    expect(caseVisibility(actor({ userId: 'expert-1', roles: ['reviewer'] }), facts)).toBe('blind');
    expect(
      caseVisibility(actor({ userId: 'expert-1', roles: ['reviewer'] }), { ...facts, blindReview: false }),
    ).toBe('full');
    expect(caseVisibility(actor({ userId: 'expert-2', roles: ['reviewer'] }), facts)).toBe('none');
  });
});

describe('streetRestriction', () => {
  it('is none for district staff, the scope for street staff, and matches nothing for others', () => {
    expect(streetRestriction(actor({ roles: ['coordinator:district'] }))).toBeUndefined();
    expect(streetRestriction(actor({ roles: ['coordinator:street'], scope: '紫阳街道' }))).toBe('紫阳街道');
    expect(streetRestriction(actor({ roles: ['reviewer'] }))).toBe('');
  });
});

describe('ownsRecipient', () => {
  it('accepts the user, its organization and its roles with scope, and nothing else', () => {
    const coordinator = actor({ userId: 'c1', roles: ['coordinator:street'], scope: '紫阳街道' });
    expect(ownsRecipient(coordinator, { kind: 'user', id: 'c1' })).toBe(true);
    expect(ownsRecipient(coordinator, { kind: 'role', id: 'coordinator:street:紫阳街道' })).toBe(true);
    expect(ownsRecipient(coordinator, { kind: 'role', id: 'coordinator:street:望江街道' })).toBe(false);
    expect(ownsRecipient(coordinator, { kind: 'organization', id: 'org-1' })).toBe(false);
    expect(ownsRecipient(actor({ organizationId: 'org-1' }), { kind: 'organization', id: 'org-1' })).toBe(
      true,
    );
  });
});

describe('canManageOrganization', () => {
  it('lets organization admins and administrators manage, not plain members', () => {
    expect(canManageOrganization(actor({ organizationId: 'o', organizationRole: 'admin' }), 'o')).toBe(true);
    expect(canManageOrganization(actor({ organizationId: 'o', organizationRole: 'member' }), 'o')).toBe(
      false,
    );
    expect(canManageOrganization(actor({ roles: ['admin'] }), 'o')).toBe(true);
  });
});
