// Runs one command per selected item (a case action per case, say) with a few calls in flight at a time, so a
// batch of hundreds neither floods the API nor waits for each call in turn. Framework-free, for unit tests.

/** How far a batch has got; `done` counts finished calls, successful or not. */
export interface BatchProgress {
  total: number;
  done: number;
  succeeded: number;
  failed: number;
}

/** One item whose call failed, with what it threw (an ApiError carries the API's problem). */
export interface BatchFailure<T> {
  item: T;
  error: unknown;
}

/** The outcome of a batch: every item is in exactly one of the three lists, in the order it was given. */
export interface BatchOutcome<T> {
  succeeded: T[];
  failed: BatchFailure<T>[];
  /** Items not started because the batch was cancelled; calls already in flight finish and are counted. */
  cancelled: T[];
}

export interface BatchOptions {
  /** Calls in flight at once; at least 1. */
  concurrency: number;
  /** Aborting stops new calls from starting; a call already sent cannot be taken back, so it is awaited. */
  signal?: AbortSignal;
  /** Told after every finished call (and once at the start, with nothing done). */
  onProgress?: (progress: BatchProgress) => void;
}

/** Runs `task` for every item, at most `concurrency` at a time, and reports what succeeded, failed or never ran. */
export async function runBatch<T>(
  items: readonly T[],
  task: (item: T) => Promise<unknown>,
  { concurrency, signal, onProgress }: BatchOptions,
): Promise<BatchOutcome<T>> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
  const results: ('succeeded' | 'failed' | undefined)[] = items.map(() => undefined);
  const errors = new Map<number, unknown>();
  const progress: BatchProgress = { total: items.length, done: 0, succeeded: 0, failed: 0 };
  onProgress?.({ ...progress });
  let next = 0;
  // Each lane takes the next item not yet started until none are left or the batch is cancelled.
  const lane = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      try {
        await task(items[index]);
        results[index] = 'succeeded';
        progress.succeeded++;
      } catch (error) {
        results[index] = 'failed';
        errors.set(index, error);
        progress.failed++;
      }
      progress.done++;
      onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  const outcome: BatchOutcome<T> = { succeeded: [], failed: [], cancelled: [] };
  items.forEach((item, index) => {
    const result = results[index];
    if (result === 'succeeded') outcome.succeeded.push(item);
    else if (result === 'failed') outcome.failed.push({ item, error: errors.get(index) });
    else outcome.cancelled.push(item);
  });
  return outcome;
}
