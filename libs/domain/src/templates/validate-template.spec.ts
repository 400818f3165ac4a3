import { GRANT_COMPETITION_TEMPLATE } from './grant-competition';
import type { ProcessTemplate } from './process-template';
import type { Role } from './roles';
import type { Stage, StageKind, StageOfKind } from './stages';
import { InvalidTemplateError, assertValidTemplate, validateTemplate } from './validate-template';

// A mutable deep copy of the grant template with one change, so each test breaks exactly one rule.
function grantTemplateWith(change: (template: ProcessTemplate) => void): ProcessTemplate {
  const copy = JSON.parse(JSON.stringify(GRANT_COMPETITION_TEMPLATE)) as ProcessTemplate;
  change(copy);
  return copy;
}

function stageIn<K extends StageKind>(template: ProcessTemplate, key: string, kind: K): StageOfKind<K> {
  const stage = template.stages.find((candidate) => candidate.key === key);
  if (!stage || stage.kind !== kind) throw new Error(`No ${kind} stage "${key}" in the template`);
  return stage as StageOfKind<K>;
}

function errorsOf(template: ProcessTemplate): { code: string; path: string }[] {
  return validateTemplate(template).map(({ code, path }) => ({ code, path }));
}

// Stage positions in the grant template, for readable error paths.
const SOLICITATION = 'stages[0]';
const SCREENING = 'stages[1]';
const STREET_REVIEW = 'stages[2]';
const DISTRICT_REVIEW = 'stages[3]';
const DECISION = 'stages[4]';
const NOTICE = 'stages[5]';
const AGREEMENT = 'stages[6]';
const IMPLEMENTATION = 'stages[7]';
const MIDTERM = 'stages[8]';
const FINAL = 'stages[10]';

describe('validateTemplate on the grant-competition template', () => {
  it('finds no errors', () => {
    expect(validateTemplate(GRANT_COMPETITION_TEMPLATE)).toEqual([]);
    expect(() => assertValidTemplate(GRANT_COMPETITION_TEMPLATE)).not.toThrow();
  });

  it('explains every error in Chinese and English', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'district-review', 'review').settings.reviewersPerCase = 0;
    });
    const [error] = validateTemplate(broken);
    expect(error.message.zh).toBe('每个案件至少需要 1 名评审专家');
    expect(error.message.en).toBe('Each case needs at least 1 reviewer');
    expect(() => assertValidTemplate(broken)).toThrow(InvalidTemplateError);
  });
});

describe('template-level rules', () => {
  it('rejects a malformed key, a version below 1 and missing translations', () => {
    const broken = grantTemplateWith((t) => {
      t.key = 'Grant Competition';
      t.version = 0;
      t.name.en = ' ';
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'invalid_key', path: 'key' },
      { code: 'invalid_version', path: 'version' },
      { code: 'missing_text', path: 'name.en' },
    ]);
  });

  it('accepts tie-breaks on rubric criteria and a district-expert rule, and rejects unknown criteria', () => {
    const valid = grantTemplateWith((template) => {
      const review = stageIn(template, 'district-review', 'review');
      review.settings.tieBreaks = [{ criterion: 'feasibility' }, 'lowerRequestedAmount'];
      stageIn(template, 'street-review', 'review').settings.requireDistrictExpert = true;
    });
    expect(validateTemplate(valid)).toEqual([]);
    const broken = grantTemplateWith((template) => {
      stageIn(template, 'district-review', 'review').settings.tieBreaks = [{ criterion: 'charisma' }];
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'invalid_setting', path: `${DISTRICT_REVIEW}.settings.tieBreaks[0].criterion` },
    ]);
  });

  it('rejects a template without stages', () => {
    expect(errorsOf(grantTemplateWith((t) => (t.stages = [])))).toEqual([
      { code: 'no_stages', path: 'stages' },
    ]);
  });

  it('rejects duplicate stage keys', () => {
    const broken = grantTemplateWith((t) => t.stages.push(JSON.parse(JSON.stringify(t.stages[11])) as Stage));
    expect(errorsOf(broken)).toEqual([{ code: 'duplicate_key', path: 'stages[12].key' }]);
  });

  it('rejects an unknown stage kind', () => {
    const broken = grantTemplateWith((t) => {
      (t.stages[11] as { kind: string }).kind = 'celebration';
    });
    expect(errorsOf(broken)).toContainEqual({ code: 'unknown_stage_kind', path: 'stages[11].kind' });
  });

  it('needs the requested amount field when a decision stage allocates a budget, and it must be money', () => {
    expect(errorsOf(grantTemplateWith((t) => delete t.requestedAmountField))).toEqual([
      { code: 'requested_amount_field_missing', path: 'requestedAmountField' },
    ]);
    expect(errorsOf(grantTemplateWith((t) => (t.requestedAmountField = 'projectName')))).toEqual([
      { code: 'requested_amount_field_invalid', path: 'requestedAmountField' },
    ]);
  });
});

