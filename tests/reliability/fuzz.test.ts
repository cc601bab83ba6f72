import zlib from 'node:zlib';
import fc from 'fast-check';
import { incidentListSchema, meSchema, warRoomListSchema } from '../../shared/api/schemas';
import { CARD_ACTION_SCHEMAS, isVerb } from '../../shared/cards/actions';
import {
  cardDataArb,
  commandText,
  mutatedActivity,
  nastyText,
  toJsonBody,
  validCardAction,
  validMessage,
  verbArb,
} from './support/activityArbs';
import { casesRun, fuzz, fuzzScale, fuzzSeed } from './support/fuzzRun';
import { excerpt, startFuzzServer, type FuzzServer } from './support/fuzzServer';
import { rawPathString } from './support/nasty';
import {
  acceptLanguageArb,
  capUrl,
  contentTypeArb,
  encodedBody,
  encodedBodyKindArb,
  encodingArb,
  expandingBodyArb,
  formBody,
  headerValue,
  hugeBodyArb,
  notAnObjectBody,
  queryArb,
  sizedBody,
} from './support/rawArbs';

/**
 * Issue 5: property-based fuzzing of everything the server reads from the network —
 * Bot Framework activities, raw HTTP bodies and the JSON API — against the real server.
 * For every input: an answer, never a 5xx, no stack trace, nothing stored when the input
 * is refused (4xx), no uncaught error; /healthz still 200 after each property.
 * FUZZ_SEED=<n> replays a run, FUZZ_SCALE=<k> runs k times longer, FUZZ_ALL=1 lists
 * every distinct failure instead of stopping at the first.
 */
const SEED = fuzzSeed();
const SCALE = fuzzScale();
/** Per property: numRuns, and a time limit that keeps the file under a minute. */
const opts = (numRuns: number, timeLimitMs = 4000) => ({
  seed: SEED,
  numRuns: Math.ceil(numRuns * SCALE),
  timeLimitMs: timeLimitMs * SCALE,
});
jest.setTimeout(60_000 * Math.max(1, SCALE));

const JSON_TYPE = { 'content-type': 'application/json' };
const post = (body: string | Buffer, headers: Record<string, string> = JSON_TYPE) => ({
  method: 'POST',
  path: '/api/messages',
  headers,
  body,
});

