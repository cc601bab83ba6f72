import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../shared/domain/actor';
import { API_KEY_NAME_MAX, type ApiKey } from '../../shared/domain/apiKey';
import { forbidden, invalid, notFound } from '../../shared/domain/errors';
import type { WarRoom } from '../../shared/domain/warRoom';
import { singleLine } from '../../shared/domain/title';
import type { Storage, Tx } from '../storage/types';
import { authorize } from './access';
import type { Clock, IdGenerator } from './clock';
import { auditChange, change } from './unitOfWork';

/**
 * A script acting with an API key: in its key's war room only, and only to import and
 * read migration status. `userId` is `apikey:<id>`, `name` the key's name (the audit
 * log's actor).
 */
export interface KeyCaller extends Actor {
  readonly apiKey: { readonly id: string; readonly warRoomId: string };
}

export const isKeyCaller = (actor: Actor): actor is KeyCaller =>
  'apiKey' in actor && typeof (actor as Partial<KeyCaller>).apiKey?.id === 'string';

/** Keys start with this, so a bearer token is told apart from a Teams SSO token at a glance. */
export const API_KEY_PREFIX = 'wrk_';
const KEY_SHAPE = /^wrk_[A-Za-z0-9_-]{43}$/;

/**
 * SHA-256 of the key, unsalted: the key is 32 random bytes, so neither a dictionary nor a
 * precomputed table can reach it and a slow hash would add nothing but cost on every call;
 * a plain hash is also what lets the key be looked up by an index.
 */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A use is recorded at most this often per key: a script polling every second writes little. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

/** A key as its war room's lead sees it: never the key itself, nor its hash. */
export type ApiKeyView = Omit<ApiKey, 'keyHash'>;

export type Authentication =
  { ok: true; caller: KeyCaller } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

/** A stored key without its hash. */
const view = ({ keyHash: _hash, ...rest }: ApiKey): ApiKeyView => rest;

/** The lead creates, lists and revokes a war room's API keys; scripts authenticate with them. */
export class ApiKeyService {
  constructor(private readonly deps: ApiKeyDeps) {}

  /** A new key for the war room; the key itself is in the result and nowhere else. */
  create(
    actor: Actor,
    warRoomId: string,
    rawName: string,
  ): Promise<{ apiKey: ApiKeyView; key: string }> {
    const name = singleLine(rawName);
    if (name === '' || name.length > API_KEY_NAME_MAX) {
      throw invalid('apikey.invalidName', { max: API_KEY_NAME_MAX });
    }
    return change(this.deps, actor, undefined, async (tx, now) => {
      const warRoom = await this.manage(tx, actor, warRoomId);
      const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const apiKey: ApiKey = {
        id: this.deps.ids(),
        tenantId: warRoom.tenantId,
        warRoomId: warRoom.id,
        name,
        keyHash: hashApiKey(key),
        createdById: actor.userId,
        createdByName: actor.name,
        createdAt: now,
        lastUsedAt: null,
        revokedAt: null,
      };
      await tx.apiKeys.insert(apiKey);
      await auditChange(tx, actor, now, 'apikey.created', 'apikey', null, view(apiKey));
      return { apiKey: view(apiKey), key };
    });
  }

  list(actor: Actor, warRoomId: string): Promise<ApiKeyView[]> {
    return change(this.deps, actor, undefined, async (tx) => {
      const warRoom = await this.manage(tx, actor, warRoomId);
      return (await tx.apiKeys.list(warRoom.tenantId, warRoom.id)).map(view);
    });
  }

  /** Revokes the key at once; revoking a revoked key changes nothing. */
  revoke(actor: Actor, warRoomId: string, keyId: string): Promise<ApiKeyView> {
    return change(this.deps, actor, undefined, async (tx, now) => {
      const warRoom = await this.manage(tx, actor, warRoomId);
      const before = await tx.apiKeys.findById(warRoom.tenantId, keyId);
      if (!before || before.warRoomId !== warRoom.id) throw notFound('apikey.notFound');
      if (!(await tx.apiKeys.revoke(warRoom.tenantId, keyId, now))) return view(before);
      const after = { ...before, revokedAt: now };
      await auditChange(tx, actor, now, 'apikey.revoked', 'apikey', view(before), view(after));
      return view(after);
    });
  }

  /** Who a bearer key is; records its use (at most once a minute). */
  async authenticate(key: string): Promise<Authentication> {
    if (!KEY_SHAPE.test(key)) return { ok: false, reason: 'malformed' };
    const now = this.deps.clock.now();
    const found = await this.deps.storage.read((tx) => tx.apiKeys.findByHash(hashApiKey(key)));
    if (!found) return { ok: false, reason: 'unknown' };
    if (found.revokedAt !== null) return { ok: false, reason: 'revoked' };
    const notBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
    // Used within the minute already: the update would match nothing; spare its round trips.
    if (found.lastUsedAt === null || found.lastUsedAt < notBefore) {
      await this.deps.storage.transaction((tx) =>
        tx.apiKeys.markUsed(found.tenantId, found.id, now.toISOString(), notBefore),
      );
    }
    const caller: KeyCaller = {
      tenantId: found.tenantId,
      userId: `apikey:${found.id}`,
      name: found.name,
      apiKey: { id: found.id, warRoomId: found.warRoomId },
    };
    return { ok: true, caller };
  }

  /** The war room, if the actor (a person, never a key) may manage its keys. */
  private async manage(tx: Tx, actor: Actor, warRoomId: string): Promise<WarRoom> {
    const warRoom = await tx.warRooms.findById(actor.tenantId, warRoomId);
    if (!warRoom) throw notFound('warroom.notFound');
    if (isKeyCaller(actor)) throw forbidden('apikey.notForKeys');
    await authorize(tx, warRoom, actor, 'migration.configure');
    return warRoom;
  }
}
