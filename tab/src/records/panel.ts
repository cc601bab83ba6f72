import { useEffect } from 'react';
import type { WarRoomAccessDto } from '../../../shared/api/access';
import type { Permission } from '../../../shared/domain/roles';
import type { ApiClient } from '../api/client';

/** What every records panel is given: the client, the war room, and the caller's access. */
export interface PanelProps {
  api: ApiClient;
  warRoomId: string;
  /** The caller's role and what it allows: controls are offered only for those. */
  access: WarRoomAccessDto;
  timeZone: string;
  /** Bumped when the war room changed (live events): the panel reloads. */
  changes: number;
}

export const allows = (access: WarRoomAccessDto, permission: Permission) =>
  access.permissions.includes(permission);

/** Reloads whenever the war room changed (not on the first render: the load is running). */
export function useReloadOnChange(changes: number, reload: () => void): void {
  useEffect(() => {
    if (changes > 0) reload();
  }, [changes, reload]);
}
