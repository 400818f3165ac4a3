import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf } from '../case-step';

/** Public notice (公示): anyone may object until the notice ends; a coordinator resolves each objection. */
export const publicNoticeStage: StageBehaviour = {
  enter(step) {
    step.state.phase = 'on_notice';
    step.state.objections = [];
  },
  act(step, _stage, input) {
    const stage = stageOf(step, 'public_notice');
    const { state } = step;
    switch (input.action) {
      case 'object': {
        if (!stage.settings.objectionsAllowed)
          return refusal(
            'conflict',
            'objections_closed',
            '本公示不接受异议',
            'This notice takes no objections',
          );
        if (state.stageClosed || (state.stageDeadline && step.now > state.stageDeadline)) {
          return refusal(
            'deadline',
            'deadline_passed',
            '公示期已结束，不再受理异议',
            'The notice period has ended; objections are closed',
          );
        }
        if (!input.reason?.trim())
          return refusal(
            'invalid',
            'reason_required',
            '异议须写明事实和理由',
            'An objection must state its facts and reasons',
          );
        const objection = {
          id: `objection-${state.objections.length + 1}`,
          raisedBy: input.actor.userId,
          reason: input.reason.trim(),
          raisedAt: step.now,
          resolution: null,
        };
        state.objections.push(objection);
        state.phase = 'objection_pending';
        step.data = { objectionId: objection.id };
        // Whoever the notice lets answer objections is told: district staff in a grant competition, the
        // purchasing department in a purchase of services.
        const answerers = Object.entries(stage.permissions)
          .filter(([, actions]) => actions?.includes('resolve_objection'))
          .map(([role]) => ({ kind: 'role' as const, id: role }));
        step.notify(
          `objection:${objection.id}`,
          'objection_raised',
          answerers,
          { zh: '公示收到异议', en: 'An objection was raised during the public notice' },
          { zh: `异议内容：${objection.reason}`, en: `Objection: ${objection.reason}` },
        );
        return undefined;
      }
      case 'resolve_objection': {
        const objection = state.objections.find((candidate) => candidate.id === input.objectionId);
        if (!objection) return refusal('invalid', 'unknown_objection', '异议不存在', 'No such objection');
        if (objection.resolution)
          return refusal(
            'conflict',
            'already_resolved',
            '该异议已处理',
            'This objection was already resolved',
          );
        if (typeof input.upheld !== 'boolean' || !input.reason?.trim()) {
          return refusal(
            'invalid',
            'resolution_required',
            '须说明异议是否成立及理由',
            'Say whether the objection is upheld, and why',
          );
        }
        objection.resolution = {
          upheld: input.upheld,
          reason: input.reason.trim(),
          resolvedBy: input.actor.userId,
        };
        step.data = { objectionId: objection.id, upheld: input.upheld };
        if (input.upheld) {
          step.conclude('objection_upheld', input.reason);
          return undefined;
        }
        if (state.objections.every((candidate) => candidate.resolution)) {
          state.phase = 'on_notice';
          // The notice ended while this objection was open: the result now stands.
          if (state.stageClosed) step.conclude('confirmed', input.reason);
        }
        return undefined;
      }
      default:
        return undefined;
    }
  },
  outcomeOnClose(state) {
    return state.objections.some((objection) => !objection.resolution) ? undefined : 'confirmed';
  },
};
