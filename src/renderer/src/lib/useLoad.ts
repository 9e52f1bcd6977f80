// Loading data for a screen: runs `load` whenever `deps` change, keeps the last result while
// reloading, drops answers that arrive after the screen moved on.
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './errors';

export function useLoad<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    setLoading(true);
    setError(null);
    load()
      .then((d) => live && setData(d))
      .catch((err: unknown) => {
        if (!live) return;
        setData(null);
        setError(errorMessage(err));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
