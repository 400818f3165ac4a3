import type { ActionRefusal } from '../../cases';
import type { CaseActionInput } from '../case-state';
import { refusal, type CaseStep } from '../case-step';
import { releaseTranchesOn } from './tranches';

// Milestone reports, shared by implementation and closure stages: filed, accepted or sent back, chased when late.

/** The applicant files a due report. */
export function submitReport(step: CaseStep, input: CaseActionInput): ActionRefusal | undefined {
  const report = step.state.reports.find((candidate) => candidate.key === input.reportKey);
  if (!report)
    return refusal('invalid', 'unknown_report', '本阶段没有该报告', 'No such report in this stage');
  if (report.status !== 'due')
    return refusal(
      'conflict',
      'report_already_submitted',
      '该报告已提交',
      'This report was already submitted',
    );
  report.status = 'submitted';
  step.data = { reportKey: report.key, late: step.now > report.dueAt };
  step.notify(
    `report-in:${report.key}:${step.state.sequence}`,
    'report_submitted',
    [{ kind: 'role', id: 'coordinator:district' }],
    { zh: '项目报告已提交', en: 'A project report was filed' },
    { zh: `报告：${report.key}`, en: `Report: ${report.key}` },
  );
  return undefined;
}

/** A coordinator accepts a filed report, or sends it back (request_revision) with a reason. */
export function reviewReport(
  step: CaseStep,
  input: CaseActionInput,
  accept: boolean,
): ActionRefusal | undefined {
  const report = step.state.reports.find((candidate) => candidate.key === input.reportKey);
  if (!report)
    return refusal('invalid', 'unknown_report', '本阶段没有该报告', 'No such report in this stage');
  if (report.status !== 'submitted')
    return refusal(
      'conflict',
      'report_not_submitted',
      '该报告尚未提交或已验收',
      'The report is not waiting for review',
    );
  if (!accept && !input.reason?.trim())
    return refusal(
      'invalid',
      'reason_required',
      '退回报告须说明原因',
      'Sending a report back needs a reason',
    );
  report.status = accept ? 'accepted' : 'due';
  step.data = { reportKey: report.key, accepted: accept };
  // A delivery milestone is paid once its report is accepted.
  if (accept) releaseTranchesOn(step, 'report_accepted', report.key);
  if (!accept) {
    step.notifyApplicant(
      `report-back:${report.key}:${step.state.sequence}`,
      'revision_requested',
      { zh: '项目报告被退回', en: 'A project report was sent back' },
      { zh: `原因：${input.reason}`, en: `Reason: ${input.reason}` },
    );
  }
  return undefined;
}

/** Reminds before a report is due and flags it overdue once its grace has passed. */
export function chaseReports(step: CaseStep): void {
  for (const report of step.state.reports) {
    if (report.status !== 'due') continue;
    if (!report.reminded && step.now >= report.remindAt) {
      report.reminded = true;
      step.notifyApplicant(
        `remind:${report.key}`,
        'deadline_near',
        { zh: '项目报告即将到期', en: 'A project report is due soon' },
        {
          zh: `报告 ${report.key} 须于 ${report.dueAt} 前提交`,
          en: `Report ${report.key} is due by ${report.dueAt}`,
        },
        report.dueAt,
      );
      step.followUp('report_reminder_sent', { reportKey: report.key, dueAt: report.dueAt });
    }
    if (report.overdueAt && !report.overdueNotified && step.now > report.overdueAt) {
      report.overdueNotified = true;
      step.notify(
        `overdue:${report.key}`,
        'report_overdue',
        [
          { kind: 'organization', id: step.context.organizationId },
          { kind: 'role', id: 'coordinator:district' },
        ],
        { zh: '项目报告已逾期', en: 'A project report is overdue' },
        {
          zh: `报告 ${report.key} 应于 ${report.dueAt} 前提交`,
          en: `Report ${report.key} was due by ${report.dueAt}`,
        },
      );
      step.followUp('report_overdue', { reportKey: report.key, dueAt: report.dueAt });
    }
  }
}

/** Reminder and overdue instants still ahead. */
export function reportWakeUps(reports: CaseStep['state']['reports']): string[] {
  return reports.flatMap((report) => {
    if (report.status !== 'due') return [];
    const instants = report.reminded ? [] : [report.remindAt];
    if (report.overdueAt && !report.overdueNotified) instants.push(report.overdueAt);
    return instants;
  });
}
