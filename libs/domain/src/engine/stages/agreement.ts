import type { Role } from '../../templates';
import type { StageBehaviour } from '../stage-behaviour';
import { holdsRoleFor } from '../case-context';
import { refusal, stageOf } from '../case-step';
import { releaseTranchesOn } from './tranches';

/** Agreement (协议): every signatory signs before the deadline; the first tranche follows the signing. */
export const agreementStage: StageBehaviour = {
  enter(step) {
    step.state.phase = 'awaiting_signatures';
    step.state.signatures = [];
  },
  act(step, _stage, input) {
    const stage = stageOf(step, 'agreement');
    const { state } = step;
    if (input.action !== 'sign_agreement') return undefined;
    if (state.stageDeadline && step.now > state.stageDeadline) {
      return refusal(
        'deadline',
        'deadline_passed',
        `签约期限 ${state.stageDeadline} 已过`,
        `The signing deadline ${state.stageDeadline} has passed`,
      );
    }
    // Only a side the actor holds for this case: a funder's member also carries `applicant` (for its own company)
    // and must not sign for the implementer.
    const signingAs = stage.settings.signatories.find(
      (role: Role) => holdsRoleFor(step.context, input.actor, role) && !state.signatures.includes(role),
    );
    if (!signingAs)
      return refusal('conflict', 'already_signed', '您一方已签署协议', 'Your side has already signed');
    state.signatures.push(signingAs);
    step.data = { signedAs: signingAs };
    if (stage.settings.signatories.every((role) => state.signatures.includes(role))) {
      step.conclude('signed');
      releaseTranchesOn(step, 'agreement_signed');
    } else {
      state.phase = 'partially_signed';
    }
    return undefined;
  },
};
