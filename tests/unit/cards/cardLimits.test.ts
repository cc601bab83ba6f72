import path from 'node:path';
import { actionCard, actionListCard } from '../../../bot/cards/actionCard';
import { actionFormCard } from '../../../bot/cards/actionForm';
import { decisionCard } from '../../../bot/cards/decisionCard';
import { decisionFormCard } from '../../../bot/cards/decisionFormCard';
import { chooseWarRoomCard } from '../../../bot/cards/fileImportCard';
import { sentenceCard } from '../../../bot/cards/sentenceCard';
import { statusCard } from '../../../bot/cards/statusCard';
import { helpCard } from '../../../bot/cards/helpCard';
import { handoverCard } from '../../../bot/cards/handoverCard';
import { reportCard } from '../../../bot/cards/reportCard';
import { tabPageLink } from '../../../bot/cards/deepLinks';
import { LESSONS_MAX } from '../../../shared/api/report';
import { AUDIT_ACTIONS } from '../../../shared/domain/audit';
import { incidentCard } from '../../../bot/cards/incidentCard';
import type { AdaptiveCardJson } from '../../../bot/cards/types';
import { welcomeCard } from '../../../bot/cards/welcomeCard';
import { ACTION_STATUSES } from '../../../shared/domain/action';
import { DECISION_KINDS, DECISION_STATUSES } from '../../../shared/domain/decision';
import { conflict } from '../../../shared/domain/errors';
import { INCIDENT_STATUSES, SEVERITIES } from '../../../shared/domain/incident';
import { TITLE_MAX } from '../../../shared/domain/warRoom';
import { LANGUAGES, messageFor } from '../../../shared/i18n';
import { cardProblems } from '../../support/cards';
import { cardBuildersIn } from './exports';
import {
  filler,
  longAction,
  longDecision,
  longIncident,
  longNotes,
  LONG_NAME,
  person,
  type Shape,
} from './worstCase';

/** Teams refuses a message over 40 KB; cards are measured as the UTF-16 of their JSON. */
const MAX_UTF16_BYTES = 40 * 1024;
const utf16Bytes = (card: unknown) => JSON.stringify(card).length * 2;

/** The longest sentence a card shows above itself: "DEC-n is already decided by <name>". */
const longNotice = (locale: string) =>
  messageFor(
    locale,
    conflict('decision.alreadyDecided', {
      ref: 'DEC-999999',
      statusKey: 'decision.status.withdrawn',
      by: LONG_NAME,
    }),
  );

interface Case {
  name: string;
  build: (locale: string) => AdaptiveCardJson;
}

const ZONE = 'Europe/Copenhagen';
const uuidOf = (n: number) => `3f0c9a52-5d8e-4b7a-9c61-${n.toString(16).padStart(12, '0')}`;
/** User principal names as long as Entra allows (64 before the @, 48 after). */
const UPNS = Array.from(
  { length: 60 },
  (_, i) => `${String(i).padStart(64, 'u')}@${'d'.repeat(45)}.dk`,
);

const decisionCases = (): Case[] =>
  DECISION_KINDS.flatMap((kind) =>
    DECISION_STATUSES.flatMap((status) =>
      (status === 'pending' ? (['everyone', 'approver'] as const) : (['everyone'] as const)).map(
        (view) => {
          const shape: Shape = { kind, status };
          return {
            name: `${kind} ${status}, ${view}'s view`,
            build: (locale: string) =>
              decisionCard({
                decision: longDecision(shape),
                upns: Array.from(
                  { length: 60 },
                  (_, i) => `${filler(64, `${i}.`)}@${filler(60)}.dk`,
                ),
                timeZone: ZONE,
                locale,
                view,
                notice: longNotice(locale),
              }),
          };
        },
      ),
    ),
  );

/**
 * Every card builder of bot/cards/ (an exported function that returns an Adaptive Card),
 * with its worst cases. A new builder fails the completeness test until it has cases here.
 */
