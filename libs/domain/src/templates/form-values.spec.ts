import { validateFormValues, type FormValues } from './form-values';
import { GRANT_COMPETITION_TEMPLATE } from './grant-competition';

const form = GRANT_COMPETITION_TEMPLATE.form;

const completeApplication: FormValues = {
  projectName: '银龄互助食堂',
  category: 'elderly',
  serviceArea: '紫阳街道上羊市街社区',
  beneficiaries: 120,
  startDate: '2026-03-01',
  endDate: '2027-02-28',
  necessity: '社区独居老人多，午餐难以解决。',
  objectives: '为 120 名老人提供每周五天的午餐。',
  activities: '招募志愿者，与社区食堂合作配餐。',
  expectedOutcomes: '老人按时就餐率达到 90%。',
  teamCapacity: '团队有五年为老服务经验。',
  requestedAmount: 3_000_000,
  budgetDetail: [{ id: 'att-1', fileName: '预算明细.xlsx' }],
  registrationCertificate: [{ id: 'att-2', fileName: '登记证书.PDF' }],
};

const codes = (values: FormValues, mode: 'draft' | 'submission') =>
  validateFormValues(form, values, mode).map(({ path, code }) => ({ path, code }));

describe('validateFormValues against the grant application form', () => {
  it('accepts a complete application for submission', () => {
    expect(validateFormValues(form, completeApplication, 'submission')).toEqual([]);
  });

  it('lets a draft leave required fields empty but not a submission', () => {
    const draft = { projectName: '银龄互助食堂', serviceArea: '' };
    expect(codes(draft, 'draft')).toEqual([]);
    const missing = codes(draft, 'submission');
    expect(missing).toContainEqual({ path: 'category', code: 'required' });
    expect(missing).toContainEqual({ path: 'serviceArea', code: 'required' });
    expect(missing).not.toContainEqual({ path: 'matchingFunds', code: 'required' });
    expect(validateFormValues(form, draft, 'submission')[0].message.zh).toBe('请填写「项目类别」');
  });

  it('counts Chinese characters, not bytes, against the maximum length', () => {
    expect(codes({ projectName: '社'.repeat(50) }, 'draft')).toEqual([]);
    const tooLong = validateFormValues(form, { projectName: '社'.repeat(51) }, 'draft');
    expect(tooLong.map((e) => e.code)).toEqual(['too_long']);
    expect(tooLong[0].message.en).toBe('At most 50 characters, got 51');
  });

  it('checks money as whole fen within the field bounds', () => {
    expect(codes({ requestedAmount: 12.5 }, 'draft')).toEqual([
      { path: 'requestedAmount', code: 'wrong_type' },
    ]);
    expect(codes({ requestedAmount: 6_000_000 }, 'draft')).toEqual([
      { path: 'requestedAmount', code: 'above_maximum' },
    ]);
    expect(validateFormValues(form, { requestedAmount: 6_000_000 }, 'draft')[0].message.en).toBe(
      'Must be at most ¥50,000.00',
    );
  });

  it('checks numbers, options and dates', () => {
    expect(
      codes({ beneficiaries: 2.5, category: 'sports', startDate: '2026-02-30', endDate: 20270228 }, 'draft'),
    ).toEqual([
      { path: 'category', code: 'not_an_option' },
      { path: 'beneficiaries', code: 'not_integer' },
      { path: 'startDate', code: 'wrong_type' },
      { path: 'endDate', code: 'wrong_type' },
    ]);
    expect(codes({ beneficiaries: 0 }, 'draft')).toEqual([{ path: 'beneficiaries', code: 'below_minimum' }]);
    expect(codes({ category: ['elderly'] }, 'draft')).toEqual([{ path: 'category', code: 'wrong_type' }]);
  });

  it('checks attachments: shape, count and accepted file types', () => {
    expect(codes({ budgetDetail: ['att-1'] }, 'draft')).toEqual([
      { path: 'budgetDetail', code: 'wrong_type' },
    ]);
    const twoFiles = [
      { id: 'a', fileName: 'a.xlsx' },
      { id: 'b', fileName: 'b.xlsx' },
    ];
    expect(codes({ budgetDetail: twoFiles }, 'draft')).toEqual([
      { path: 'budgetDetail', code: 'too_many_files' },
    ]);
    expect(codes({ budgetDetail: [{ id: 'a', fileName: 'budget.docx' }] }, 'draft')).toEqual([
      { path: 'budgetDetail', code: 'file_type_not_accepted' },
    ]);
  });

  it('rejects values for fields the form does not have', () => {
    expect(codes({ ...completeApplication, bankAccount: '123' }, 'submission')).toEqual([
      { path: 'bankAccount', code: 'unknown_field' },
    ]);
  });
});
