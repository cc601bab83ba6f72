import type { Request, Response, Server } from 'restify';
import {
  handoverBodySchema,
  lessonsBodySchema,
  reportCsvFileSchema,
  reportQuerySchema,
} from '../../shared/api/report';
import { idParamSchema } from '../../shared/api/schemas';
import { invalid, notFound } from '../../shared/domain/errors';
import { reportCsv } from '../../shared/report/csvTables';
import { reportHtml } from '../../shared/report/html';
import { reportMarkdown } from '../../shared/report/markdown';
import type { Logger } from '../logger';
import type { HandoverService } from '../services/handover';
import type { LessonsService } from '../services/lessons';
import type { ReportService } from '../services/report';
import type { WarRoomService } from '../services/warRooms';
import { sendError } from './errors';
import type { Identity, IdentityResolver } from './identity';

export interface ReportApiDeps {
  logger: Logger;
  identify: IdentityResolver;
  report: ReportService;
  lessons: LessonsService;
  handovers: HandoverService;
  warRooms: Pick<WarRoomService, 'getVisible'>;
}

/** What a report route answers: a body and its type, attached as a file or shown inline. */
interface Page {
  type: string;
  body: string;
  file: string;
  inline: boolean;
}

/** The page itself may not run or fetch anything; only its inline style applies. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * The evaluation report (docs/decisions/021): the page as Markdown or printable HTML, and
 * each table as CSV. Whoever sees the war room may read it, like the tab's other routes.
 */
export function mountReportApi(server: Server, deps: ReportApiDeps): void {
  mountLessons(server, deps);
  const route =
    (handler: (req: Request, actor: Identity, locale: string) => Promise<Page>) =>
    async (req: Request, res: Response) => {
      const locale = req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim() || 'en';
      try {
        const actor = await deps.identify(req.header('authorization'));
        const page = await handler(req, actor, locale);
        res.writeHead(200, {
          'content-type': `${page.type}; charset=utf-8`,
          'content-disposition': `${page.inline ? 'inline' : 'attachment'}; filename="${page.file}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'content-security-policy': PAGE_CSP,
        });
        res.end(page.body);
      } catch (error) {
        sendError(res, locale, error, deps.logger);
      }
    };

  server.get(
    '/api/v1/war-rooms/:id/report',
    route(async (req, actor, acceptLocale) => {
      const query = reportQuerySchema.safeParse(req.query ?? {});
      if (!query.success) throw invalid('error.invalidRequest', { detail: 'format' });
      const locale = query.data.locale ?? acceptLocale;
      const id = idParam(req);
      const model = await deps.report.build(actor, id);
      if (query.data.format === 'md') {
        return {
          type: 'text/markdown',
          body: reportMarkdown(model, locale),
          file: `war-room-${id}-report.md`,
          inline: false,
        };
      }
      return {
        type: 'text/html',
        body: reportHtml(model, locale, {
          csvHref: (table) =>
            `report/${table}.csv${query.data.locale ? `?locale=${query.data.locale}` : ''}`,
        }),
        file: `war-room-${id}-report.html`,
        inline: true,
      };
    }),
  );

  server.get(
    '/api/v1/war-rooms/:id/report/:file',
    route(async (req, actor, acceptLocale) => {
      const table = reportCsvFileSchema.safeParse(req.params?.file);
      if (!table.success) throw notFound('report.noSuchTable');
      const query = reportQuerySchema.safeParse(req.query ?? {});
      const locale = (query.success && query.data.locale) || acceptLocale;
      const id = idParam(req);
      const model = await deps.report.build(actor, id);
      return {
        type: 'text/csv',
        body: reportCsv(model, table.data, locale),
        file: `war-room-${id}-${table.data}.csv`,
        inline: false,
      };
    }),
  );
}

/**
 * `PUT …/report/lessons` `{text}`: the lead's lessons learned, replacing the last ones
 * (audited). Someone who does not see the war room gets 404; anyone else but the lead, 403.
 */
/**
 * A JSON route of a war room the caller sees (404 otherwise): `handle` gets the caller, the
 * war room's id and the request, and its result is the 200 answer; errors in the caller's
 * words.
 */
function visibleRoute(
  deps: ReportApiDeps,
  handle: (actor: Identity, warRoomId: string, req: Request) => Promise<unknown>,
) {
  return async (req: Request, res: Response) => {
    const locale = req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim() || 'en';
    try {
      const actor = await deps.identify(req.header('authorization'));
      const id = idParam(req);
      await deps.warRooms.getVisible(actor, id);
      const result = await handle(actor, id, req);
      res.header('cache-control', 'no-store');
      res.send(200, result);
    } catch (error) {
      sendError(res, locale, error, deps.logger);
    }
  };
}

function mountLessons(server: Server, deps: ReportApiDeps): void {
  // A shift handover from the tab: the same summary (and mark) as the `handover` command.
  server.post(
    '/api/v1/war-rooms/:id/handover',
    visibleRoute(deps, async (actor, warRoomId, req) => {
      const body = handoverBodySchema.safeParse(req.body ?? {});
      if (!body.success) throw invalid('error.invalidRequest', { detail: 'hours' });
      return (await deps.handovers.post(actor, { warRoomId }, body.data.hours)).view;
    }),
  );
  // What is saved now, so the tab's form starts from it (anyone who sees the war room).
  server.get(
    '/api/v1/war-rooms/:id/report/lessons',
    visibleRoute(deps, async (actor, warRoomId) => {
      const { lessons } = await deps.lessons.view(actor, { warRoomId });
      return lessons ?? { text: '', byName: null, at: null };
    }),
  );
  server.put(
    '/api/v1/war-rooms/:id/report/lessons',
    visibleRoute(deps, async (actor, warRoomId, req) => {
      const body = lessonsBodySchema.safeParse(req.body);
      if (!body.success) throw invalid('error.invalidRequest', { detail: 'text' });
      return (await deps.lessons.save(actor, { warRoomId }, body.data.text)).lessons;
    }),
  );
}

function idParam(req: Request): string {
  const parsed = idParamSchema.safeParse(req.params?.id);
  if (!parsed.success) throw notFound('warroom.notFound');
  return parsed.data;
}
