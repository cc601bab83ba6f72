import type { Request, Response, Server } from 'restify';
import { lastEventIdSchema, type LiveEventDto, type StreamTicketDto } from '../../shared/api/live';
import { idParamSchema } from '../../shared/api/schemas';
import { invalid, notFound } from '../../shared/domain/errors';
import { t } from '../../shared/i18n';
import type { Logger } from '../logger';
import { StreamLimitReached, type LiveEventService, type LiveSink } from '../services/liveEvents';
import type { WarRoomService } from '../services/warRooms';
import { sendError } from './errors';
import type { IdentityResolver } from './identity';
import type { StreamTickets } from './streamTicket';

export interface EventsDeps {
  logger: Logger;
  identify: IdentityResolver;
  tickets: StreamTickets;
  warRooms: WarRoomService;
  live: LiveEventService;
}

/** What EventSource waits before reconnecting by itself (the tab reconnects on its own). */
const RETRY_MS = 2000;
/** A client this far behind (bytes queued to its socket) is dropped; it catches up on reconnect. */
const MAX_BUFFERED = 1024 * 1024;
/** Event names are audit actions; anything else would break the line format. */
const EVENT_NAME = /^[A-Za-z0-9_.:-]+$/;

/**
 * The live event stream of a war room: `POST …/events/ticket` (bearer token) gives a ticket
 * that `GET …/events?ticket=` accepts, because a browser's EventSource cannot send headers.
 * The GET takes the bearer token too (scripts). docs/decisions/017-live-events.md.
 */
export function mountEvents(server: Server, deps: EventsDeps): void {
  server.post('/api/v1/war-rooms/:id/events/ticket', async (req: Request, res: Response) => {
    try {
      const id = idParam(req);
      const identity = await deps.identify(req.header('authorization'));
      await deps.warRooms.getVisible(identity, id);
      res.header('cache-control', 'no-store');
      res.send(200, deps.tickets.issue(identity, id) satisfies StreamTicketDto);
    } catch (error) {
      sendError(res, localeOf(req), error, deps.logger);
    }
  });

  server.get('/api/v1/war-rooms/:id/events', async (req: Request, res: Response) => {
    const locale = localeOf(req);
    try {
      const id = idParam(req);
      const query = (req.query ?? {}) as Record<string, unknown>;
      const viewer =
        typeof query.ticket === 'string'
          ? deps.tickets.verify(query.ticket, id)
          : await deps.identify(req.header('authorization'));
      const lastEventId = lastEventIdOf(req.header('last-event-id') || query.lastEventId);
      const stream = sseResponse(res);
      let gone = false;
      res.once('close', () => (gone = true));
      const close = await deps.live.open(viewer, id, lastEventId, stream.sink);
      if (gone) return close();
      // The stream outlives this handler: restify's request is done, the socket stays.
      stream.begin();
      res.once('close', close);
    } catch (error) {
      if (res.headersSent) {
        // Failed during the catch-up, events already sent: the client reconnects from there.
        deps.logger.warn('live stream ended: catch-up failed', { error });
        res.end();
        return;
      }
      if (error instanceof StreamLimitReached) {
        deps.logger.warn('live stream refused: limit reached', { scope: error.scope });
        res.header('retry-after', '30');
        res.send(429, {
          error: { code: 'too_many_streams', message: t(locale, 'error.tooManyStreams') },
        });
        return;
      }
      sendError(res, locale, error, deps.logger);
    }
  });
}

const localeOf = (req: Request) => req.header('accept-language')?.split(',')[0] ?? 'en';

function idParam(req: Request): string {
  const parsed = idParamSchema.safeParse(req.params?.id);
  if (!parsed.success) throw notFound('warroom.notFound');
  return parsed.data;
}

function lastEventIdOf(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const parsed = lastEventIdSchema.safeParse(raw);
  if (!parsed.success) throw invalid('error.invalidRequest', { detail: 'Last-Event-ID' });
  return parsed.data;
}

/** The response as a text/event-stream: headers on `begin`, then events and heartbeats. */
function sseResponse(res: Response): { sink: LiveSink; begin(): void } {
  const writable = () => !res.writableEnded && !res.destroyed;
  const begin = () => {
    if (res.headersSent) return;
    res.socket?.setTimeout(0);
    res.socket?.setNoDelay(true);
    res.socket?.setKeepAlive(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
  };
  const write = (text: string) => {
    if (!writable()) return false;
    begin();
    res.write(text);
    return res.writableLength <= MAX_BUFFERED;
  };
  return {
    begin,
    sink: {
      send: (e: LiveEventDto) =>
        write(
          `id: ${e.seq}\nevent: ${EVENT_NAME.test(e.action) ? e.action : 'message'}\n` +
            `data: ${JSON.stringify({ seq: e.seq, action: e.action, subject: e.subject, at: e.at })}\n\n`,
        ),
      heartbeat: () => write(': heartbeat\n\n'),
      drained: () =>
        // 'drain' comes only after a write that asked the caller to wait.
        !writable() || !res.writableNeedDrain
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              const done = () => {
                res.off('drain', done);
                res.off('close', done);
                resolve();
              };
              res.on('drain', done);
              res.on('close', done);
            }),
      close: () => {
        if (writable()) res.end();
      },
    },
  };
}
