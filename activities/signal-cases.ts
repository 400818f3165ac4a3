import { heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { caseWorkflowId, programNoticeSignal } from '@grantflow/contracts';
import type { ProgramNotice } from '@grantflow/domain';

/** One program notice for one case. */
export interface CaseProgramNotice {
  applicationId: string;
  notice: ProgramNotice;
}

// Signals go out in slices so a program of tens of thousands of cases heartbeats as it goes and a retry
// after a crash repeats at most one slice (cases ignore a notice for a stage they have left).
const SIGNAL_SLICE = 200;

/**
 * Signals each case its notice, a slice at a time with a heartbeat after each; returns how many cases took
 * theirs. A case that ended since it was read (withdrawn meanwhile) has nothing to learn and is skipped.
 */
export async function signalInSlices(
  temporal: Client,
  notices: readonly CaseProgramNotice[],
): Promise<number> {
  let delivered = 0;
  for (let start = 0; start < notices.length; start += SIGNAL_SLICE) {
    const results = await Promise.all(
      notices.slice(start, start + SIGNAL_SLICE).map(async ({ applicationId, notice }) => {
        try {
          await temporal.workflow
            .getHandle(caseWorkflowId(applicationId))
            .signal(programNoticeSignal, notice);
          return 1;
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) return 0;
          throw error;
        }
      }),
    );
    delivered += results.reduce((sum: number, one) => sum + one, 0);
    heartbeat({ signalled: Math.min(start + SIGNAL_SLICE, notices.length) });
  }
  return delivered;
}
