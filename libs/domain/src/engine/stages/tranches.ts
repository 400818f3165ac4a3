import type { ProcessTemplate, TrancheEvent } from '../../templates';
import type { CaseAward, CaseTranche } from '../case-state';
import type { CaseStep } from '../case-step';

/**
 * The award's payment plan: every tranche of every implementation stage, in fen. Each is rounded down and the
 * last takes the remainder, so the tranches always add up to the award exactly.
 */
export function planTranches(template: ProcessTemplate, award: CaseAward): CaseTranche[] {
  const tranches = template.stages.flatMap((stage) =>
    stage.kind === 'implementation' ? stage.settings.tranches : [],
  );
  let allocated = 0;
  return tranches.map((tranche, index) => {
    const amountFen =
      index === tranches.length - 1
        ? award.amountFen - allocated
        : Math.floor((award.amountFen * tranche.percent) / 100);
    allocated += amountFen;
    return {
      key: tranche.key,
      releasedOn: tranche.releasedOn,
      ...(tranche.reportKey !== undefined ? { reportKey: tranche.reportKey } : {}),
      amountFen,
      status: 'pending' as const,
    };
  });
}

/** Releases the tranches an event makes due (for 'report_accepted', those of that report), unless stopped. */
export function releaseTranchesOn(step: CaseStep, event: TrancheEvent, reportKey?: string): void {
  for (const tranche of step.state.tranches) {
    if (tranche.releasedOn !== event || tranche.status !== 'pending') continue;
    if (event === 'report_accepted' && tranche.reportKey !== reportKey) continue;
    tranche.status = 'released';
    step.followUp('tranche_released', { trancheKey: tranche.key, amountFen: tranche.amountFen, event });
    step.notifyApplicant(
      `tranche:${tranche.key}`,
      'tranche_released',
      { zh: '资助款项已拨付', en: 'A tranche of your award was released' },
      { zh: `拨付金额 ${tranche.amountFen / 100} 元`, en: `Amount released: ¥${tranche.amountFen / 100}` },
    );
  }
}

/** Stops every tranche not yet paid, after a failed evaluation or a termination. */
export function stopTranches(step: CaseStep, reason: string): void {
  const stopped = step.state.tranches.filter((tranche) => tranche.status === 'pending');
  if (stopped.length === 0) return;
  for (const tranche of stopped) tranche.status = 'stopped';
  step.followUp(
    'tranches_stopped',
    {
      trancheKeys: stopped.map((tranche) => tranche.key),
      amountFen: stopped.reduce((sum, t) => sum + t.amountFen, 0),
    },
    reason,
  );
}

/** A coordinator releases a due tranche by hand (e.g. after checking the invoice). */
export function releaseTrancheByHand(step: CaseStep, trancheKey: string | undefined) {
  const tranche = step.state.tranches.find((candidate) => candidate.key === trancheKey);
  if (!tranche || tranche.status !== 'pending') return false;
  tranche.status = 'released';
  step.data = { trancheKey: tranche.key, amountFen: tranche.amountFen };
  return true;
}