describe('durations', () => {
  it('rejects zero and fractional durations, including nested ones', () => {
    const broken = grantTemplateWith((t) => {
      t.stages[0].duration = { workingDays: 0 };
      stageIn(t, 'eligibility-screening', 'screening').settings.revision = {
        allowed: true,
        deadline: { workingDays: 2.5 },
        maxRounds: 0,
      };
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'duration_not_positive', path: `${SOLICITATION}.duration.workingDays` },
      { code: 'duration_not_positive', path: `${SCREENING}.settings.revision.deadline.workingDays` },
      { code: 'invalid_count', path: `${SCREENING}.settings.revision.maxRounds` },
    ]);
  });

  it('rejects a duration that is neither working days nor seconds', () => {
    const broken = grantTemplateWith((t) => {
      t.stages[5].duration = { days: 5 } as unknown as Stage['duration'];
    });
    expect(errorsOf(broken)).toEqual([{ code: 'invalid_duration', path: `${NOTICE}.duration` }]);
  });

  it('rejects a template mixing working days and seconds', () => {
    const broken = grantTemplateWith((t) => (t.stages[5].duration = { seconds: 30 }));
    expect(errorsOf(broken)).toEqual([{ code: 'mixed_duration_units', path: `${NOTICE}.duration` }]);
  });
});

describe('outcomes and transitions', () => {
  it('rejects an outcome leading to a stage that does not exist, leaving every later stage unreachable', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'street-review', 'review').outcomes.advanced = { stage: 'district-reveiw' };
    });
    const stagesAfterStreetReview = [3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(errorsOf(broken)).toEqual([
      { code: 'unknown_target_stage', path: `${STREET_REVIEW}.outcomes.advanced` },
      ...stagesAfterStreetReview.map((index) => ({ code: 'unreachable_stage', path: `stages[${index}]` })),
    ]);
  });

  it('rejects an outcome leading back into its own stage', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'decision', 'decision').outcomes.declined = { stage: 'decision' };
    });
    expect(errorsOf(broken)).toEqual([{ code: 'self_transition', path: `${DECISION}.outcomes.declined` }]);
  });

  it('rejects an unknown terminal state', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'decision', 'decision').outcomes.declined = { terminal: 'rejected' } as never;
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'unknown_terminal_state', path: `${DECISION}.outcomes.declined` },
    ]);
  });

  it('requires every possible outcome to lead somewhere, including withdrawal and missed revisions', () => {
    const broken = grantTemplateWith((t) => {
      const solicitation = stageIn(t, 'solicitation', 'submission');
      delete solicitation.outcomes.revision_missed;
      delete solicitation.outcomes.withdrawn;
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'missing_outcome', path: `${SOLICITATION}.outcomes.withdrawn` },
      { code: 'missing_outcome', path: `${SOLICITATION}.outcomes.revision_missed` },
    ]);
  });

  it('does not require an outcome the settings rule out', () => {
    const template = grantTemplateWith((t) => {
      const notice = stageIn(t, 'public-notice', 'public_notice');
      notice.settings.objectionsAllowed = false;
      delete notice.outcomes.objection_upheld;
      delete notice.permissions.public;
      notice.permissions['coordinator:district'] = ['extend_deadline'];
    });
    expect(errorsOf(template)).toEqual([]);
  });

  it('rejects an outcome the stage kind does not have', () => {
    const broken = grantTemplateWith((t) => {
      (t.stages[1].outcomes as Record<string, unknown>).approved = { stage: 'street-review' };
    });
    expect(errorsOf(broken)).toEqual([{ code: 'unknown_outcome', path: `${SCREENING}.outcomes.approved` }]);
  });

  it('rejects a deadline outcome the stage cannot produce, and a deadline notice to nobody', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'closure', 'closure').onDeadline = { recordOutcome: 'signed' } as never;
      stageIn(t, 'decision', 'decision').onDeadline = { notify: [] };
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'no_roles_to_notify', path: `${DECISION}.onDeadline.notify` },
      { code: 'deadline_outcome_impossible', path: 'stages[11].onDeadline.recordOutcome' },
    ]);
  });

  it('rejects a stage no case can reach', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'decision', 'decision').outcomes.awarded = { stage: 'agreement' };
    });
    expect(errorsOf(broken)).toEqual([{ code: 'unreachable_stage', path: NOTICE }]);
  });

  it('rejects a loop with no way out to a terminal state', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'midterm-evaluation', 'evaluation').outcomes = {
        passed: { stage: 'final-evaluation' },
        failed: { stage: 'final-evaluation' },
      };
      stageIn(t, 'final-evaluation', 'evaluation').outcomes = {
        passed: { stage: 'midterm-evaluation' },
        failed: { stage: 'midterm-evaluation' },
      };
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'no_path_to_end', path: MIDTERM },
      { code: 'unreachable_stage', path: 'stages[9]' },
      { code: 'no_path_to_end', path: FINAL },
      { code: 'unreachable_stage', path: 'stages[11]' },
    ]);
  });
});

