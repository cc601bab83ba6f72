import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Clock } from '../services/clock';
import type { IncidentService } from '../services/incidents';
import type { WarRoomService } from '../services/warRooms';
import type { Storage } from '../storage/types';

/** What the Teams transport needs; built once by the composition root. */
export interface TeamsDeps {
  config: Pick<Config, 'allowedTenants' | 'serviceUrlAllowList'>;
  logger: Logger;
  clock: Clock;
  storage: Storage;
  warRooms: WarRoomService;
  incidents: IncidentService;
}
