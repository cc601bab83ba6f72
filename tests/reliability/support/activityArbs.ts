import fc from 'fast-check';
import { VERBS } from '../../../shared/cards/actions';
import { INCIDENT_STATUSES } from '../../../shared/domain/incident';
import { channel } from '../../support/activities';
import { nastyKey, nastyNumber, nastyString, nastyValue, shortNastyString } from './nasty';

/** What the fuzzer aims at: a channel with a war room and an incident in it. */
export interface FuzzTarget {
  serviceUrl: string;
  tenantId: string;
  channelId: string;
  incidentId: string;
}

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** A JSON number literal JSON.stringify cannot write (1e400 parses as Infinity). */
const RAW = (literal: string) => `@@raw:${literal}@@`;
/** JSON of `value`, with RAW(...) markers turned into bare number literals. */
export function toJsonBody(value: unknown): string {
  return JSON.stringify(value).replace(/"@@raw:([-+.\dEe]+)@@"/g, '$1');
}

const channelOf = (target: FuzzTarget, fresh: string | null) =>
  channel({
    serviceUrl: target.serviceUrl,
    tenantId: target.tenantId,
    channelId: fresh === null ? target.channelId : `19:${fresh.replace(/-/g, '')}@thread.tacv2`,
  });

/** The seeded war room's channel, or a fresh one (where `start` creates a war room). */
const where = fc.option(fc.uuid(), { nil: null, freq: 3 });

const COMMANDS = ['help', 'aide', 'hjælp', 'start Fuzzed cutover', 'incident Fuzzed outage sev2'];

/** A valid `@War Room <command>` message; the id comes from the seed, for replay. */
export const validMessage = (target: FuzzTarget, text: fc.Arbitrary<string>) =>
  fc
    .record({ id: fc.uuid(), fresh: where, text })
    .map(({ id, fresh, text }) => ({ ...channelOf(target, fresh).message(text), id }) as Json);

/** A valid card click on the seeded incident (its version may be stale: a conflict is fine). */
export const validCardAction = (target: FuzzTarget) =>
  fc
    .record({
      id: fc.uuid(),
      fresh: where,
      refresh: fc.boolean(),
      status: fc.constantFrom(...INCIDENT_STATUSES),
      version: fc.integer({ min: 1, max: 6 }),
    })
    .map(({ id, fresh, refresh, status, version }) => {
      const room = channelOf(target, fresh);
      const click = refresh
        ? room.cardAction(VERBS.incidentRefresh, { incidentId: target.incidentId })
        : room.cardAction(VERBS.incidentSetStatus, {
            incidentId: target.incidentId,
            status,
            version,
          });
      return { ...click, id } as Json;
    });

/** Every path into `value`: fields, nested fields, array items, and the containers themselves. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const path = [...prefix, Array.isArray(value) ? Number(k) : k];
    return [path, ...pathsOf(v, path)];
  });
}

type Mutation =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'delete'; path: Path }
  | { kind: 'addKey'; path: Path; key: string; value: unknown };

/** The wrong types the issue names, always in the mix. */
const CLASSIC: Mutation[] = [
  { kind: 'set', path: ['channelData', 'channel', 'id'], value: ['19:a@thread.tacv2'] },
  { kind: 'set', path: ['conversation', 'tenantId'], value: { id: 'tenant' } },
  { kind: 'set', path: ['locale'], value: 12 },
  { kind: 'set', path: ['locale'], value: 'xx-@@-not-a-tag' },
  { kind: 'set', path: ['locale'], value: '' },
  { kind: 'set', path: ['locale'], value: '\u0000' },
  { kind: 'set', path: ['type'], value: 12 },
  { kind: 'set', path: ['type'], value: 'conversationUpdate' },
  { kind: 'set', path: ['type'], value: 'Message' },
  { kind: 'set', path: ['name'], value: 12 },
  { kind: 'set', path: ['name'], value: 'composeExtension/query' },
  { kind: 'set', path: ['text'], value: ['start x'] },
  { kind: 'set', path: ['from'], value: 'alice' },
  { kind: 'set', path: ['from', 'aadObjectId'], value: { oid: 1 } },
  { kind: 'set', path: ['recipient'], value: [] },
  { kind: 'set', path: ['entities'], value: {} },
  { kind: 'set', path: ['entities'], value: [null, 1, 'x'] },
  { kind: 'set', path: ['channelData'], value: 'x' },
  { kind: 'set', path: ['channelData', 'tenant'], value: [] },
  { kind: 'set', path: ['channelData', 'team'], value: 7 },
  { kind: 'set', path: ['conversation', 'id'], value: 7 },
  { kind: 'set', path: ['conversation', 'conversationType'], value: ['channel'] },
  { kind: 'set', path: ['value'], value: 'x' },
  { kind: 'set', path: ['value', 'action'], value: [] },
  { kind: 'set', path: ['value', 'action', 'verb'], value: 5 },
  { kind: 'set', path: ['value', 'action', 'data'], value: null },
  { kind: 'set', path: ['timestamp'], value: 'yesterday' },
  { kind: 'set', path: ['id'], value: {} },
  { kind: 'delete', path: ['conversation', 'tenantId'] },
  { kind: 'delete', path: ['channelData'] },
  { kind: 'delete', path: ['from'] },
  { kind: 'delete', path: ['recipient'] },
  { kind: 'delete', path: ['locale'] },
];

