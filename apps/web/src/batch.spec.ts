import { runBatch, type BatchProgress } from './batch';

/** A call the test finishes by hand, so it decides what is in flight when. */
function controllable() {
  const pending = new Map<string, { resolve: () => void; reject: (error: unknown) => void }>();
  let inFlight = 0;
  let mostInFlight = 0;
  const task = (item: string) =>
    new Promise<void>((resolve, reject) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const settle = () => inFlight--;
      pending.set(item, {
        resolve: () => (settle(), resolve()),
        reject: (error) => (settle(), reject(error)),
      });
    });
  return { task, pending, inFlight: () => inFlight, mostInFlight: () => mostInFlight };
}

// Lets the runner's awaits run, so the next lane picks up its next item.
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the batch runner', () => {
  it('keeps at most the concurrency limit of calls in flight and starts the next as one finishes', async () => {
    const calls = controllable();
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const running = runBatch(items, calls.task, { concurrency: 4 });
    await settle();
    expect([...calls.pending.keys()]).toEqual(['a', 'b', 'c', 'd']);
    calls.pending.get('b')!.resolve();
    await settle();
    expect(calls.inFlight()).toBe(4);
    expect(calls.pending.has('e')).toBe(true);
    expect(calls.pending.has('f')).toBe(false);
    for (const item of items) calls.pending.get(item)?.resolve();
    await settle();
    for (const item of items) calls.pending.get(item)?.resolve();
    const outcome = await running;
    expect(calls.mostInFlight()).toBe(4);
    expect(outcome).toEqual({ succeeded: items, failed: [], cancelled: [] });
  });

  it('counts progress after every call and collects each failure with its error, in the given order', async () => {
    const refusal = new Error('资格审查结论已作出');
    const seen: BatchProgress[] = [];
    const outcome = await runBatch(
      ['case-1', 'case-2', 'case-3', 'case-4'],
      async (item) => {
        if (item === 'case-2' || item === 'case-4') throw refusal;
      },
      { concurrency: 2, onProgress: (progress) => seen.push(progress) },
    );
    expect(seen[0]).toEqual({ total: 4, done: 0, succeeded: 0, failed: 0 });
    expect(seen.at(-1)).toEqual({ total: 4, done: 4, succeeded: 2, failed: 2 });
    expect(seen.map((progress) => progress.done)).toEqual([0, 1, 2, 3, 4]);
    expect(outcome.succeeded).toEqual(['case-1', 'case-3']);
    expect(outcome.failed).toEqual([
      { item: 'case-2', error: refusal },
      { item: 'case-4', error: refusal },
    ]);
    expect(outcome.cancelled).toEqual([]);
  });

  it('starts nothing more once cancelled, lets the calls in flight finish and lists the rest as cancelled', async () => {
    const calls = controllable();
    const cancel = new AbortController();
    const seen: BatchProgress[] = [];
    const running = runBatch(['a', 'b', 'c', 'd', 'e'], calls.task, {
      concurrency: 2,
      signal: cancel.signal,
      onProgress: (progress) => seen.push(progress),
    });
    await settle();
    calls.pending.get('a')!.resolve();
    await settle();
    // 'c' started when 'a' finished; now the user cancels with 'b' and 'c' in flight.
    cancel.abort();
    calls.pending.get('b')!.reject(new Error('network'));
    calls.pending.get('c')!.resolve();
    const outcome = await running;
    expect([...calls.pending.keys()]).toEqual(['a', 'b', 'c']);
    expect(outcome.succeeded).toEqual(['a', 'c']);
    expect(outcome.failed.map((failure) => failure.item)).toEqual(['b']);
    expect(outcome.cancelled).toEqual(['d', 'e']);
    expect(seen.at(-1)).toEqual({ total: 5, done: 3, succeeded: 2, failed: 1 });
  });

  it('finishes an empty batch at once and refuses a concurrency below one', async () => {
    await expect(runBatch([], () => Promise.resolve(), { concurrency: 4 })).resolves.toEqual({
      succeeded: [],
      failed: [],
      cancelled: [],
    });
    await expect(runBatch(['a'], () => Promise.resolve(), { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
