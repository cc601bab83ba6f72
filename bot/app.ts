import restify from 'restify';
import type { Config } from './config';
import { mountApi } from './http/api';
import { bodyParserSkips } from './http/migrationApi';
import { mountEvents } from './http/events';
import { streamTickets } from './http/streamTicket';
import { refuseEncodedBodies } from './http/contentEncoding';
import { createIdentityResolver } from './http/identity';
import { mountLegalPages } from './http/legalPages';
import { mountStaticTab } from './http/staticTab';
import { createLogger, type Logger } from './logger';
import { systemClock, uuidIds, type Clock, type IdGenerator } from './services/clock';
import { DeliveryService, type DeliveryOptions } from './services/delivery';
import { housekeepingJob } from './services/housekeeping';
import { ActionService } from './services/actions';
import { AuditLogService } from './services/auditLog';
import { actionJobs } from './services/actionTimers';
import { DecisionService } from './services/decisions';
import { decisionJobs } from './services/decisionTimers';
import { IncidentService } from './services/incidents';
import { ApiKeyService } from './services/apiKeys';
import { LiveEventService, type LiveEventOptions } from './services/liveEvents';
import { signingKey } from './services/signingKeys';
import { Pacer } from './services/pacer';
import { PrivacyService } from './services/privacy';
import { LifecycleService } from './services/lifecycle';
import { ReplyService } from './services/replies';
import { ReportService } from './services/report';
import { LessonsService } from './services/lessons';
import { HandoverService } from './services/handover';
import { RoleService } from './services/roles';
import { RosterService, type RosterOptions } from './services/roster';
import { FreezeService } from './services/freezes';
import { MigrationService } from './services/migration';
import { FileImportService } from './services/fileImports';
import { TagService } from './services/tags';
import { MigrationStatusService } from './services/migrationStatus';
import { Scheduler, type SchedulerOptions } from './services/scheduler';
import { WarRoomService } from './services/warRooms';
import { DashboardService } from './services/dashboard';
import { openStorage } from './storage/open';
import type { Storage } from './storage/types';
import { createTeamsTransport, TEAMS_RATE_LIMITS } from './teams';
import type { RosterSourceOptions } from './teams/rosterSource';

export interface App {
  config: Config;
  storage: Storage;
  logger: Logger;
  /** The outbox sender (tests wait on `idle()`). */
  delivery: DeliveryService;
  /** Jobs due at a time, housekeeping among them (tests wait on `idle()`). */
  scheduler: Scheduler;
  /** Migration status imports (the HTTP API and the bot's file path call it). */
  migration: MigrationService;
  /** The live event streams (tests read `size`). */
  live: LiveEventService;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  delivery?: Partial<DeliveryOptions>;
  scheduler?: Partial<SchedulerOptions>;
  roster?: Partial<RosterOptions> & { source?: Partial<RosterSourceOptions> };
  live?: Partial<LiveEventOptions>;
}