const mutationOf = (examples: Json[]): fc.Arbitrary<Mutation> => {
  const key = (p: Path) => JSON.stringify(p);
  const unique = (paths: Path[]) => [...new Map(paths.map((p) => [key(p), p])).values()];
  const paths = unique(examples.flatMap((a) => pathsOf(a)));
  const isContainer = (a: Json, p: Path) => {
    const v = p.reduce<unknown>((o, k) => (o as Json | undefined)?.[k], a);
    return v !== null && typeof v === 'object';
  };
  const containers = unique(examples.flatMap((a) => pathsOf(a).filter((p) => isContainer(a, p))));
  const path = fc.constantFrom(...paths);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...CLASSIC), weight: 2 },
    {
      arbitrary: fc.record({ kind: fc.constant('set' as const), path, value: nastyValue }),
      weight: 4,
    },
    fc.record({ kind: fc.constant('delete' as const), path }),
    fc.record({
      kind: fc.constant('addKey' as const),
      path: fc.constantFrom<Path>([], ...containers),
      key: nastyKey,
      value: nastyValue,
    }),
  );
};

/** Applies mutations to a copy; one whose parent is no longer an object does nothing. */
export function mutate(activity: Json, mutations: Mutation[]): Json {
  // A JSON round trip, not structuredClone: its objects come from another realm than the
  // test's, and fast-check prints those as [object Object] in a counterexample.
  const copy = JSON.parse(JSON.stringify(activity)) as Json;
  for (const m of mutations) {
    const target = m.kind === 'addKey' ? m.path : m.path.slice(0, -1);
    const parent = target.reduce<unknown>(
      (o, k) => (o !== null && typeof o === 'object' ? (o as Json)[k] : undefined),
      copy,
    );
    if (parent === null || typeof parent !== 'object') continue;
    const key = m.kind === 'addKey' ? m.key : m.path[m.path.length - 1]!;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Json)[key];
    } else {
      // defineProperty: an own `__proto__` key, as JSON.parse makes one, not a new prototype.
      const value = m.value;
      Object.defineProperty(parent, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return copy;
}

/**
 * A valid activity with one to three fields broken; `mutations` says which, for the report.
 * Paths come from sample activities, not from each one (no chain), so fast-check can
 * shrink a failure down to the mutation that matters.
 */
export const mutatedActivity = (base: fc.Arbitrary<Json>) => {
  const examples = fc.sample(base, { numRuns: 20, seed: 42 });
  return fc
    .tuple(base, fc.array(mutationOf(examples), { minLength: 1, maxLength: 3 }))
    .map(([activity, mutations]) => ({ mutations, activity: mutate(activity, mutations) }));
};

const COMMAND_WORDS = ['start', 'incident', 'hændelse', 'démarrer', 'help', 'INCIDENT', ''];

/** Message text: commands with nasty titles, bare nasty text, and text around the length limit. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...COMMAND_WORDS),
      nastyString,
      fc.constantFrom('', ' sev1', ' sev9', ' p0', ' sev2 sev3'),
    )
    .map(([c, s, sev]) => `<at>War Room</at> ${c} ${s}${sev}`),
  nastyString,
  fc
    .integer({ min: 27_980, max: 28_020 })
    .map((n) => `<at>War Room</at> incident ${'x'.repeat(n)}`),
  fc.constantFrom(...COMMANDS.map((c) => `<at>War Room</at> ${c}`)),
);

export const commandText = fc.constantFrom(...COMMANDS.map((c) => `<at>War Room</at> ${c}`));

/** Verbs: the real ones, near misses, prototype names, and values of other types. */
export const verbArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...Object.values(VERBS)), weight: 4 },
  fc.constantFrom('incident.SetStatus', 'INCIDENT.REFRESH', ' incident.refresh', 'incident'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'incident.delete'),
  nastyValue,
);

const incidentIdArb = (target: FuzzTarget) =>
  fc.oneof(fc.constant(target.incidentId), fc.uuid(), nastyValue);

const statusArb = fc.oneof(
  { arbitrary: fc.constantFrom(...INCIDENT_STATUSES), weight: 3 },
  fc.constantFrom('OPEN', 'Resolved', ' resolved', 'resolved ', 'closed', '__proto__'),
  nastyValue,
);

const RAW_NUMBERS = ['1e400', '-1e400', '1E0', '1.0', '9007199254740993', '-0', '0.00001e5'];

/** Versions out of range: 0, negative, fractions, huge, strings, and literals like 1e400. */
export const versionArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 3 },
  nastyNumber,
  fc.constantFrom(...RAW_NUMBERS).map(RAW),
  fc.constantFrom('1', '', '0x1', 'v1'),
  nastyValue,
);

/** Card action data of every shape, for any verb (a refresh's data on setStatus and so on). */
export const cardDataArb = (target: FuzzTarget): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.record(
      { incidentId: incidentIdArb(target), status: statusArb, version: versionArb },
      { requiredKeys: [] },
    ),
    fc.record({ incidentId: incidentIdArb(target) }, { requiredKeys: [] }),
    fc.record({ incidentId: incidentIdArb(target), extra: nastyValue }),
    nastyValue,
    shortNastyString,
  );
