import { useEffect, useRef, useState } from 'react';
import { AUDIT_ACTIONS } from '../../../shared/domain/audit';
import type { ApiClient } from '../api/client';

/** `live`: following the war room; `reconnecting`: the stream dropped and may have missed something. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Several events in a burst (an import, a busy minute) make one reload. */
const COALESCE_MS = 100;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * Follows a war room's event stream and calls `onChange` when something in it changed
 * (and after each (re)connect, for whatever happened before the stream started).
 *
 * Reconnects on its own rather than letting EventSource retry the same URL: the ticket in
 * that URL lasts a minute, so each attempt buys a fresh one and passes the last event id
 * it saw (a new EventSource cannot send Last-Event-ID), with backoff and jitter.
 */
export function useWarRoomEvents(
  api: ApiClient,
  warRoomId: string,
  onChange: () => void,
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let changeTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let failures = 0;
    let lastEventId: string | null = null;

    const changed = () => {
      if (changeTimer !== undefined) return;
      changeTimer = setTimeout(() => {
        changeTimer = undefined;
        latest.current();
      }, COALESCE_MS);
    };
    const onEvent = (event: Event) => {
      if (event instanceof MessageEvent && event.lastEventId) lastEventId = event.lastEventId;
      changed();
    };
    const retry = () => {
      if (stopped) return;
      setStatus('reconnecting');
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++);
      retryTimer = setTimeout(() => void connect(), delay / 2 + Math.random() * (delay / 2));
    };
    const connect = async () => {
      let ticket: string;
      try {
        ({ ticket } = await api.streamTicket(warRoomId));
      } catch (error) {
        console.warn('Could not get a live stream ticket; retrying', error);
        retry();
        return;
      }
      if (stopped) return;
      const es = new EventSource(api.eventsUrl(warRoomId, ticket, lastEventId));
      source = es;
      es.onopen = () => {
        failures = 0;
        setStatus('live');
        changed();
      };
      for (const action of AUDIT_ACTIONS) es.addEventListener(action, onEvent);
      es.addEventListener('message', onEvent);
      es.onerror = () => {
        es.close();
        if (source === es) source = null;
        retry();
      };
    };

    setStatus('connecting');
    void connect();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(retryTimer);
      clearTimeout(changeTimer);
    };
  }, [api, warRoomId]);

  return status;
}