/**
 * The composition root: config → storage → services → transports → server, built in
 * that order and passed down. Nothing else constructs its own collaborators.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const storage = await openStorage(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    logger,
  );
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? uuidIds;
  const scheduler = new Scheduler({ storage, clock, ids, logger, options: overrides.scheduler });
  const { source: rosterSourceOptions, ...rosterOptions } = overrides.roster ?? {};
  const teams = createTeamsTransport(config, logger, { roster: rosterSourceOptions });
  const roster = new RosterService({
    storage,
    clock,
    logger,
    source: teams.rosterSource,
    scheduler,
    options: rosterOptions,
  });
  const warRooms = new WarRoomService({
    storage,
    clock,
    ids,
    defaultTimeZone: config.defaultTimeZone,
    onStarted: (warRoom, tx) => roster.warRoomStarted(warRoom, tx),
  });
  const incidents = new IncidentService({ storage, clock, ids });
  const replies = new ReplyService({ storage, clock, ids });
  const roles = new RoleService({ storage, clock, ids });
  const actions = new ActionService({
    storage,
    clock,
    ids,
    schedule: (request, tx) => scheduler.schedule(request, tx),
  });
  const decisions: DecisionService = new DecisionService({
    storage,
    clock,
    ids,
    schedule: (request, tx) => scheduler.schedule(request, tx),
    // A freeze's early release follows its go/no-go (the freezes exist by the first answer).
    onClosed: (tx, decision, warRoom, now): Promise<void> =>
      freezes.decided(tx, decision, warRoom, now),
  });
  const status = new MigrationStatusService({ storage, clock, ids });
  const freezes: FreezeService = new FreezeService({ storage, clock, ids, status, decisions });
  // Every accepted import, in its transaction: freeze violations, then the live status card.
  const migration = new MigrationService({
    storage,
    clock,
    ids,
    onImported: async (tx, event) => {
      await freezes.checkImport(tx, event);
      await status.refreshCard(tx, event.warRoom, event.importRecord.at);
    },
  });
  const apiKeys = new ApiKeyService({ storage, clock, ids });
  const fileImports = new FileImportService({ storage, clock, ids, migration });
  const tags = new TagService({ storage, clock, ids });
  const lessons = new LessonsService({ storage, clock, ids });
  const handovers = new HandoverService({ storage, clock, ids });
  const lifecycle = new LifecycleService({ storage, clock, ids, logger });
  const delivery = new DeliveryService({
    storage,
    clock,
    ids,
    logger,
    messenger: teams.messenger,
    pacer: new Pacer(TEAMS_RATE_LIMITS),
    options: overrides.delivery,
    onPosted: async (tx, message, activityId) => {
      const [kind, id] = (message.subject ?? '').split(':');
      if (kind === 'incident' && id) {
        await incidents.attachCard(
          tx,
          { tenantId: message.tenantId, userId: 'war-room', name: 'War Room' },
          id,
          activityId,
        );
      }
    },
  });

  const server = restify.createServer({ name: 'war-room', handleUncaughtExceptions: false });
  server.pre(refuseEncodedBodies);
  server.use(restify.plugins.queryParser());
  // JSON bodies up to 1 MB, except an import's (up to 64 MB of CSV or JSON), which its
  // route reads itself (restify's CSV parser would mangle an export), and DELETEs'.
  server.use(
    restify.plugins
      .bodyParser({ maxBodySize: 1024 * 1024, mapParams: false, rejectUnknown: true })
      .map((parse) => (req, res, next) => (bodyParserSkips(req) ? next() : parse(req, res, next))),
  );
  server.on('restifyError', (req, res, err, callback) => {
    // restify's own errors (bad JSON, 404, 405) keep their status but never leak internals.
    const fields = { path: req.path(), status: err.statusCode };
    if (err.statusCode >= 500)
      logger.error('request failed inside restify', { ...fields, error: err });
    else logger.info('request rejected by restify', fields);
    err.toJSON = () => ({
      error: { code: err.name, message: err.statusCode >= 500 ? 'Internal error.' : err.message },
    });
    return callback();
  });

  server.post(
    '/api/messages',
    teams.endpoint({
      clock,
      warRooms,
      incidents,
      decisions,
      actions,
      status,
      freezes,
      replies,
      lifecycle,
      roles,
      roster,
      fileImports,
      tags,
      lessons,
      handovers,
    }),
  );
  const audit = new AuditLogService({ storage, clock, warRooms });
  const identify = createIdentityResolver(config);
  mountApi(server, {
    logger,
    identify,
    warRooms,
    incidents,
    audit,
    migration,
    apiKeys,
    report: new ReportService({ storage, clock, warRooms, lessons: LessonsService.of }),
    lessons,
    handovers,
    records: { decisions, actions, roles },
    dashboard: new DashboardService({ storage, clock, warRooms }),
    allowedTenants: config.allowedTenants,
    privacy: new PrivacyService({
      storage,
      clock,
      // The local development identity stands for whoever runs the machine (decision 022).
      isTenantAdmin: (v) =>
        (config.localDev && !!v.devIdentity) ||
        (config.tenantAdmins[v.tenantId] ?? []).includes(v.userId),
    }),
  });
  // Live events: each war room's audit log, streamed to the tab (docs/decisions/017).
  const live = new LiveEventService({ storage, clock, logger, warRooms, options: overrides.live });
  mountEvents(server, {
    logger,
    identify,
    tickets: streamTickets(await signingKey({ storage, clock }, 'stream-ticket'), clock),
    warRooms,
    live,
  });
  // For load balancers: healthy only while the database answers.
  server.get('/healthz', async (_req, res) => {
    try {
      await storage.ping();
      res.send(200, { ok: true, store: storage.kind });
    } catch (error) {
      logger.error('health check: the database does not answer', { error });
      res.send(503, { ok: false, store: storage.kind });
    }
  });
  mountStaticTab(server, config.tabDir, logger);
  mountLegalPages(server, logger);

  scheduler.register(
    housekeepingJob({ storage, clock, logger }),
    roster.job(),
    lifecycle.job(),
    ...actionJobs({ storage, clock, ids }),
    ...decisionJobs({
      storage,
      clock,
      ids,
      schedule: (request, tx) => scheduler.schedule(request, tx),
    }),
  );
  return {
    config,
    storage,
    logger,
    delivery,
    scheduler,
    migration,
    live,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          scheduler.start();
          delivery.start();
          live.start();
          const address = server.address();
          resolve(
            `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`,
          );
        });
      }),
    close: async () => {
      await scheduler.stop();
      live.stop(); // open streams would hold server.close() forever
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await delivery.stop();
      await storage.close();
    },
  };
}
