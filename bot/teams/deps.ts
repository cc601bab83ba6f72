import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Clock } from '../services/clock';
import type { IncidentService } from '../services/incidents';
import type { ReplyService } from '../services/replies';
import type { RoleService } from '../services/roles';
import type { WarRoomService } from '../services/warRooms';

/** What the Teams transport needs; built once by the composition root. */
export interface TeamsDeps {
  config: Pick<Config, 'allowedTenants' | 'serviceUrlAllowList'>;
  logger: Logger;
  clock: Clock;
  warRooms: WarRoomService;
  incidents: IncidentService;
  replies: ReplyService;
  roles: RoleService;
  /** The outbox sender: told to send after a turn committed messages. */
  delivery: { kick(): void };
}
