import { useEffect, useState } from 'react';

export type Loadable<T> =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/**
 * Loads data when its key changes; stale answers of earlier keys are dropped. With `keepData`
 * the last data stays on screen while the next key loads (a reload after a change).
 */
export function useLoad<T>(
  key: string | null,
  load: () => Promise<T>,
  options: { keepData?: boolean } = {},
): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    if (!options.keepData) setValue({ state: 'loading' });
    load().then(
      (data) => live && setValue({ state: 'ready', data }),
      (err: unknown) =>
        live && setValue({ state: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return value;
}