describe('permissions', () => {
  const grant = (stage: Stage, role: string, actions: string[]) => {
    (stage.permissions as Record<string, string[]>)[role] = actions;
  };

  it('rejects unknown roles and actions', () => {
    const broken = grantTemplateWith((t) => {
      grant(t.stages[4], 'mayor', ['award']);
      grant(t.stages[4], 'coordinator:district', ['award', 'decline', 'approve']);
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'unknown_action', path: `${DECISION}.permissions.coordinator:district[2]` },
      { code: 'unknown_role', path: `${DECISION}.permissions.mayor` },
    ]);
  });

  it('rejects an action that has no meaning in the stage kind', () => {
    const broken = grantTemplateWith((t) => grant(t.stages[1], 'coordinator:district', ['screen', 'award']));
    expect(errorsOf(broken)).toEqual([
      { code: 'action_not_in_stage_kind', path: `${SCREENING}.permissions.coordinator:district[1]` },
    ]);
  });

  it('keeps leadership read-only, applicants from judging, and scoring with reviewers', () => {
    const broken = grantTemplateWith((t) => {
      grant(t.stages[1], 'leadership', ['screen']);
      grant(t.stages[1], 'applicant', ['resubmit', 'withdraw', 'screen']);
      grant(t.stages[3], 'coordinator:district', ['assign_reviewers', 'submit_review']);
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'applicant_may_not_judge', path: `${SCREENING}.permissions.applicant[2]` },
      { code: 'read_only_role', path: `${SCREENING}.permissions.leadership[0]` },
      { code: 'reviewer_only_action', path: `${DISTRICT_REVIEW}.permissions.coordinator:district[1]` },
    ]);
  });

  it('requires someone to hold the action that drives each stage', () => {
    const broken = grantTemplateWith((t) => {
      delete t.stages[2].permissions.reviewer;
    });
    expect(errorsOf(broken)).toEqual([{ code: 'missing_actor', path: `${STREET_REVIEW}.permissions` }]);
    expect(validateTemplate(broken)[0].message.en).toContain('submit_review');
  });

  it('rejects revision requests where revision is not allowed, and objections where none are accepted', () => {
    const broken = grantTemplateWith((t) => {
      const screening = stageIn(t, 'eligibility-screening', 'screening');
      screening.settings.revision = { allowed: false };
      delete screening.outcomes.revision_missed;
      stageIn(t, 'public-notice', 'public_notice').settings.objectionsAllowed = false;
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'revision_not_allowed', path: `${SCREENING}.permissions` },
      { code: 'objections_not_allowed', path: `${NOTICE}.permissions` },
    ]);
  });

  it('requires every signatory of an agreement to be able to sign', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'agreement', 'agreement').settings.signatories.push('purchaser' satisfies Role);
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'signatory_cannot_sign', path: `${AGREEMENT}.settings.signatories[2]` },
    ]);
  });
});

