import type { Request, RequestHandler, Server } from 'restify';
import { ITEM_PAGE_MAX, ITEM_SORTS, NO_BATCH, itemQuerySchema } from '../../shared/api/dashboard';
import { idParamSchema } from '../../shared/api/schemas';
import { invalid, notFound } from '../../shared/domain/errors';
import { MIGRATION_STATUSES } from '../../shared/migration/status';
import type { DashboardService } from '../services/dashboard';
import type { ItemPageQuery } from '../storage/types';
import type { Identity } from './identity';

export interface DashboardApiDeps {
  dashboard: DashboardService;
}

/** api.ts's JSON route wrapper: identify, run, send 200 or the mapped error. */
type JsonRoute = (handler: (req: Request, actor: Identity) => Promise<unknown>) => RequestHandler;

/** The tab's overview of a war room: the snapshot, a page of items, the status series. */
export function mountDashboardApi(server: Server, deps: DashboardApiDeps, route: JsonRoute): void {
  server.get(
    '/api/v1/war-rooms/:id/dashboard',
    route((req, actor) => deps.dashboard.snapshot(actor, idParam(req))),
  );
  server.get(
    '/api/v1/war-rooms/:id/dashboard/series',
    route((req, actor) => deps.dashboard.series(actor, idParam(req))),
  );
  server.get(
    '/api/v1/war-rooms/:id/migration/items',
    route((req, actor) => deps.dashboard.items(actor, idParam(req), itemQuery(req))),
  );
}

/** The sentence a caller gets for each parameter it got wrong. */
const EXPECTED: Record<
  string,
  { key: Parameters<typeof invalid>[0]; params: Record<string, string | number> }
> = {
  search: { key: 'dashboard.query.text', params: { max: 200 } },
  batch: { key: 'dashboard.query.text', params: { max: 200 } },
  tag: { key: 'dashboard.query.text', params: { max: 100 } },
  status: { key: 'dashboard.query.oneOf', params: { values: MIGRATION_STATUSES.join(', ') } },
  sort: { key: 'dashboard.query.oneOf', params: { values: ITEM_SORTS.join(', ') } },
  dir: { key: 'dashboard.query.oneOf', params: { values: 'asc, desc' } },
  offset: { key: 'dashboard.query.number', params: { min: 0, max: 10_000_000 } },
  limit: { key: 'dashboard.query.number', params: { min: 1, max: ITEM_PAGE_MAX } },
};

function itemQuery(req: Request): ItemPageQuery {
  const raw = (req.query ?? {}) as Record<string, unknown>;
  const parsed = itemQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name =
      issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : String(issue?.path[0] ?? '');
    const expected = EXPECTED[name];
    if (!expected) throw invalid('dashboard.query.unknown', { name });
    throw invalid(expected.key, { name, ...expected.params });
  }
  const { batch, ...rest } = parsed.data;
  return {
    ...rest,
    ...(batch === undefined ? {} : { batch: batch === NO_BATCH ? null : batch }),
  };
}

function idParam(req: Request): string {
  const parsed = idParamSchema.safeParse(req.params?.id);
  if (!parsed.success) throw notFound('warroom.notFound');
  return parsed.data;
}
