import type { DataSource } from 'typeorm';
import type { CaseState, CaseTransitionRecord } from '@grantflow/domain';
import { caseNextDeadline } from '@grantflow/domain';
import { appendAudit, ApplicationEntity, CaseTransitionEntity, ReviewEntity } from '@grantflow/db';
import { auditSummary } from './audit-summary';

/** Input of the case projection: the transitions of one decision and the state they lead to. */
export interface ProjectCaseTransitionsInput {
  applicationId: string;
  workflowId: string;
  runId: string;
  transitions: CaseTransitionRecord[];
  state: CaseState;
}

/** Dependencies of the projection activities. */
export interface CaseProjectionDependencies {
  dataSource: DataSource;
}

/** Activities that write case workflow state into the Postgres read model. */
export function createCaseProjectionActivities({ dataSource }: CaseProjectionDependencies) {
  return {
    /**
     * Records the transitions and moves the application's projected state, idempotently: transitions are keyed
     * by (application, sequence), reviews by (application, stage, reviewer), recusals' registry conflicts by
     * (expert, case), and the row only moves forward, so retries, replays and out-of-order completions change
     * nothing twice.
     */
    async projectCaseTransitions(input: ProjectCaseTransitionsInput): Promise<void> {
      const { transitions, state } = input;
      if (transitions.length === 0) return;
      const lastSequence = transitions[transitions.length - 1].sequence;
      await dataSource.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into(CaseTransitionEntity)
          .values(
            transitions.map((transition) => ({
              applicationId: input.applicationId,
              sequence: transition.sequence,
              action: transition.action,
              fromStage: transition.fromStage,
              toStage: transition.toStage,
              actorId: transition.actorId,
              reason: transition.reason ?? null,
              revision: transition.revision,
              // TypeORM's insert typing cannot express open JSON objects; the column is jsonb.
              data: (transition.data ?? null) as never,
              occurredAt: new Date(transition.occurredAt),
              workflowId: input.workflowId,
              runId: input.runId,
            })),
          )
          .orIgnore()
          .execute();

        // A chair's consensus score is kept beside the raw reviews (which it never overwrites) under the
        // reviewer id `consensus`; ranking uses it in their place.
        const reviews = transitions
          .filter(
            (transition) =>
              transition.action === 'submit_review' || transition.action === 'resolve_disagreement',
          )
          .map((transition) => {
            if (transition.action === 'submit_review') return transition;
            const consensus = transition.data!.consensus as {
              total: number;
              scores: Record<string, number>;
              justification: string;
            };
            return {
              ...transition,
              data: {
                reviewerId: 'consensus',
                revision: transition.revision,
                total: consensus.total,
                rubricId: transition.data!.rubricId,
                scores: consensus.scores,
                comments: { justification: consensus.justification },
              },
            };
          });
        if (reviews.length > 0) {
          const { programId } = await manager.findOneOrFail(ApplicationEntity, {
            where: { id: input.applicationId },
            select: { programId: true },
          });
          await manager
            .createQueryBuilder()
            .insert()
            .into(ReviewEntity)
            .values(
              reviews.map((transition) => {
                const data = transition.data as {
                  reviewerId: string;
                  revision: number;
                  total: number;
                  rubricId: string;
                  scores: Record<string, number>;
                  comments: Record<string, string>;
                };
                return {
                  applicationId: input.applicationId,
                  stageKey: transition.fromStage,
                  reviewerId: data.reviewerId,
                  programId,
                  revision: data.revision,
                  rubricId: data.rubricId,
                  total: data.total,
                  scores: data.scores,
                  comments: data.comments,
                  submittedAt: new Date(transition.occurredAt),
                };
              }),
            )
            .orIgnore()
            .execute();
        }

        // A reviewer who recuses during review has declared a conflict with the case: it goes to the expert
        // registry too, so every later assignment of the program (other stages, replacements) leaves them out.
        // Keyed like a registry declaration (one case conflict per expert and case), so a retry or a declaration
        // made in the registry as well inserts nothing twice; reviewers who are not registered experts (panels
        // assigned by hand) have no registry entry to extend.
        for (const transition of transitions) {
          if (transition.action !== 'declare_conflict') continue;
          const reviewerId = (transition.data as { reviewerId?: string } | undefined)?.reviewerId;
          if (!reviewerId) continue;
          await manager.query(
            `INSERT INTO expert_conflicts
                    (expert_id, scope, program_id, application_id, reason, declared_in_stage, declared_at)
             SELECT expert.id, 'case', application.program_id, application.id, $3, $4, $5
               FROM experts expert, applications application
              WHERE expert.id = $1 AND application.id = $2
             ON CONFLICT DO NOTHING`,
            [
              reviewerId,
              input.applicationId,
              transition.reason ?? '评审中申报回避 / declared a conflict during review',
              transition.fromStage,
              new Date(transition.occurredAt),
            ],
          );
        }

        const submittedAt = transitions.find((transition) => transition.action === 'submit')?.occurredAt;
        const nextDeadline = caseNextDeadline(state);
        await manager
          .createQueryBuilder()
          .update(ApplicationEntity)
          .set({
            stage: state.stage,
            phase: state.phase,
            terminal: state.terminal,
            stageClosed: state.stageClosed,
            revision: Math.max(state.revision, 1),
            nextDeadlineAt: nextDeadline ? new Date(nextDeadline) : null,
            awardTier: state.award?.tier ?? null,
            awardedFen: state.award?.amountFen ?? null,
            caseState: state,
            workflowId: input.workflowId,
            lastTransitionSequence: lastSequence,
            ...(submittedAt ? { submittedAt: new Date(submittedAt) } : {}),
          })
          .where('id = :id AND last_transition_sequence < :sequence', {
            id: input.applicationId,
            sequence: lastSequence,
          })
          .execute();

        // In the same transaction: the audit trail holds a transition exactly when the read model does.
        await appendAudit(
          manager,
          transitions.map((transition) => ({
            source: 'transition' as const,
            actorId: transition.actorId,
            actorRoles: transition.actorRoles ?? ['system'],
            action: transition.action,
            subjectType: 'application',
            subjectId: input.applicationId,
            summary: auditSummary({
              fromStage: transition.fromStage,
              toStage: transition.toStage,
              revision: transition.revision,
              ...transition.data,
            }),
            workflowId: input.workflowId,
            runId: input.runId,
            eventKey: `case:${input.applicationId}:${transition.sequence}`,
            occurredAt: new Date(transition.occurredAt),
          })),
        );
      });
    },
  };
}
