import { ACTION_CARD_ACTIONS } from './action';
import { DECISION_CARD_ACTIONS } from './decision';
import { FILE_IMPORT_CARD_ACTIONS } from './fileImport';
import { INCIDENT_CARD_ACTIONS } from './incident';
import { MIGRATION_CARD_ACTIONS } from './migration';
import { REPORT_CARD_ACTIONS } from './report';
import type { CardAction } from './types';

/**
 * Every card verb the bot answers, one registration per feature. Adding a feature adds
 * its file and one line here; the invoke handler does not change.
 */
const FEATURES: readonly (readonly CardAction[])[] = [
  INCIDENT_CARD_ACTIONS,
  DECISION_CARD_ACTIONS,
  ACTION_CARD_ACTIONS,
  MIGRATION_CARD_ACTIONS,
  FILE_IMPORT_CARD_ACTIONS,
  REPORT_CARD_ACTIONS,
];

export const CARD_ACTIONS: ReadonlyMap<string, CardAction> = new Map(
  FEATURES.flat().map((action) => [action.verb, action]),
);
