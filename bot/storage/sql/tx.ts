import type { Tx } from '../types';
import { actionRepo } from './actions';
import { apiKeyRepo } from './apiKeys';
import { auditRepo } from './audit';
import { dashboardRepo } from './dashboard';
import { decisionRepo } from './decisions';
import { freezeRepo } from './freezes';
import type { Exec } from './exec';
import { incidentRepo } from './incidents';
import { inboxRepo } from './inbox';
import { jobRepo } from './jobs';
import type { TxServiceUrls } from './knownServiceUrls';
import { migrationImportRepo, migrationSettingsRepo } from './migrationImports';
import { migrationItemRepo } from './migrationItems';
import { migrationTotalsRepo } from './migrationTotals';
import { outboxRepo } from './outbox';
import { personalChatRepo } from './personalChats';
import { lifecycleRepo } from './lifecycle';
import { privacyRepo } from './privacy';
import { roleRepo } from './roles';
import { rosterRepo } from './roster';
import { signingKeyRepo } from './signingKeys';
import { handoverRepo, lessonsRepo } from './reportNotes';
import { warRoomRepo } from './warRooms';

/**
 * The repositories of one transaction, written once for both dialects. `serviceUrls`:
 * what the storage knows of stored service URLs (docs/decisions/026).
 */
export function sqlTx(x: Exec, serviceUrls?: TxServiceUrls): Tx {
  return {
    warRooms: warRoomRepo(x, serviceUrls),
    incidents: incidentRepo(x),
    audit: auditRepo(x),
    inbox: inboxRepo(x),
    outbox: outboxRepo(x),
    jobs: jobRepo(x),
    roles: roleRepo(x),
    decisions: decisionRepo(x),
    actions: actionRepo(x),
    roster: rosterRepo(x),
    personalChats: personalChatRepo(x),
    migrationItems: migrationItemRepo(x),
    migrationImports: migrationImportRepo(x),
    migrationSettings: migrationSettingsRepo(x),
    apiKeys: apiKeyRepo(x),
    freezes: freezeRepo(x),
    signingKeys: signingKeyRepo(x),
    lessons: lessonsRepo(x),
    handovers: handoverRepo(x),
    dashboard: dashboardRepo(x),
    privacy: privacyRepo(x),
    lifecycle: lifecycleRepo(x),
    migrationTotals: migrationTotalsRepo(x),
  };
}
