import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';
import { useT } from '../i18n/locale';

export interface Mutation {
  busy: boolean;
  /** The server's sentence for the last failure (a refusal, a stale view), or null. */
  error: string | null;
  /**
   * Runs `work`; on success calls `then` (a reload). Failures become `error`, never throws;
   * `refused` then runs (a reload: a stale view or a refusal says how it stands now).
   */
  run<T>(work: () => Promise<T>, then?: (result: T) => void, refused?: () => void): Promise<void>;
}

/** A change made from a panel: one at a time, its failure shown in the user's words. */
export function useMutation(): Mutation {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T>(work: () => Promise<T>, then?: (result: T) => void, refused?: () => void) => {
      setBusy(true);
      setError(null);
      try {
        then?.(await work());
      } catch (e) {
        setError(e instanceof ApiError && e.userMessage ? e.userMessage : t('tab.loadFailed'));
        refused?.();
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, error, run };
}
