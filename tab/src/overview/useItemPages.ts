import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ItemDto, ItemQueryInput } from '../../../shared/api/dashboard';
import type { ApiClient } from '../api/client';

/** Rows per request: a screenful or two, well under the server's cap of 200. */
export const PAGE_SIZE = 100;

export type ItemFilters = Omit<ItemQueryInput, 'offset' | 'limit'>;

interface Cache {
  key: string;
  total: number | null;
  pages: Map<number, ItemDto[]>;
  inFlight: Map<number, AbortController>;
  error: unknown;
}

const fresh = (key: string): Cache => ({
  key,
  total: null,
  pages: new Map(),
  inFlight: new Map(),
  error: null,
});

export interface ItemPages {
  /** Items matching the filters in all (null until the first page arrives). */
  total: number | null;
  /** The item at `index`, if its page has arrived. */
  at(index: number): ItemDto | undefined;
  /** Loads the pages holding these row indexes, unless they are loaded or loading. */
  ensure(indexes: readonly number[]): void;
  error: unknown;
  retry(): void;
}

/**
 * The items table's rows, fetched a page at a time as they scroll into view: a war room
 * of 100,000 items never loads more than the pages someone looked at. New filters start
 * over; a live change (`version`) reloads the pages already shown, in place.
 */
export function useItemPages(
  api: ApiClient,
  warRoomId: string,
  filters: ItemFilters,
  version: number,
): ItemPages {
  const key = `${warRoomId} ${JSON.stringify(filters)}`;
  const cache = useRef<Cache>(fresh(''));
  const [, render] = useReducer((n: number) => n + 1, 0);
  const latest = useRef({ api, warRoomId, filters });
  useEffect(() => {
    latest.current = { api, warRoomId, filters };
  });

  const fetchPage = useCallback((c: Cache, page: number, replace: boolean) => {
    if (c.inFlight.has(page) && !replace) return;
    c.inFlight.get(page)?.abort();
    const controller = new AbortController();
    c.inFlight.set(page, controller);
    const { api: client, warRoomId: id, filters: f } = latest.current;
    client.items(id, { ...f, offset: page * PAGE_SIZE, limit: PAGE_SIZE }, controller.signal).then(
      (result) => {
        if (cache.current !== c || controller.signal.aborted) return;
        c.inFlight.delete(page);
        c.pages.set(page, result.items);
        c.total = result.total;
        c.error = null;
        render();
      },
      (error: unknown) => {
        if (cache.current !== c || controller.signal.aborted) return;
        c.inFlight.delete(page);
        c.error = error;
        render();
      },
    );
  }, []);

  useEffect(() => {
    const c = fresh(key);
    cache.current = c;
    fetchPage(c, 0, false);
    render();
    return () => {
      for (const controller of c.inFlight.values()) controller.abort();
    };
  }, [key, fetchPage]);

  const seenVersion = useRef(version);
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    const c = cache.current;
    const loaded = [...c.pages.keys()];
    for (const page of loaded.length > 0 ? loaded : [0]) fetchPage(c, page, true);
  }, [version, fetchPage]);

  const current = cache.current.key === key ? cache.current : null;
  const ensure = useCallback(
    (indexes: readonly number[]) => {
      const c = cache.current;
      // After a failure, only Retry loads again (no request loop on every render).
      if (c.key !== key || c.error !== null) return;
      const wanted = new Set(indexes.map((i) => Math.floor(i / PAGE_SIZE)));
      for (const page of wanted) if (!c.pages.has(page)) fetchPage(c, page, false);
    },
    [key, fetchPage],
  );
  const retry = useCallback(() => {
    const c = cache.current;
    c.error = null;
    fetchPage(c, 0, true);
    render();
  }, [fetchPage]);

  return {
    total: current?.total ?? null,
    at: (index) => current?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    ensure,
    error: current?.error ?? null,
    retry,
  };
}
