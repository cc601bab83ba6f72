import zlib from 'node:zlib';
import fc from 'fast-check';
import { headerValue, percentEncode, rawPathString, shortNastyString } from './nasty';

const MiB = 1024 * 1024;

/** Bodies that are not a JSON object: broken JSON, other JSON values, bytes that are not UTF-8. */
export const notAnObjectBody = (activityJson: string): fc.Arbitrary<Buffer | string> =>
  fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.integer({ min: 0, max: activityJson.length - 1 }).map((n) => activityJson.slice(0, n)),
    fc.constantFrom('}', ',', ' x', '\u0000', ']').map((tail) => activityJson + tail),
    fc.constant(`\uFEFF${activityJson}`),
    fc.constantFrom("{'type':'message'}", '{"type":"message",}', '{/* c */}', '{"a":1}{"b":2}'),
    fc.constantFrom('null', 'true', '0', '"message"', '[]', '[{}]', `[${activityJson}]`, '""'),
    fc
      .jsonValue({ maxDepth: 2 })
      .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
      .map((v) => JSON.stringify(v)),
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.constant(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), // {"\xff\xfe":1}
    fc.integer({ min: 1, max: 50_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 1, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  );

/** Content types other than plain JSON (and no content type at all). */
export const contentTypeArb: fc.Arbitrary<string | null> = fc.oneof(
  fc.constantFrom(
    null,
    '',
    'text/plain',
    'text/html',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json;;',
    'APPLICATION/JSON',
    'application/jsonp',
    'application/vnd.api+json',
    '*/*',
    'json',
    'application/json, text/plain',
  ),
  headerValue,
);

/** An activity as a form post: the form parser turns it into an object that may pass. */
export const formBody = (a: { serviceUrl: string; conversationId: string; text: string }) =>
  [
    'type=message',
    'channelId=msteams',
    `serviceUrl=${percentEncode(a.serviceUrl)}`,
    `conversation[id]=${percentEncode(a.conversationId)}`,
    `text=${percentEncode(a.text)}`,
  ].join('&');

/** Content-Encoding values, each paired below with a body not encoded that way. */
export const encodingArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('gzip', 'deflate', 'br'), weight: 4 },
  fc.constantFrom('x-gzip', 'compress', 'zstd', 'identity', 'gzip, deflate', 'GZIP', '*', 'gzip '),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-_,; '), minLength: 1 }),
);

export type EncodedBodyKind =
  'plain json' | 'random bytes' | 'truncated gzip' | 'gzip then garbage' | 'deflate' | 'brotli';

/** A body in some encoding, never the one `encoding` names (a truncated gzip is not gzip). */
export function encodedBody(kind: EncodedBodyKind, json: string, bytes: Uint8Array): Buffer {
  const gz = zlib.gzipSync(json);
  switch (kind) {
    case 'plain json':
      return Buffer.from(json);
    case 'random bytes':
      return Buffer.from(bytes);
    case 'truncated gzip':
      return gz.subarray(0, Math.max(1, Math.floor(gz.length / 2)));
    case 'gzip then garbage':
      return Buffer.concat([gz, Buffer.from(bytes)]);
    case 'deflate':
      return zlib.deflateSync(json);
    case 'brotli':
      return zlib.brotliCompressSync(json);
  }
}

export const encodedBodyKindArb = fc.constantFrom<EncodedBodyKind>(
  'plain json',
  'random bytes',
  'truncated gzip',
  'gzip then garbage',
  'deflate',
  'brotli',
);

export type HugeShape = 'activity with long text' | 'activity with padding' | 'garbage';

/** Bodies over the 1 MiB limit: a described size and shape (the bytes are built when sent). */
export const hugeBodyArb = fc.record({
  bytes: fc.integer({ min: MiB + 1, max: 3 * MiB }),
  shape: fc.constantFrom<HugeShape>('activity with long text', 'activity with padding', 'garbage'),
  chunked: fc.boolean(),
});

/** `activity` grown to exactly `bytes` bytes of JSON (ASCII: characters are bytes). */
export function sizedBody(activity: object, bytes: number, shape: HugeShape): Buffer {
  if (shape === 'garbage') return Buffer.alloc(bytes, '<');
  const key = shape === 'activity with long text' ? 'text' : 'padding';
  const empty = JSON.stringify({ ...activity, [key]: '' });
  return Buffer.from(JSON.stringify({ ...activity, [key]: 'x'.repeat(bytes - empty.length) }));
}

/** Gzip bodies of 1 MiB or less on the wire that expand past 1 MiB. */
export const expandingBodyArb = fc.record({
  bytes: fc.integer({ min: MiB + 1, max: 16 * MiB }),
  shape: fc.constantFrom<'activity with padding' | 'zeros'>('activity with padding', 'zeros'),
});

const ACCEPT_LANGUAGES = ['*', '', 'zz', 'xx-XX', 'en-US-u-ca-gregory', 'i-klingon', 'x-private'];
const MORE_LANGUAGES = ['und', 'en_US', '123', '-', ';q=0.5', ',,,', 'da;q=abc', 'nl-BE,nl;q=0.9'];

export const acceptLanguageArb: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(...ACCEPT_LANGUAGES, ...MORE_LANGUAGES, 'a'.repeat(300), 'æø-ÅÆ'),
  headerValue,
);

const queryKey = fc.oneof(
  fc.constantFrom('channelId', 'channelId[]', 'channelId[a]', 'channelId[0]', 'channelId[999]'),
  fc.constantFrom('channelId[__proto__]', '__proto__[x]', 'constructor[prototype][x]'),
  fc.constantFrom('a[b][c][d][e][f][g][h]', 'channelId.x', 'CHANNELID'),
  rawPathString,
);

const queryValue = (channelIds: string[]) =>
  fc.oneof(
    fc.constantFrom(...channelIds.map(percentEncode), '19%3Aunknown%40thread.tacv2'),
    fc.constantFrom('', 'x'.repeat(513), 'x'.repeat(512), '%', '%00', '19%3Ax%40thread.tacv2'),
    rawPathString,
    shortNastyString.map(percentEncode),
  );

/** Query strings: repeated keys, arrays, nested objects, prototype keys, broken escapes. */
export const queryArb = (channelIds: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(''),
    fc
      .array(fc.tuple(queryKey, fc.option(queryValue(channelIds))), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&')),
    rawPathString,
  );

/** Keeps a request line under Node's 16 kB header limit (a 431 is Node's, not ours). */
export const capUrl = (url: string) => url.slice(0, 8000);

export { headerValue };