const BUILDERS: Record<string, Case[]> = {
  incidentCard: SEVERITIES.flatMap((severity) =>
    INCIDENT_STATUSES.map((status) => ({
      name: `${severity} ${status}`,
      build: (locale: string) =>
        incidentCard({
          incident: longIncident(severity, status),
          timeZone: ZONE,
          locale,
          notice: longNotice(locale),
          notes: longNotes(),
          upns: UPNS,
        }),
    })),
  ),
  decisionCard: decisionCases(),
  actionCard: ACTION_STATUSES.map((status) => ({
    name: status,
    build: (locale: string) =>
      actionCard({
        action: longAction(1, status),
        timeZone: ZONE,
        locale,
        notice: longNotice(locale),
      }),
  })),
  actionListCard: [
    {
      // More open actions than the card lists: it shows the first 30.
      name: '100 open actions',
      build: (locale: string) =>
        actionListCard(
          Array.from({ length: 100 }, (_, i) => longAction(i + 1, 'open')),
          ZONE,
          locale,
        ),
    },
    { name: 'no open action', build: (locale: string) => actionListCard([], ZONE, locale) },
  ],
  actionFormCard: [
    undefined,
    { kind: 'incident' as const, id: longIncident('sev1', 'open').id, ref: 'INC-999999' },
  ].map((followUpOf) => ({
    name: followUpOf ? 'follow-up, shown again with a problem' : 'blank',
    build: (locale: string) =>
      actionFormCard({
        locale,
        followUpOf,
        values: { title: filler(TITLE_MAX), due: filler(100) },
        notice: longNotice(locale),
      }),
  })),
  decisionFormCard: [
    {
      name: 'shown again with 60 picked approvers and a problem',
      build: (locale: string) =>
        decisionFormCard(
          locale,
          {
            question: filler(TITLE_MAX),
            approverIds: Array.from({ length: 60 }, (_, i) => person(i).aadObjectId).join(','),
            deadline: filler(100),
            rule: 'all',
            kind: 'goNoGo',
            backupId: person(61).aadObjectId,
          },
          longNotice(locale),
        ),
    },
  ],
  chooseWarRoomCard: [
    {
      name: '60 war rooms with the longest titles, a 512-character file name',
      build: (locale: string) =>
        chooseWarRoomCard({
          uploadId: uuidOf(9),
          fileName: filler(512),
          warRooms: Array.from({ length: 60 }, (_, i) => ({
            id: uuidOf(i),
            title: filler(TITLE_MAX, `${i} `),
          })),
          locale,
        }),
    },
  ],
  sentenceCard: [
    { name: 'the longest notice', build: (locale: string) => sentenceCard(longNotice(locale)) },
  ],
  statusCard: [
    {
      name: '100,000 items in 40 batches with long names and 5,000 failures',
      build: (locale: string) => {
        const c = {
          notStarted: 20_000,
          inProgress: 20_000,
          synced: 20_000,
          completed: 20_000,
          failed: 5_000,
          stopped: 15_000,
        };
        return statusCard(
          {
            warRoomId: uuidOf(7),
            totals: c,
            batches: Array.from({ length: 40 }, (_, i) => ({
              batch: filler(200, `${i} `),
              counts: c,
            })),
            failures: Array.from({ length: 50 }, (_, i) => ({
              identity: `${filler(64, `${i}.`)}@${'d'.repeat(250)}.dk`,
              batch: filler(200),
              error: filler(2000),
            })),
            failureCount: 5_000,
            frozen: 100_000,
            violations: 100_000,
            lastImportAt: '2026-10-25T01:59:00.000Z',
          },
          { timeZone: ZONE, locale },
        );
      },
    },
  ],
  reportCard: [
    {
      name: 'the longest title, lessons of quotes and backslashes, links, a notice',
      build: (locale: string) =>
        reportCard({
          warRoomId: uuidOf(9),
          title: filler(TITLE_MAX),
          links: {
            direct: {
              html: `https://${'h'.repeat(200)}.example/api/v1/war-rooms/${uuidOf(9)}/report?format=html&locale=${locale}`,
              markdown: `https://${'h'.repeat(200)}.example/api/v1/war-rooms/${uuidOf(9)}/report?format=md&locale=${locale}`,
            },
            tab: tabPageLink(uuidOf(8), `19:${'c'.repeat(64)}@thread.tacv2`, 'report', filler(40)),
          },
          // Each of these doubles when written as JSON: the worst the form's value can be.
          lessons: {
            text: '"\\'.repeat(LESSONS_MAX / 2),
            byName: LONG_NAME,
            at: '2026-10-26T09:00:00.000Z',
          },
          timeZone: ZONE,
          locale,
          notice: longNotice(locale),
        }),
    },
    {
      name: 'no links, no lessons yet',
      build: (locale: string) =>
        reportCard({
          warRoomId: uuidOf(9),
          title: 'x',
          links: { direct: null, tab: null },
          lessons: null,
          timeZone: ZONE,
          locale,
        }),
    },
  ],
  handoverCard: [
    {
      name: 'every kind of change, 1,000 open incidents, decisions and overdue actions',
      build: (locale: string) =>
        handoverCard(
          {
            warRoomTitle: filler(TITLE_MAX),
            from: '2026-10-24T19:00:00.000Z',
            to: '2026-10-25T07:00:00.000Z',
            hours: 72,
            changes: AUDIT_ACTIONS.map((action, i) => ({ action, count: 100_000 - i })),
            openIncidents: SEVERITIES.map((severity) => ({
              severity,
              refs: Array.from({ length: 250 }, (_, i) => ({
                ref: `INC-${999_000 + i}`,
                title: filler(TITLE_MAX),
              })),
            })),
            pendingDecisions: Array.from({ length: 200 }, (_, i) => ({
              ref: `DEC-${999_000 + i}`,
              question: filler(1000),
              deadline: i % 2 ? null : '2026-10-25T01:30:00.000Z',
            })),
            overdueActions: Array.from({ length: 200 }, (_, i) => ({
              ref: `ACT-${999_000 + i}`,
              title: filler(1000),
              ownerName: LONG_NAME,
              due: '2026-10-25T01:30:00.000Z',
            })),
            migration: {
              items: 100_000,
              completed: 99_000,
              failed: 1_000,
              since: { at: '2026-10-24T19:00:00.000Z', completed: 3_000, failed: 4_000 },
            },
          },
          { timeZone: ZONE, locale },
        ),
    },
    {
      name: 'a quiet first handover',
      build: (locale: string) =>
        handoverCard(
          {
            warRoomTitle: 'x',
            from: '2026-10-24T19:00:00.000Z',
            to: '2026-10-25T01:00:00.000Z',
            hours: 6,
            changes: [],
            openIncidents: [],
            pendingDecisions: [],
            overdueActions: [],
            migration: { items: 0, completed: 0, failed: 0, since: null },
          },
          { timeZone: ZONE, locale },
        ),
    },
  ],
  helpCard: (['channel', 'chat'] as const).map((where) => ({
    name: `in a ${where}`,
    build: (locale: string) => helpCard({ where, locale }),
  })),
  welcomeCard: (['team', 'personal'] as const).map((where) => ({
    name: `for a ${where}`,
    build: (locale: string) => welcomeCard({ where, locale }),
  })),
};

const all = Object.entries(BUILDERS).flatMap(([builder, cases]) =>
  cases.flatMap((c) =>
    LANGUAGES.map((locale) => ({ title: `${builder}: ${c.name} [${locale}]`, builder, c, locale })),
  ),
);

describe('every card the bot sends, with worst-case content', () => {
  test('each card builder exported by bot/cards/ has its cases here', () => {
    const exported = cardBuildersIn(path.resolve(__dirname, '../../../bot/cards'));
    expect(exported).toEqual(Object.keys(BUILDERS).sort());
    expect(Object.entries(BUILDERS).filter(([, cases]) => cases.length === 0)).toEqual([]);
  });

  test.each(all)('$title is valid for the Adaptive Cards SDK', ({ c, locale }) => {
    expect(cardProblems(c.build(locale))).toEqual([]);
  });

  test.each(all)('$title is at most 40 KB as UTF-16', ({ c, locale }) => {
    expect(utf16Bytes(c.build(locale))).toBeLessThanOrEqual(MAX_UTF16_BYTES);
  });
});
