import { gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/app';

/**
 * Requests that once stopped the server: a body in a content encoding it is not really in
 * (restify's decoder failed outside the request's error path and the process exited).
 */
describe('hostile requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const send = async (path: string, encoding: string, body: Uint8Array | string) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
    });
    return { status: res.status, body: await res.text() };
  };
  const stored = () => t.app.storage.transaction((tx) => tx.warRooms.listByTenant(t.tenantId));

  test.each([
    ['/api/messages', 'gzip', 'not gzip at all'],
    ['/api/messages', 'deflate', '{"type":"message"}'],
    ['/api/messages', 'br', '\u0000\u0001'],
    ['/api/messages', 'x-unknown', '{}'],
    ['/api/v1/war-rooms', 'gzip', 'garbage'],
    ['/no/such/route', 'gzip', 'garbage'],
  ])(
    'POST %s with Content-Encoding %s and a body that is not: 415, server up',
    async (path, enc, body) => {
      const r = await send(path, enc, body);
      expect(r.status).toBe(path.startsWith('/api/messages') ? 415 : r.status);
      expect(r.status).toBeLessThan(500);
      expect(r.body).not.toMatch(/zlib|incorrect header|stack/i);
      expect((await t.get('/healthz')).status).toBe(200);
    },
  );

  test('even a real gzip body is refused (Teams and scripts send plain bodies), nothing stored', async () => {
    const activity = t.room.message('start Gzipped war room');
    const r = await send('/api/messages', 'gzip', gzipSync(JSON.stringify(activity)));
    expect(r.status).toBe(415);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'unsupported_content_encoding' } });
    expect(await stored()).toHaveLength(0);
  });

  test('identity encoding is accepted', async () => {
    const r = await send('/api/messages', 'identity', JSON.stringify(t.room.message('help')));
    expect(r).toMatchObject({ status: 200 });
  });
});