describe('stage settings', () => {
  it('requires at least one reviewer per case and a rubric', () => {
    const broken = grantTemplateWith((t) => {
      const review = stageIn(t, 'district-review', 'review');
      review.settings.reviewersPerCase = 0;
      review.settings.rubricId = '';
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'missing_rubric', path: `${DISTRICT_REVIEW}.settings.rubricId` },
      { code: 'reviewers_per_case_below_one', path: `${DISTRICT_REVIEW}.settings.reviewersPerCase` },
    ]);
  });

  it.each([
    [{ rule: 'top_n', count: 0 }],
    [{ rule: 'top_share', percent: 0 }],
    [{ rule: 'top_share', percent: 120 }],
    [{ rule: 'min_score', minScore: -1 }],
    [{ rule: 'best_effort' }],
  ])('rejects the advancement rule %j', (advancement) => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'district-review', 'review').settings.advancement = advancement as never;
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'invalid_advancement', path: `${DISTRICT_REVIEW}.settings.advancement` },
    ]);
  });

  it('requires a screening checklist', () => {
    const broken = grantTemplateWith(
      (t) => (stageIn(t, 'eligibility-screening', 'screening').settings.checklist = []),
    );
    expect(errorsOf(broken)).toEqual([{ code: 'empty_checklist', path: `${SCREENING}.settings.checklist` }]);
  });

  it('requires award tiers, highest first, with valid caps and floor', () => {
    const broken = grantTemplateWith((t) => {
      const { settings } = stageIn(t, 'decision', 'decision');
      settings.tiers[1].maxAwardFen = 8_000_000;
      settings.partialFunding = { allowed: true, floorPercent: 0 };
      settings.budget = { source: 'template', totalFen: 12.5 };
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'tier_order', path: `${DECISION}.settings.tiers[1].maxAwardFen` },
      { code: 'invalid_amount', path: `${DECISION}.settings.budget.totalFen` },
      { code: 'invalid_percent', path: `${DECISION}.settings.partialFunding.floorPercent` },
    ]);
    const noTiers = grantTemplateWith((t) => (stageIn(t, 'decision', 'decision').settings.tiers = []));
    expect(errorsOf(noTiers)).toEqual([{ code: 'no_tiers', path: `${DECISION}.settings.tiers` }]);
  });

  it('checks tier minimum scores and category quotas', () => {
    const valid = grantTemplateWith((t) => {
      const { settings } = stageIn(t, 'decision', 'decision');
      settings.tiers[0].minScore = 85;
      settings.tiers[1].minScore = 70;
      settings.categoryQuotas = [
        { category: 'elderly', maxCount: 3, maxAmountFen: 10_000_000 },
        { category: 'youth', minCount: 1 },
      ];
    });
    expect(errorsOf(valid)).toEqual([]);
    const broken = grantTemplateWith((t) => {
      const { settings } = stageIn(t, 'decision', 'decision');
      settings.tiers[0].minScore = -1;
      settings.tiers[1].minScore = 70;
      settings.categoryQuotas = [
        { category: 'elderly', minCount: 3, maxCount: 2 },
        { category: 'elderly', maxAmountFen: 0 },
        { category: '', minCount: 1.5 },
      ];
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'invalid_score', path: `${DECISION}.settings.tiers[0].minScore` },
      { code: 'quota_min_above_max', path: `${DECISION}.settings.categoryQuotas[0].minCount` },
      { code: 'duplicate_category_quota', path: `${DECISION}.settings.categoryQuotas[1].category` },
      { code: 'invalid_amount', path: `${DECISION}.settings.categoryQuotas[1].maxAmountFen` },
      { code: 'invalid_category', path: `${DECISION}.settings.categoryQuotas[2].category` },
      { code: 'invalid_count', path: `${DECISION}.settings.categoryQuotas[2].minCount` },
    ]);
    const inverted = grantTemplateWith((t) => {
      const { settings } = stageIn(t, 'decision', 'decision');
      settings.tiers[0].minScore = 70;
      settings.tiers[1].minScore = 85;
    });
    expect(errorsOf(inverted)).toEqual([
      { code: 'tier_order', path: `${DECISION}.settings.tiers[1].minScore` },
    ]);
  });

  it('requires payment tranches to add up to 100 %', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'implementation', 'implementation').settings.tranches[0].percent = 40;
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'tranches_not_100', path: `${IMPLEMENTATION}.settings.tranches` },
    ]);
    expect(validateTemplate(broken)[0].message.en).toBe('Tranches must add up to 100 %, they add up to 90 %');
  });

  it('rejects fractional tranche percentages and duplicate tranche keys', () => {
    const broken = grantTemplateWith((t) => {
      const [second, final] = stageIn(t, 'implementation-continued', 'implementation').settings.tranches;
      second.percent = 29.5;
      final.percent = 20.5;
      final.key = 'first-tranche';
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'invalid_percent', path: 'stages[9].settings.tranches[0].percent' },
      { code: 'invalid_percent', path: 'stages[9].settings.tranches[1].percent' },
      { code: 'duplicate_key', path: 'stages[9].settings.tranches[1].key' },
    ]);
  });

  it('rejects a tranche tied to an event no stage produces, and a second evaluation of one phase', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'midterm-evaluation', 'evaluation').settings.phase = 'final';
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'duplicate_evaluation_phase', path: `${FINAL}.settings.phase` },
      { code: 'tranche_event_impossible', path: 'stages[9].settings.tranches[0].releasedOn' },
    ]);
  });

  it('rejects a report due after its stage ends and a reminder no earlier than the due date', () => {
    const broken = grantTemplateWith((t) => {
      const [progress, midterm] = stageIn(t, 'implementation', 'implementation').settings.reports;
      progress.remindBefore = { workingDays: 60 };
      midterm.dueAfter = { workingDays: 130 };
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'reminder_not_before_due', path: `${IMPLEMENTATION}.settings.reports[0].remindBefore` },
      { code: 'report_due_after_stage', path: `${IMPLEMENTATION}.settings.reports[1].dueAfter` },
    ]);
  });

  it('rejects a gap in the grade bands', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'final-evaluation', 'evaluation').settings.grades[1].minScore = 82;
    });
    expect(errorsOf(broken)).toEqual([{ code: 'grade_bands_gap', path: `${FINAL}.settings.grades` }]);
    expect(validateTemplate(broken)[0].message.en).toBe('No grade band covers scores from 80 to 82');
  });

  it('rejects overlapping grade bands and bands that stop short of 100', () => {
    const broken = grantTemplateWith((t) => {
      const { grades } = stageIn(t, 'final-evaluation', 'evaluation').settings;
      grades[1].minScore = 78;
      grades[0].maxScore = 95;
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'grade_bands_overlap', path: `${FINAL}.settings.grades` },
      { code: 'grade_bands_gap', path: `${FINAL}.settings.grades` },
    ]);
  });

  it('rejects a band outside 0–100 or upside down', () => {
    const broken = grantTemplateWith((t) => {
      const { grades } = stageIn(t, 'final-evaluation', 'evaluation').settings;
      grades[0].maxScore = 120;
    });
    expect(errorsOf(broken)).toEqual([{ code: 'grade_band_range', path: `${FINAL}.settings.grades[0]` }]);
  });

  it('requires a failing grade, below every passing one', () => {
    const noFail = grantTemplateWith((t) => {
      stageIn(t, 'final-evaluation', 'evaluation').settings.grades[3].passing = true;
    });
    expect(errorsOf(noFail)).toEqual([{ code: 'no_failing_grade', path: `${FINAL}.settings.grades` }]);
    const upsideDown = grantTemplateWith((t) => {
      const { grades } = stageIn(t, 'final-evaluation', 'evaluation').settings;
      grades[2].passing = false;
      grades[3].passing = true;
    });
    expect(errorsOf(upsideDown)).toEqual([{ code: 'grade_passing_order', path: `${FINAL}.settings.grades` }]);
  });

  it('requires a terminating failing grade to lead to the terminated state', () => {
    const broken = grantTemplateWith((t) => {
      stageIn(t, 'midterm-evaluation', 'evaluation').settings.failingGrade = 'terminate';
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'failing_grade_effect_mismatch', path: `${MIDTERM}.outcomes.failed` },
    ]);
    const consistent = grantTemplateWith((t) => {
      const midterm = stageIn(t, 'midterm-evaluation', 'evaluation');
      midterm.settings.failingGrade = 'terminate';
      midterm.outcomes.failed = { terminal: 'terminated' };
    });
    expect(errorsOf(consistent)).toEqual([]);
  });
});

