import type { DataSource } from 'typeorm';
import type { CaseTransition } from '@grantflow/contracts';
import { ApplicationEntity, CaseTransitionEntity } from '@grantflow/db';

/** Input of the case projection: one transition and the state it leads to. */
export interface ProjectCaseTransitionInput {
  applicationId: string;
  workflowId: string;
  runId: string;
  transition: CaseTransition;
}

/** Dependencies of the projection activities. */
export interface CaseProjectionDependencies {
  dataSource: DataSource;
}

/** Activities that write case workflow state into the Postgres read model. */
export function createCaseProjectionActivities({ dataSource }: CaseProjectionDependencies) {
  return {
    /**
     * Records one transition and moves the application's projected stage, idempotently: the transition row
     * is keyed by (application, sequence) and the stage only moves forward, so retries and replays of the
     * activity change nothing twice.
     */
    async projectCaseTransition(input: ProjectCaseTransitionInput): Promise<void> {
      const { transition } = input;
      await dataSource.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into(CaseTransitionEntity)
          .values({
            applicationId: input.applicationId,
            sequence: transition.sequence,
            action: transition.action,
            fromStage: transition.fromStage,
            toStage: transition.toStage,
            actorId: transition.actorId,
            reason: transition.reason ?? null,
            revision: transition.revision,
            occurredAt: new Date(transition.occurredAt),
            workflowId: input.workflowId,
            runId: input.runId,
          })
          .orIgnore()
          .execute();

        const update: Partial<ApplicationEntity> = {
          stage: transition.toStage,
          revision: transition.revision,
          workflowId: input.workflowId,
          lastTransitionSequence: transition.sequence,
        };
        if (transition.action === 'submit') update.submittedAt = new Date(transition.occurredAt);
        await manager
          .createQueryBuilder()
          .update(ApplicationEntity)
          .set(update)
          .where('id = :id AND last_transition_sequence < :sequence', {
            id: input.applicationId,
            sequence: transition.sequence,
          })
          .execute();
      });
    },
  };
}
