import type { WarRoomSummaryDto } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/client';

/** What each view of a war room (WarRoomPanels) is given. */
export interface PanelProps {
  api: ApiClient;
  summary: WarRoomSummaryDto;
  /** Something in the war room changed (the war-room list's numbers may be stale too). */
  onChange(): void;
}
