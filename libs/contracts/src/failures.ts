import { ApplicationFailure } from '@temporalio/common';

/** Failure types shared by workflows, activities and the API's error mapping. */
export const FailureType = {
  /** The action is refused: the case's state, the actor or a deadline does not allow it. */
  ActionRefused: 'ActionRefused',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Why an update was refused: what kind of refusal, a stable code, and a message per language. */
export interface Refusal {
  kind: 'conflict' | 'forbidden' | 'deadline' | 'invalid';
  code: string;
  message: { zh: string; en: string };
  fields?: { field: string; code: string; message: { zh: string; en: string } }[];
}

/** Builds the failure an update validator throws; the API reads `details[0]` back as the Refusal. */
export function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.ActionRefused,
    message: refusal.message.en,
    details: [refusal],
    nonRetryable: true,
  });
}

/** Reads the Refusal carried by a failure, if it is one. */
export function refusalOf(failure: unknown): Refusal | undefined {
  if (!(failure instanceof ApplicationFailure) || failure.type !== FailureType.ActionRefused)
    return undefined;
  const [refusal] = failure.details ?? [];
  return refusal as Refusal | undefined;
}
