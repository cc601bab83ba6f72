import { VERBS } from '../../shared/cards/actions';
import { findChainBreak } from '../../bot/services/auditTrail';
import { channel, OTHER_TENANT, TENANT } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';

/** A Teams channel talking to the real server over HTTP, with the fake connector catching replies. */
describe('bot in a Teams channel', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.stop();
  });

  const warRooms = () => t.app.storage.transaction((tx) => tx.warRooms.listByTenant(t.tenantId));
  /** The war room of the test's own channel (others may exist). */
  const ownRoom = () =>
    t.app.storage.transaction((tx) => tx.warRooms.findByChannel(t.tenantId, t.room.channelId));
  const incidents = async () => {
    const room = await ownRoom();
    return room
      ? t.app.storage.transaction((tx) => tx.incidents.listByWarRoom(t.tenantId, room.id))
      : [];
  };
  const audit = async () => {
    const room = await ownRoom();
    return room ? t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, room.id)) : [];
  };
  const lastCard = () => {
    const call = t.connector.calls.at(-1);
    const [card] = call ? cardsOf(call.activity) : [];
    if (!card) throw new Error('the last connector call carried no adaptive card');
    return card as {
      body: unknown[];
      actions: { type: string; title: string; verb: string; data: unknown }[];
    };
  };
  const invokeBody = (r: { body: unknown }) =>
    r.body as {
      statusCode: number;
      type: string;
      value: { code?: string; message?: string; body?: unknown[]; actions?: { data: unknown }[] };
    };

  test('start binds a war room to the channel and says so', async () => {
    const r = await t.say('start Mailbox cutover weekend');
    expect(r.status).toBe(200);
    const [room] = await warRooms();
    expect(room).toMatchObject({
      title: 'Mailbox cutover weekend',
      channelId: t.room.channelId,
      tenantId: t.tenantId,
    });
    expect(room?.serviceUrl).toBe(t.connector.url);
    expect(t.connector.calls).toHaveLength(1);
    expect(t.connector.calls[0]?.activity.text).toContain('Mailbox cutover weekend');
    // The reply repeats a typed title: sent as plain text, so Markdown in it stays text.
    expect(t.connector.calls[0]?.activity.textFormat).toBe('plain');
    expect(t.connector.calls[0]?.conversationId).toBe(
      `${t.room.channelId};messageid=1700000000000`,
    );
  });

  test('a second start in the same channel is refused and keeps the first', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('start Something else');
    expect(await warRooms()).toHaveLength(1);
    expect(t.connector.calls[1]?.activity.text).toContain('already has a war room');
  });

  test('incident logs INC-1 and posts a valid card with lifecycle buttons', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const [incident] = await incidents();
    expect(incident).toMatchObject({
      number: 1,
      title: 'Licences not assigned',
      severity: 'sev2',
      status: 'open',
    });
    const card = lastCard();
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card.body)).toMatch(/"INC-1 · ".*"Licences not assigned"/);
    expect(
      card.actions
        .filter((a) => a.type === 'Action.Execute')
        .map((a) => [a.type, a.verb, (a.data as { status: string }).status]),
    ).toEqual([
      ['Action.Execute', VERBS.incidentSetStatus, 'investigating'],
      ['Action.Execute', VERBS.incidentSetStatus, 'mitigated'],
      ['Action.Execute', VERBS.incidentSetStatus, 'resolved'],
    ]);
    // The card's message id is kept so the card can be edited in place later.
    expect(incident?.cardActivityId).toBe(`1:reply-2`);
    const entries = await audit();
    expect(entries.map((e) => e.action)).toEqual(['warroom.started', 'incident.logged']);
    expect(findChainBreak(entries)).toBe(-1);
  });

  test('clicking a lifecycle button updates the incident and answers with the refreshed card', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const investigate = lastCard().actions[0]!;
    const r = await t.post(t.room.cardAction(investigate.verb, investigate.data));
    expect(r.status).toBe(200);
    const body = invokeBody(r);
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(body.value)).toEqual([]);
    expect(JSON.stringify(body.value.body)).toContain('Investigating');
    const [incident] = await incidents();
    expect(incident).toMatchObject({ status: 'investigating', version: 2 });
    expect(incident?.acknowledgedAt).not.toBeNull();

    // Resolve from the refreshed card, then a click on the outdated first card changes nothing.
    const resolve = body.value.actions!.find(
      (a) => (a.data as { status: string }).status === 'resolved',
    )!;
    await t.post(t.room.cardAction(VERBS.incidentSetStatus, resolve.data));
    const stale = await t.post(t.room.cardAction(investigate.verb, investigate.data));
    expect(invokeBody(stale).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(invokeBody(stale).value.body)).toContain('Someone changed this incident');
    const [after] = await incidents();
    expect(after).toMatchObject({ status: 'resolved', version: 3 });
    expect((await audit()).map((e) => e.action)).toEqual([
      'warroom.started',
      'incident.logged',
      'incident.status_changed',
      'incident.status_changed',
    ]);
  });

  test('a click updates the channel card in place for everyone: a PUT, never a new post', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const posted = t.connector.calls.at(-1)!;
    const investigate = lastCard().actions[0]!;
    await t.post(t.room.cardAction(investigate.verb, investigate.data));
    const edit = t.connector.calls.at(-1)!;
    expect(edit.method).toBe('PUT');
    // The card's own message in its own thread: the id the post was given.
    expect(edit.activityId).toBe((await incidents())[0]?.cardActivityId);
    expect(edit.conversationId).toBe(posted.conversationId);
    const [card] = cardsOf(edit.activity);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Investigating');
    expect(t.connector.calls.filter((c) => c.method === 'POST')).toHaveLength(2); // start + card

    // Two more changes: each is an edit of the same message, the last shows the outcome.
    const resolve = lastCard().actions.find(
      (a) => (a.data as { status: string }).status === 'resolved',
    )!;
    await t.post(t.room.cardAction(resolve.verb, resolve.data));
    const edits = t.connector.calls.filter((c) => c.method === 'PUT');
    expect(edits.map((c) => c.activityId)).toEqual([edit.activityId, edit.activityId]);
    expect(JSON.stringify(cardsOf(edits[1]!.activity)[0])).toContain('Resolved');
  });

  test('a redelivered activity changes nothing and posts nothing', async () => {
    await t.say('start Mailbox cutover weekend');
    const message = t.room.message('incident Licences not assigned sev2');
    expect((await t.post(message)).status).toBe(200);
    expect((await t.post(message)).status).toBe(200);
    expect(await incidents()).toHaveLength(1);
    expect(t.connector.calls).toHaveLength(2);

    const investigate = lastCard().actions[0]!;
    const click = t.room.cardAction(investigate.verb, investigate.data);
    const first = await t.post(click);
    const again = await t.post(click);
    expect(invokeBody(again)).toEqual(invokeBody(first));
    expect(await audit()).toHaveLength(3);
  });

  test('the war room follows the service URL of the latest activity', async () => {
    await t.say('start Mailbox cutover weekend');
    const movedUrl = t.connector.url.replace('127.0.0.1', 'localhost');
    await t.post({ ...t.room.message('help'), serviceUrl: movedUrl });
    expect((await ownRoom())?.serviceUrl).toBe(movedUrl);
  });

  test('a throttled reply (429 with Retry-After) is retried after the wait, and posted once', async () => {
    await t.say('start Mailbox cutover weekend');
    t.connector.failNext(1, 429, { 'retry-after': '1' });
    await t.say('incident Licences not assigned sev2');
    // The outbox sends it again on a later round, after Retry-After.
    await t.connector.waitForCalls(2);
    await t.app.delivery.idle();
    const [throttled, retried] = t.connector.attempts.slice(-2);
    expect(throttled?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(900);
    expect(t.connector.calls).toHaveLength(2);
    expect((await incidents())[0]?.cardActivityId).toBe('1:reply-2');
  });

  test('when the card cannot be posted, the incident is kept and the bot says so plainly', async () => {
    await t.say('start Mailbox cutover weekend');
    t.connector.failNext(1, 400); // Teams refuses the card message (not retryable)
    expect((await t.say('incident Licences not assigned sev2')).status).toBe(200);
    expect(await incidents()).toEqual([
      expect.objectContaining({ number: 1, cardActivityId: null }),
    ]);
    const said = t.connector.calls.at(-1)?.activity.text;
    expect(said).toContain('INC-1 is logged (Licences not assigned)');
    expect(said).not.toContain('try again');
  });

  test('a malformed activity gets 400 and nothing is stored', async () => {
    const { type: _type, ...noType } = t.room.message('start Mailbox cutover weekend');
    expect((await t.post(noType)).status).toBe(400);
    expect((await t.post({ ...t.room.message('start X'), serviceUrl: 'not a url' })).status).toBe(
      400,
    );
    expect((await t.post('{"type": "message", ')).status).toBe(400);
    expect((await t.post([1, 2, 3])).status).toBe(400);
    expect(await warRooms()).toHaveLength(0);
    expect(t.connector.calls).toHaveLength(0);
  });

  test('an unknown verb or bad card data gets a clear 400 and the server stays up', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const unknown = await t.post(t.room.cardAction('incident.explode', { incidentId: 'x' }));
    expect(unknown.status).toBe(400);
    expect(invokeBody(unknown)).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: expect.stringContaining('Refresh the card') },
    });
    const badData = await t.post(
      t.room.cardAction(VERBS.incidentSetStatus, { incidentId: 'x', status: 'exploded' }),
    );
    expect(badData.status).toBe(400);
    expect((await t.get('/healthz')).status).toBe(200);
    expect((await incidents())[0]?.status).toBe('open');
  });

  test('the health check fails once the database is gone', async () => {
    expect(await t.get('/healthz')).toMatchObject({
      status: 200,
      body: { ok: true, store: 'sqlite' },
    });
    await t.app.storage.close();
    expect(await t.get('/healthz')).toMatchObject({ status: 503, body: { ok: false } });
  });

  test('with the database gone, Teams gets 503 and the channel one direct "cannot save"', async () => {
    await t.say('start Mailbox cutover weekend');
    const before = t.connector.attempts.length;
    await t.app.storage.close();
    const r = await t.say('incident Licences not assigned sev2');
    expect(r.status).toBe(503); // not acknowledged: Teams delivers it again later
    const said = t.connector.calls.at(-1)?.activity;
    expect(said?.text).toContain('cannot save anything right now');
    expect(said?.textFormat).toBe('plain');
    // One attempt, bounded, and nothing more once the request is over.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(t.connector.attempts.length).toBe(before + 1);

    // A connector failing meanwhile is not retried behind the request's back.
    t.connector.failNext(1, 503);
    expect((await t.say('incident Batch 3 stuck sev2')).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(t.connector.attempts.length).toBe(before + 2);
  });

  test('an incident before any war room gets a hint, not an error', async () => {
    await t.say('incident Licences not assigned sev2');
    expect(t.connector.calls[0]?.activity.text).toContain(
      'There is no war room in this channel yet',
    );
    expect(await warRooms()).toHaveLength(0);
  });

  test('commands work in Danish and the bot answers in Danish', async () => {
    const dk = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId, locale: 'da-DK' });
    await t.post(dk.message('start Postkasseflytning'));
    await t.post(dk.message('hændelse Licenser ikke tildelt sev1'));
    const stored = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, dk.channelId),
    );
    const list = await t.app.storage.transaction((tx) =>
      tx.incidents.listByWarRoom(t.tenantId, stored!.id),
    );
    expect(list[0]).toMatchObject({ title: 'Licenser ikke tildelt', severity: 'sev1' });
    expect(t.connector.calls[0]?.activity.text).toContain('Krigsrummet');
    expect(JSON.stringify(cardsOf(t.connector.calls[1]!.activity))).toContain('Alvorlighed');
  });

  test('cards keep the war room’s language whoever clicks; errors follow the clicker', async () => {
    const dk = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId, locale: 'da-DK' });
    await t.post(dk.message('start Postkasseflytning'));
    await t.post(dk.message('hændelse Licenser ikke tildelt sev1'));
    const [card] = cardsOf(t.connector.calls[1]!.activity) as { actions: { data: unknown }[] }[];
    const fr = channel({
      serviceUrl: t.connector.url,
      tenantId: t.tenantId,
      channelId: dk.channelId,
      locale: 'fr-BE',
    });
    const r = await t.post(fr.cardAction(VERBS.incidentSetStatus, card!.actions[0]!.data));
    expect(JSON.stringify(invokeBody(r).value.body)).toContain('Undersøges');
    const bad = await t.post(fr.cardAction('incident.explode', {}));
    expect(invokeBody(bad).value.message).toContain('Actualisez la carte');
  });

  test('another tenant cannot touch this tenant’s incident', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const investigate = lastCard().actions[0]!;
    const intruder = channel({ serviceUrl: t.connector.url, tenantId: OTHER_TENANT });
    const r = await t.post(intruder.cardAction(investigate.verb, investigate.data));
    expect(r.status).toBe(404);
    expect(invokeBody(r)).toMatchObject({
      type: 'application/vnd.microsoft.error',
      value: { code: 'not_found' },
    });
    expect((await incidents())[0]?.status).toBe('open');
  });

  test('a card clicked in another channel of the same tenant cannot change this incident', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const investigate = lastCard().actions[0]!;
    const elsewhere = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId });
    await t.post(elsewhere.message('start Another cutover'));
    const r = await t.post(elsewhere.cardAction(investigate.verb, investigate.data));
    expect(r.status).toBe(403);
    expect(invokeBody(r)).toMatchObject({
      type: 'application/vnd.microsoft.error',
      value: { code: 'forbidden', message: expect.stringContaining('another war room') },
    });
    expect((await incidents())[0]?.status).toBe('open');
  });

  test('start is refused outside a team channel, and other people’s mentions stay in titles', async () => {
    const chat = t.room.message('start Chat war room');
    const groupChat = {
      ...chat,
      conversation: {
        id: '19:groupchat@thread.v2',
        conversationType: 'groupChat',
        tenantId: t.tenantId,
      },
      channelData: { tenant: { id: t.tenantId } },
    };
    await t.post(groupChat);
    expect(await warRooms()).toHaveLength(0);
    expect(t.connector.calls[0]?.activity.text).toContain('from a team channel');

    await t.say('start Mailbox cutover weekend');
    await t.say('incident <at>Anna Jensen</at> locked out of her mailbox sev1');
    expect((await incidents())[0]?.title).toBe('Anna Jensen locked out of her mailbox');
  });

  test('a service URL outside the allow-list is refused before anything runs', async () => {
    const r = await t.post({
      ...t.room.message('start Mailbox cutover weekend'),
      serviceUrl: 'https://evil.example.com/',
    });
    expect(r.status).toBe(403);
    expect(await warRooms()).toHaveLength(0);
  });

  test('the JSON API lists the war room and its incidents for the tab', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const list = await t.get('/api/v1/war-rooms');
    expect(list.status).toBe(200);
    const { warRooms: rooms } = list.body as {
      warRooms: { id: string; title: string; openIncidents: number }[];
    };
    expect(rooms).toEqual([
      expect.objectContaining({ title: 'Mailbox cutover weekend', openIncidents: 1 }),
    ]);
    const detail = await t.get(`/api/v1/war-rooms/${rooms[0]!.id}/incidents`);
    expect(detail.body).toMatchObject({
      incidents: [{ ref: 'INC-1', severity: 'sev2', status: 'open' }],
    });
    expect((await t.get('/api/v1/war-rooms/not-an-id/incidents')).status).toBe(404);
    // A channel tab asks for its own channel's war room only.
    const other = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId });
    await t.post(other.message('start Another cutover'));
    const own = await t.get(`/api/v1/war-rooms?channelId=${encodeURIComponent(t.room.channelId)}`);
    expect(own.body).toEqual({
      warRooms: [expect.objectContaining({ title: 'Mailbox cutover weekend' })],
    });
    const none = await t.get('/api/v1/war-rooms?channelId=19%3Aempty%40thread.tacv2');
    expect(none.body).toEqual({ warRooms: [] });
    expect((await t.get(`/api/v1/war-rooms?channelId=${'x'.repeat(600)}`)).status).toBe(400);
    expect((await t.get('/api/v1/war-rooms')).body).toMatchObject({ warRooms: [{}, {}] });
    const missing = await t.get('/api/v1/war-rooms/7d9f5a52-4a1e-4c11-9d8e-4f1d1c2b3a4e/incidents');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
});

describe('bot with a tenant allow-list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WARROOM_ALLOWED_TENANTS: TENANT });
  });
  afterAll(async () => {
    await t.stop();
  });

  test('a tenant outside the list is answered 403 on a card and ignored in chat; nothing is stored', async () => {
    const outsider = channel({ serviceUrl: t.connector.url, tenantId: OTHER_TENANT });
    expect((await t.post(outsider.message('start Not welcome'))).status).toBe(200);
    const click = await t.post(
      outsider.cardAction(VERBS.incidentRefresh, {
        incidentId: '7d9f5a52-4a1e-4c11-9d8e-4f1d1c2b3a4e',
      }),
    );
    expect(click.status).toBe(403);
    expect(click.body).toMatchObject({
      value: { message: expect.stringContaining('not set up to use War Room') },
    });
    expect(t.connector.calls).toHaveLength(0);
    const stored = await t.app.storage.transaction((tx) => tx.warRooms.listByTenant(OTHER_TENANT));
    expect(stored).toHaveLength(0);
    // The allowed tenant still works.
    await t.say('start Mailbox cutover weekend');
    expect(t.connector.calls).toHaveLength(1);
  });
});
