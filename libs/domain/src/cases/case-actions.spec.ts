import { refuseSubmission, refuseWithdrawal } from './case-actions';

const applicant = { roles: ['applicant'], organizationId: 'org-1' };

describe('submission rules', () => {
  it('lets the applying organization submit a draft', () => {
    expect(refuseSubmission({ stage: 'draft', organizationId: 'org-1' }, applicant)).toBeUndefined();
  });

  it('refuses a second submission as a conflict naming the stage', () => {
    const refusal = refuseSubmission({ stage: 'submitted', organizationId: 'org-1' }, applicant);
    expect(refusal).toMatchObject({ kind: 'conflict', code: 'already_submitted' });
    expect(refusal?.message.zh).toContain('submitted');
  });

  it('refuses another organization', () => {
    const other = { roles: ['applicant'], organizationId: 'org-2' };
    expect(refuseSubmission({ stage: 'draft', organizationId: 'org-1' }, other)).toMatchObject({
      kind: 'forbidden',
    });
  });

  it('refuses a coordinator submitting on behalf of an organization', () => {
    const coordinator = { roles: ['coordinator:street'], organizationId: 'org-1' };
    expect(refuseSubmission({ stage: 'draft', organizationId: 'org-1' }, coordinator)?.kind).toBe(
      'forbidden',
    );
  });
});

describe('withdrawal rules', () => {
  it('lets the applicant withdraw a submitted case', () => {
    expect(refuseWithdrawal({ stage: 'submitted', organizationId: 'org-1' }, applicant)).toBeUndefined();
  });

  it('refuses to withdraw a case that has ended', () => {
    expect(refuseWithdrawal({ stage: 'withdrawn', organizationId: 'org-1' }, applicant)?.code).toBe(
      'case_ended',
    );
  });
});
