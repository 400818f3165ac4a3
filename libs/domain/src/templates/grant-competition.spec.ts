import { DEFAULT_EVALUATION_GRADES } from './evaluation-grades';
import { GRANT_COMPETITION_TEMPLATE as grant } from './grant-competition';
import { EU_STYLE_RUBRIC_ID, HUNDRED_POINT_RUBRIC_ID } from './rubric-references';
import { requireStage } from './stage-machine';
import type { StageKind, StageOfKind } from './stages';

function stage<K extends StageKind>(key: string, kind: K): StageOfKind<K> {
  const found = requireStage(grant, key);
  expect(found.kind).toBe(kind);
  return found as StageOfKind<K>;
}

describe('the grant-competition (公益创投) template', () => {
  it('follows the process of DOMAIN.md in order', () => {
    expect(grant.stages.map((s) => `${s.key}:${s.kind}`)).toEqual([
      'solicitation:submission',
      'eligibility-screening:screening',
      'street-review:review',
      'district-review:review',
      'decision:decision',
      'public-notice:public_notice',
      'agreement:agreement',
      'implementation:implementation',
      'midterm-evaluation:evaluation',
      'implementation-continued:implementation',
      'final-evaluation:evaluation',
      'closure:closure',
    ]);
    expect(grant.caseSubject).toBe('application');
  });

  it('reviews at street level first and by at least 3 district experts at the final stage', () => {
    const street = stage('street-review', 'review').settings;
    const district = stage('district-review', 'review').settings;
    expect(street).toMatchObject({ level: 'street', rubricId: EU_STYLE_RUBRIC_ID });
    expect(district).toMatchObject({
      level: 'district',
      rubricId: HUNDRED_POINT_RUBRIC_ID,
      reviewersPerCase: 3,
    });
  });

  it('funds in two tiers, key funding above shortlist, within the program budget', () => {
    const { tiers, budget } = stage('decision', 'decision').settings;
    expect(tiers.map((tier) => [tier.key, tier.name.zh])).toEqual([
      ['key_funding', '重点资助'],
      ['shortlist', '入围'],
    ]);
    expect(budget).toEqual({ source: 'program' });
  });

  it('publishes results for 5 working days and accepts objections from the public', () => {
    const notice = stage('public-notice', 'public_notice');
    expect(notice.duration).toEqual({ workingDays: 5 });
    expect(notice.settings.objectionsAllowed).toBe(true);
    expect(notice.permissions.public).toEqual(['object']);
  });

  it('pays in tranches that add up to the whole award and stop on a failed evaluation', () => {
    const tranches = grant.stages.flatMap((s) => (s.kind === 'implementation' ? s.settings.tranches : []));
    expect(tranches.map((t) => [t.releasedOn, t.percent])).toEqual([
      ['agreement_signed', 50],
      ['midterm_passed', 30],
      ['final_passed', 20],
    ]);
    expect(stage('midterm-evaluation', 'evaluation').settings.failingGrade).toBe('stop_tranches');
    expect(stage('final-evaluation', 'evaluation').settings.failingGrade).toBe('stop_tranches');
  });

  it('grades performance with the default bands 优秀, 良好, 合格, 不合格', () => {
    expect(stage('final-evaluation', 'evaluation').settings.grades).toEqual(DEFAULT_EVALUATION_GRADES);
  });

  it('counts every real duration in working days', () => {
    const text = JSON.stringify(grant);
    expect(text).not.toContain('"seconds"');
    expect(text).toContain('"workingDays"');
  });

  it('is frozen, so no program can change the shared constant in place', () => {
    expect(Object.isFrozen(grant)).toBe(true);
    expect(Object.isFrozen(grant.stages[3].settings)).toBe(true);
    expect(() => {
      (grant.stages[3].duration as { workingDays: number }).workingDays = 1;
    }).toThrow(TypeError);
  });
});
