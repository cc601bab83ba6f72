import type { Config } from '../config';
import type { TeamsMessenger } from './messenger';
import type { Logger } from '../logger';
import type { Clock } from '../services/clock';
import type { ActionService } from '../services/actions';
import type { DecisionService } from '../services/decisions';
import type { FileImportService } from '../services/fileImports';
import type { FreezeService } from '../services/freezes';
import type { TagService } from '../services/tags';
import type { MigrationStatusService } from '../services/migrationStatus';
import type { IncidentService } from '../services/incidents';
import type { LifecycleService } from '../services/lifecycle';
import type { ReplyService } from '../services/replies';
import type { RoleService } from '../services/roles';
import type { RosterService } from '../services/roster';
import type { WarRoomService } from '../services/warRooms';
import type { HandoverService } from '../services/handover';
import type { LessonsService } from '../services/lessons';

/** What the Teams transport needs; built once by the composition root. */
export interface TeamsDeps {
  config: Pick<
    Config,
    | 'allowedTenants'
    | 'serviceUrlAllowList'
    | 'fileDownload'
    | 'publicUrl'
    | 'localDev'
    | 'teamsAppId'
  >;
  logger: Logger;
  clock: Clock;
  warRooms: WarRoomService;
  incidents: IncidentService;
  decisions: DecisionService;
  actions: ActionService;
  /** The migration status card, and the failures' incident. */
  status: MigrationStatusService;
  freezes: FreezeService;
  /** Status exports sent as files in a personal chat. */
  fileImports: FileImportService;
  /** `tag` / `untag` on migration items. */
  tags: TagService;
  /** Closing, retention and the channel language (decision 022). */
  lifecycle: LifecycleService;
  replies: ReplyService;
  roles: RoleService;
  /** Team rosters, kept current by membership events (conversationUpdate). */
  roster: RosterService;
  /** The evaluation report's lessons learned, and shift handovers. */
  lessons: LessonsService;
  handovers: HandoverService;
  /** Sends one message now, bounded: only when the outbox (the database) is down. */
  messenger: Pick<TeamsMessenger, 'sendNow'>;
}
