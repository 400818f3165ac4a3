import { useCallback, useEffect, useState } from 'react';
import { ApiError, type Problem } from './api/client';

/** Loads data for a page and reloads it on demand; a failure keeps the API's problem for display. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<Problem>();
  const [loading, setLoading] = useState(true);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await run());
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
    } finally {
      setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, problem, loading, reload };
}
