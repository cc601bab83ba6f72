import http from 'node:http';

export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body of a refusal (not a stream), parsed as JSON when it is JSON. */
  body: unknown;
  events: SseEvent[];
  /** Comment lines (`: heartbeat`), without the colon. */
  comments: string[];
  /** The last `retry:` value the server sent. */
  retry: number | undefined;
  /** Resolves once `count` events have arrived (rejects after `timeoutMs`). */
  waitForEvents(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves once a comment arrives (rejects after `timeoutMs`). */
  waitForComment(timeoutMs?: number): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * A bare server-sent events client over http.request: it sends what we tell it (no
 * automatic reconnect, no implicit Last-Event-ID), and records every field as it arrives.
 */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      res.setEncoding('utf8');
      const status = res.statusCode ?? 0;
      const waiters = new Set<() => void>();
      const notify = () => waiters.forEach((w) => w());
      const ended = new Promise<void>((done) => res.once('close', done));
      const stream: SseStream = {
        status,
        headers: res.headers,
        body: undefined,
        events: [],
        comments: [],
        retry: undefined,
        ended,
        close: () => req.destroy(),
        waitForEvents: (count, timeoutMs = 2000) =>
          until(() => stream.events.length >= count, timeoutMs, `${count} events`).then(() =>
            stream.events.slice(0, count),
          ),
        waitForComment: (timeoutMs = 2000) => {
          const seen = stream.comments.length;
          return until(() => stream.comments.length > seen, timeoutMs, 'a comment').then(
            () => stream.comments[seen]!,
          );
        },
      };
      const until = (done: () => boolean, timeoutMs: number, what: string) =>
        new Promise<void>((ok, fail) => {
          if (done()) return ok();
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(
              new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(stream.events)}`),
            );
          }, timeoutMs);
          const check = () => {
            if (!done()) return;
            clearTimeout(timer);
            waiters.delete(check);
            ok();
          };
          waiters.add(check);
        });

      if (status !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
        let text = '';
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            stream.body = JSON.parse(text);
          } catch {
            stream.body = text; // not JSON: keep it for the assertion message
          }
          resolve(stream);
        });
        return;
      }
      let buffer = '';
      let current: { id?: string; event?: string; data: string[] } = { data: [] };
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            if (current.data.length > 0) {
              stream.events.push({
                id: current.id,
                event: current.event,
                data: current.data.join('\n'),
              });
            }
            current = { data: [] };
          } else if (line.startsWith(':')) {
            stream.comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') current.id = value;
            else if (field === 'event') current.event = value;
            else if (field === 'data') current.data.push(value);
            else if (field === 'retry') stream.retry = Number(value);
          }
        }
        notify();
      });
      resolve(stream);
    });
    req.on('error', reject);
  });
}
