import type { Request, Server } from 'restify';
import {
  createIncidentSchema,
  incidentNoteBodySchema,
  incidentOwnerSchema,
  incidentPageQuerySchema,
  incidentSeveritySchema,
  incidentStatusSchema,
} from '../../shared/api/incidents';
import { historyEntryDto, incidentRecordDto } from './recordsDtos';
import { BASE, origin, param, parse, type Handler, type RecordsRoute } from './recordsRoute';
import type { IncidentService } from '../services/incidents';

/**
 * Incidents from the tab: a filtered page, one with its notes and history, log one, and
 * change its status, severity, owner or notes from the version the user saw.
 */
export function mountIncidentRecords(
  server: Server,
  incidents: IncidentService,
  route: RecordsRoute,
): void {
  const base = BASE;
  const incident = (req: Request) => param(req, 'incidentId');
  server.get(
    `${base}/incidents/page`,
    route(200, async (req, actor, w) => {
      const q = parse(incidentPageQuerySchema, req.query);
      const found = await incidents.page(actor, w.id, {
        statuses: q.status,
        severities: q.severity,
        offset: q.offset,
        limit: q.limit,
      });
      return { ...found, incidents: found.incidents.map(incidentRecordDto), ...q };
    }),
  );
  server.get(
    `${base}/incidents/:incidentId`,
    route(200, async (req, actor, w) => {
      const h = await incidents.history(actor, origin(w), incident(req));
      return {
        incident: incidentRecordDto(h.incident),
        notes: h.notes.map(({ id, authorName, text, at }) => ({ id, authorName, text, at })),
        history: h.entries.map(historyEntryDto),
      };
    }),
  );
  server.post(
    `${base}/incidents`,
    route(201, async (req, actor, w) => {
      const input = parse(createIncidentSchema, req.body);
      return incidentRecordDto((await incidents.log(actor, origin(w), input)).incident);
    }),
  );
  const incidentChange = (path: string, run: Handler) =>
    server.post(`${base}/incidents/:incidentId/${path}`, route(200, run));
  incidentChange('status', async (req, actor, w) => {
    const input = { ...parse(incidentStatusSchema, req.body), incidentId: incident(req) };
    return incidentRecordDto((await incidents.changeStatus(actor, origin(w), input)).incident);
  });
  incidentChange('severity', async (req, actor, w) => {
    const input = { ...parse(incidentSeveritySchema, req.body), incidentId: incident(req) };
    return incidentRecordDto((await incidents.setSeverity(actor, origin(w), input)).incident);
  });
  incidentChange('owner', async (req, actor, w) => {
    const { ownerAadObjectId, expectedVersion } = parse(incidentOwnerSchema, req.body);
    const key = { incidentId: incident(req), expectedVersion };
    const owner = { aadObjectId: ownerAadObjectId };
    return incidentRecordDto((await incidents.setOwner(actor, origin(w), key, owner)).incident);
  });
  incidentChange('notes', async (req, actor, w) => {
    const { text, expectedVersion } = parse(incidentNoteBodySchema, req.body);
    const key = { incidentId: incident(req), expectedVersion };
    return incidentRecordDto((await incidents.addNote(actor, origin(w), key, text)).incident);
  });
}
