import fs from 'node:fs';
import path from 'node:path';
import {
  GENERAL_CHANNEL_ID,
  JONAS,
  MARIANNE,
  PEOPLE,
  SOFIE,
  TEAM_ID,
  TENANT_ID,
} from '../../scripts/demo/playground';
import { runDemo } from '../../scripts/demo/weekend';
import { sendOwed, startTestApp, type TestApp } from '../support/app';
import { cardText } from '../support/decide';
import { cardsOf } from '../support/cards';

/**
 * The demo weekend against the real server in local development mode: what it creates
 * goes through /api/messages and the import API, and a second run adds no second war room.
 */
describe('demo weekend', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    // As env/.env.local: the tab's development identity is Sofie, who starts the war room.
    t = await startTestApp({
      WARROOM_DEV_USER_ID: SOFIE.aadObjectId,
      WARROOM_DEV_USER_NAME: SOFIE.name,
    });
    t.connector.setMembers(
      TEAM_ID,
      PEOPLE.map((p) => ({
        id: p.id,
        name: p.name,
        aadObjectId: p.aadObjectId,
        userPrincipalName: p.userPrincipalName,
      })),
    );
  });
  afterAll(async () => {
    await t?.stop();
  });

  const demo = () =>
    runDemo({
      baseUrl: t.baseUrl,
      serviceUrl: t.connector.url,
      mailboxes: 300,
      stepMs: 300,
      pauseMs: 1500,
      log: (l) => lines.push(l),
    });
  const state = () =>
    t.app.storage.transaction(async (tx) => {
      const warRooms = (await tx.warRooms.listByTenant(TENANT_ID)).filter(
        (w) => w.channelId === GENERAL_CHANNEL_ID,
      );
      const id = warRooms[0]?.id ?? '';
      return {
        warRooms,
        items: await tx.migrationItems.listAll(TENANT_ID, id),
        incidents: await tx.incidents.listByWarRoom(TENANT_ID, id),
        decisions: await tx.decisions.listByWarRoom(TENANT_ID, id),
        actions: await tx.actions.listByWarRoom(TENANT_ID, id),
        freezes: await tx.freezes.listByWarRoom(TENANT_ID, id),
        keys: await tx.apiKeys.list(TENANT_ID, id),
      };
    });

  test('fills the Playground channel’s war room: people, incidents, a decision, actions, a freeze, 300 mailboxes', async () => {
    const result = await demo();
    // Card edits are paced per conversation: let every one leave.
    await sendOwed(t.app);
    expect(result.created).toBe(true);
    const s = await state();
    expect(s.warRooms).toHaveLength(1);
    expect(s.warRooms[0]).toMatchObject({
      title: 'Mailbox cutover weekend',
      teamId: TEAM_ID,
      createdById: SOFIE.aadObjectId,
    });

    expect(s.items).toHaveLength(300);
    const failed = s.items.filter((i) => i.status === 'failed');
    expect(failed).toHaveLength(5);
    for (const f of failed) expect(f.error).toMatch(/^Error: \w+Exception: /);
    expect(new Set(s.items.map((i) => i.batch)).size).toBe(12);
    const lab = s.items.filter((i) => i.tags.includes('lab-results'));
    expect(lab.length).toBeGreaterThanOrEqual(3);
    expect(s.items.filter((i) => i.status === 'completed').length).toBeGreaterThan(150);

    expect(s.freezes).toHaveLength(1);
    expect(s.freezes[0]!.target).toEqual({ kind: 'tag', value: 'lab-results' });
    // The held mailboxes did not move inside the window: no sev1 freeze incident.
    expect(s.incidents.map((i) => [i.title, i.severity, i.owner?.name])).toEqual([
      ['Licences not assigned', 'sev2', JONAS.name],
      ['Outlook on ward PCs still opens the old mailbox', 'sev3', 'Tom de Vries'],
    ]);
    expect(s.decisions).toHaveLength(1);
    expect(s.decisions[0]).toMatchObject({
      status: 'pending',
      question: 'Buy 40 extra E3 licences now?',
    });
    expect(s.decisions[0]!.approvers.map((a) => a.name)).toEqual([MARIANNE.name]);
    // `by <a quarter hour 3 h ahead>` on Copenhagen's clock, the war room's zone.
    const hoursAhead = (Date.parse(s.decisions[0]!.deadline ?? '') - Date.now()) / 3_600_000;
    expect(hoursAhead).toBeGreaterThan(2.9);
    expect(hoursAhead).toBeLessThan(3.26);
    expect(s.actions.map((a) => a.owner.name).sort()).toEqual([
      'Jonas Berg',
      'Priya Nair',
      'Tom de Vries',
    ]);
    expect(s.actions.every((a) => a.due !== null)).toBe(true);
    // The demo's key is revoked once it is done.
    expect(s.keys.map((k) => k.revokedAt)).toEqual([expect.any(String)]);

    // The channel (here the fake connector) got the status card, edited by the second import.
    const statusCards = t.connector.calls
      .flatMap((c) =>
        cardsOf(c.activity).map((card) => ({ method: c.method, text: cardText(card) })),
      )
      .filter((c) => c.text.includes('Last import'));
    const completed = (text: string) => Number(/Migration: (\d+)% of 300/.exec(text)?.[1]);
    const posted = statusCards.find((c) => c.method === 'POST');
    const edited = statusCards.filter((c) => c.method === 'PUT').at(-1);
    // Saturday's export on the posted card, Sunday's (more done) on its edit.
    expect(completed(posted?.text ?? '')).toBeLessThan(completed(edited?.text ?? ''));
    expect(lines.some((l) => l.includes('@War Room start Mailbox cutover weekend'))).toBe(true);
  });

  test('a second run finds the war room and only refreshes the migration data', async () => {
    const before = await state();
    const result = await demo();
    await t.app.delivery.idle();
    expect(result).toMatchObject({ created: false, warRoomId: before.warRooms[0]!.id });
    const after = await state();
    expect(after.warRooms).toHaveLength(1);
    expect(after.items).toHaveLength(300);
    expect(after.items.filter((i) => i.status === 'failed')).toHaveLength(5);
    expect(after.incidents).toHaveLength(before.incidents.length);
    expect(after.decisions).toHaveLength(1);
    expect(after.actions).toHaveLength(3);
    expect(after.freezes).toHaveLength(1);
    expect(lines.some((l) => l.includes('already exists'))).toBe(true);
  });

  test('its team, channel and people are the Playground configuration’s', () => {
    const yml = fs.readFileSync(path.resolve(__dirname, '../../.m365agentsplayground.yml'), 'utf8');
    for (const id of [
      TENANT_ID,
      TEAM_ID,
      ...PEOPLE.flatMap((p) => [p.id, p.aadObjectId, p.name]),
    ]) {
      expect(yml).toContain(id);
    }
  });
});