describe('form definition', () => {
  it('rejects duplicate field keys, empty selects, bad limits and bad money bounds', () => {
    const broken = grantTemplateWith((t) => {
      const [project, plan, budget] = t.form.sections;
      plan.fields[0].key = 'projectName';
      (project.fields[1] as { options: unknown[] }).options = [];
      (plan.fields[1] as { maxLength: number }).maxLength = 0;
      (project.fields[3] as { min?: number; max?: number }).max = 0;
      (budget.fields[1] as { maxFen?: number }).maxFen = 99.5;
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'no_options', path: 'form.sections[0].fields[1].options' },
      { code: 'invalid_range', path: 'form.sections[0].fields[3].min' },
      { code: 'invalid_max_length', path: 'form.sections[1].fields[1].maxLength' },
      { code: 'invalid_amount', path: 'form.sections[2].fields[1].maxFen' },
      { code: 'duplicate_key', path: 'form.sections[1].fields[0].key' },
    ]);
  });

  it('rejects an unknown field type and an attachment field allowing no files', () => {
    const broken = grantTemplateWith((t) => {
      const documents = t.form.sections[3];
      (documents.fields[0] as { maxFiles: number }).maxFiles = 0;
      (documents.fields[1] as { type: string }).type = 'signature';
    });
    expect(errorsOf(broken)).toEqual([
      { code: 'invalid_count', path: 'form.sections[3].fields[0].maxFiles' },
      { code: 'unknown_field_type', path: 'form.sections[3].fields[1].type' },
    ]);
  });
});