describe('reliability: fuzzed input never breaks the server', () => {
  let s: FuzzServer;

  beforeAll(async () => {
    console.log(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} npx jest tests/reliability)`);
    // botbuilder reports failed turns with console.error; the properties say what matters.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    s = await startFuzzServer();
  });

  afterAll(async () => {
    const total = Object.values(casesRun).reduce((a, b) => a + b, 0);
    console.log(`fuzz total: ${total} generated cases, seed ${SEED}`, casesRun);
    await s?.stop();
    jest.restoreAllMocks();
  });

  afterEach(() => s.checkHealthy());

  const postActivity = async (activity: unknown) => {
    await s.send(post(toJsonBody(activity)));
  };

  describe('Bot Framework activities on POST /api/messages', () => {
    test('messages with fields of the wrong type, missing or extra', async () => {
      const arb = mutatedActivity(validMessage(s.target, commandText));
      await fuzz('mutated messages', arb, opts(500), (x) => postActivity(x.activity));
    });

    test('card clicks with fields of the wrong type, missing or extra', async () => {
      const arb = mutatedActivity(validCardAction(s.target));
      await fuzz('mutated card clicks', arb, opts(500), (x) => postActivity(x.activity));
    });

    test('message text: huge, unicode, control characters, lone surrogates, markup, <at>', async () => {
      const arb = validMessage(s.target, nastyText);
      await fuzz('message text', arb, opts(300), postActivity);
    });

    test('card data of the wrong shape for its verb, unknown verbs, bad versions: 400', async () => {
      const arb = fc.record({
        click: validCardAction(s.target),
        verb: verbArb,
        data: cardDataArb(s.target),
      });
      await fuzz('card action data', arb, opts(500), async ({ click, verb, data }) => {
        const value = { action: { type: 'Action.Execute', verb, data } };
        const body = toJsonBody({ ...click, value });
        const res = await s.send(post(body));
        // Judge the data as the server sees it after JSON.parse (1e400 is Infinity there).
        const seen = (JSON.parse(body) as { value: typeof value }).value.action.data;
        const valid = isVerb(verb) && CARD_ACTION_SCHEMAS[verb].safeParse(seen).success;
        const type = (res.json as { type?: unknown } | undefined)?.type;
        if (!valid && (res.status !== 400 || type !== 'application/vnd.microsoft.error')) {
          throw new Error(`invalid card data should get a 400 error invoke, got ${excerpt(res)}`);
        }
      });
    });
  });

  describe('raw HTTP bodies on POST /api/messages', () => {
    /** A `start` in a fresh channel: it would store a war room if it got through. */
    const starter = () =>
      validMessage(s.target, fc.constant('<at>War Room</at> start Raw body')).map((a) =>
        JSON.stringify(a),
      );

    test('invalid JSON, JSON that is not an object, bytes that are not UTF-8', async () => {
      const arb = starter().chain(notAnObjectBody);
      await fuzz('bodies that are not a JSON object', arb, opts(400), async (body) => {
        await s.send(post(body));
      });
    });

    test('wrong content types, and activities posted as forms', async () => {
      const arb = fc.record({ contentType: contentTypeArb, json: starter(), form: fc.boolean() });
      await fuzz('wrong content types', arb, opts(300), async ({ contentType, json, form }) => {
        const a = JSON.parse(json) as { serviceUrl: string; conversation: { id: string } };
        const conversationId = a.conversation.id;
        const body = form ? formBody({ ...a, conversationId, text: 'start Form body' }) : json;
        await s.send(post(body, contentType === null ? {} : { 'content-type': contentType }));
      });
    });

    test('a Content-Encoding the body is not encoded in (gzip, deflate, br, unknown)', async () => {
      const arb = fc.record({
        encoding: encodingArb,
        kind: encodedBodyKindArb,
        json: starter(),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 300 }),
      });
      await fuzz('mismatched Content-Encoding', arb, opts(300), async (x) => {
        const body = encodedBody(x.kind, x.json, x.bytes);
        await s.send(post(body, { ...JSON_TYPE, 'content-encoding': x.encoding }));
      });
    });

    const template = () => s.t.room.message('start Huge body');

    test('bodies over 1 MB are refused', async () => {
      await fuzz('bodies over 1 MB', hugeBodyArb, opts(30, 5000), async (x) => {
        const body = sizedBody(template(), x.bytes, x.shape);
        const res = await s.send({ ...post(body), chunked: x.chunked });
        if (res.status < 400) throw new Error(`${body.length} bytes accepted: ${excerpt(res)}`);
      });
    });

    test('gzip bodies that expand past 1 MB are refused', async () => {
      await fuzz('gzip expanding past 1 MB', expandingBodyArb, opts(12, 5000), async (x) => {
        const plain =
          x.shape === 'zeros'
            ? Buffer.alloc(x.bytes, '0')
            : sizedBody(template(), x.bytes, 'activity with padding');
        const body = zlib.gzipSync(plain);
        const res = await s.send(post(body, { ...JSON_TYPE, 'content-encoding': 'gzip' }));
        if (res.status < 400) {
          throw new Error(
            `${body.length} gzip bytes expanding to ${plain.length} accepted: ${excerpt(res)}`,
          );
        }
      });
    });
  });

  describe('the JSON API under /api/v1 (every answer in the contract, nothing stored)', () => {
    const headersArb = fc
      .record({
        authorization: fc.option(headerValue, { nil: undefined }),
        'accept-language': acceptLanguageArb,
      })
      .map((h) => JSON.parse(JSON.stringify(h)) as Record<string, string>); // drops undefined

    test('GET /api/v1/me with any query and headers', async () => {
      const arb = fc.record({ query: queryArb([]), headers: headersArb });
      await fuzz('GET /api/v1/me', arb, opts(300), ({ query, headers }) =>
        s.getApi({ path: capUrl(`/api/v1/me?${query}`), headers }, meSchema),
      );
    });

    test('GET /api/v1/war-rooms with fuzzed channelId and query strings', async () => {
      const arb = fc.record({ query: queryArb([s.target.channelId]), headers: headersArb });
      await fuzz('GET /api/v1/war-rooms', arb, opts(400), ({ query, headers }) =>
        s.getApi({ path: capUrl(`/api/v1/war-rooms?${query}`), headers }, warRoomListSchema),
      );
    });

    test('GET /api/v1/war-rooms/:id/incidents with fuzzed ids and query strings', async () => {
      const arb = fc.record({
        id: fc.oneof(fc.constant(s.warRoomId), fc.uuid(), rawPathString),
        query: fc.option(queryArb([s.target.channelId]), { nil: undefined }),
        headers: headersArb,
      });
      await fuzz('GET /api/v1/war-rooms/:id/incidents', arb, opts(400), (x) => {
        const path = `/api/v1/war-rooms/${x.id}/incidents${x.query === undefined ? '' : `?${x.query}`}`;
        return s.getApi({ path: capUrl(path), headers: x.headers }, incidentListSchema);
      });
    });
  });
});
