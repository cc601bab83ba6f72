import { VERBS } from '../../shared/cards/actions';
import type { WarRoom } from '../../shared/domain/warRoom';
import { ALICE, channel, type Person } from './activities';
import { startTestApp, type TestApp } from './app';
import { ANNA, tag, warRoomChannel } from './decide';

export const JONAS: Person = {
  aadObjectId: 'dddddddd-0000-0000-0000-0000000d0005',
  name: 'Jonas Engineer',
};
export const LAB = 'lab.results@hospital.example';
/** What Anna typed as her comment: a spreadsheet formula, to be neutralised in CSV. */
export const FORMULA_COMMENT = '=HYPERLINK("http://evil.example","ok")';
/**
 * An incident title that is markup (typed, so Teams sends it escaped) and starts like a
 * formula: escaped in HTML and Markdown, neutralised in CSV.
 */
export const MARKUP_TITLE = '@SUM(1,2) <script>alert(1)</script> Outlook | rules';
const typed = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A controllable clock: the scripted weekend moves it. */
export interface Weekend {
  t: TestApp;
  warRoom: WarRoom;
  clock: { now(): Date };
  at(iso: string): void;
  stop(): Promise<void>;
}

/**
 * A cutover weekend in Copenhagen across the October clock change (Sunday 25 October 2026,
 * 03:00 CEST → 02:00 CET), scripted through the real bot endpoint and the import service:
 * two imports, a licence incident acknowledged, mitigated and resolved across the change,
 * a decision answered with a formula as comment, an action done late, a freeze with a
 * violation (its sev1 incident), and a mailbox that failed and completed later.
 */
export async function scriptedWeekend(env: Record<string, string> = {}): Promise<Weekend> {
  let now = new Date('2026-10-23T16:00:00.000Z'); // Fri 18:00 CEST
  const clock = { now: () => now };
  const at = (iso: string) => {
    now = new Date(iso);
  };
  const t = await startTestApp({ WARROOM_TIME_ZONE: 'Europe/Copenhagen', ...env }, { clock });
  const room = warRoomChannel(t.connector.url, t.room.channelId);
  const say = async (text: string, who: Person = ALICE) => {
    const r = await t.post(room.message(text, who));
    if (r.status !== 200) throw new Error(`"${text}": ${r.status}`);
  };
  const click = async (who: Person, verb: string, data: unknown) => {
    const from = channel({ serviceUrl: t.connector.url, channelId: room.channelId, from: who });
    const r = await t.post(from.cardAction(verb, data));
    if (r.status !== 200) throw new Error(`${verb}: ${r.status} ${JSON.stringify(r.body)}`);
  };

  await say('start Mailbox cutover weekend');
  const warRoom = (await t.app.storage.transaction((tx) =>
    tx.warRooms.findByChannel(t.tenantId, room.channelId),
  ))!;
  const lead = { tenantId: t.tenantId, userId: ALICE.aadObjectId, name: ALICE.name };
  const importItems = async (items: unknown[]) => {
    await t.app.migration.import(lead, warRoom.id, { kind: 'json', items, source: 'api-json' });
  };
  const incident = async (n: number) =>
    (await t.app.storage.transaction((tx) =>
      tx.incidents.findByNumber(t.tenantId, warRoom.id, n),
    ))!;
  const setStatus = async (n: number, status: string) => {
    const i = await incident(n);
    await click(ALICE, VERBS.incidentSetStatus, { incidentId: i.id, status, version: i.version });
  };

  at('2026-10-23T16:10:00.000Z');
  await importItems([
    { identity: 'a@hospital.example', status: 'Completed', batch: 'Wave 1' },
    { identity: 'b@hospital.example', status: 'Failed', batch: 'Wave 1', error: 'Mailbox locked' },
    { identity: 'c@hospital.example', status: 'Syncing', batch: 'Wave 2' },
    { identity: 'd@hospital.example', status: 'Failed', batch: 'Wave 2', error: 'Quota exceeded' },
    { identity: LAB, status: 'Queued', batch: 'Wave 2', tags: ['lab-results'] },
  ]);
  at('2026-10-23T16:20:00.000Z');
  await say('incident Licences not assigned sev2'); // INC-1
  at('2026-10-23T16:25:00.000Z');
  await setStatus(1, 'investigating');
  at('2026-10-23T16:30:00.000Z');
  await t.post(room.mentioning(`decide Buy 40 extra E3 licences now? ${tag(ANNA)}`, [ANNA])); // DEC-1
  const [decision] = await t.app.storage.transaction((tx) =>
    tx.decisions.listByWarRoom(t.tenantId, warRoom.id),
  );
  at('2026-10-23T16:42:00.000Z');
  await t.post(room.answer(ANNA, decision!.id, 'approve', FORMULA_COMMENT));
  at('2026-10-23T17:00:00.000Z');
  await setStatus(1, 'mitigated');
  await say(`incident ${typed(MARKUP_TITLE)} sev3`); // INC-2
  // ACT-1, due Saturday 20:00 CEST
  await t.post(
    room.mentioning(`action Recreate the failed mailboxes ${tag(JONAS)} due sat 20:00`, [JONAS]),
  );
  at('2026-10-24T10:00:00.000Z');
  await say('freeze tag lab-results from sat 18:00 to sun 06:00 Lab feed switch-over'); // FRZ-1
  at('2026-10-24T19:00:00.000Z'); // Sat 21:00 CEST, inside the window
  await importItems([
    { identity: 'b@hospital.example', status: 'Completed', batch: 'Wave 1' },
    { identity: 'c@hospital.example', status: 'Completed', batch: 'Wave 2' },
    { identity: LAB, status: 'Syncing', batch: 'Wave 2', tags: ['lab-results'] },
  ]); // INC-3: the violation
  at('2026-10-24T19:30:00.000Z');
  await click(JONAS, VERBS.migrationFailuresIncident, { warRoomId: warRoom.id }); // INC-4 names d@
  at('2026-10-25T01:30:00.000Z'); // Sun 02:30 CET, after the clock change
  await setStatus(1, 'resolved');
  // ACT-1 is overdue since Saturday 20:00: its reminder (a scheduled job) bumps its version.
  // It runs now, not between the read below and the click, which would then be stale.
  t.app.scheduler.kick();
  await t.app.scheduler.idle();
  const [action] = await t.app.storage.transaction((tx) =>
    tx.actions.listByWarRoom(t.tenantId, warRoom.id),
  );
  at('2026-10-25T02:00:00.000Z');
  await click(JONAS, VERBS.actionSetStatus, {
    actionId: action!.id,
    status: 'done',
    version: action!.version,
  });
  await t.app.delivery.idle();
  return { t, warRoom, clock, at, stop: () => t.stop() };
}
