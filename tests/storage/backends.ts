import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStorage, type StorageLocation } from '../../bot/storage/open';
import type { Storage } from '../../bot/storage/types';
import { startPostgres, type TestPostgres } from '../support/postgres';

/** A database engine the contract runs against. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Where a brand-new, empty database lives. */
  fresh(): Promise<StorageLocation>;
}

function sqliteBackend(): Backend {
  let root = '';
  let n = 0;
  return {
    name: 'sqlite',
    async start() {
      root = await mkdtemp(path.join(os.tmpdir(), 'warroom-sqlite-'));
    },
    async stop() {
      if (root) await rm(root, { recursive: true, force: true });
    },
    fresh: async () => ({ dataDir: path.join(root, `db${++n}`) }),
  };
}

function postgresBackend(): Backend {
  let pg: TestPostgres | undefined;
  let n = 0;
  return {
    name: 'postgres',
    async start() {
      pg = await startPostgres();
    },
    async stop() {
      await pg?.stop();
    },
    async fresh() {
      if (!pg) throw new Error('PostgreSQL was not started');
      const databaseUrl = await pg.createDatabase(`contract_${++n}`);
      return { databaseUrl, dataDir: path.join(os.tmpdir(), 'warroom-unused') };
    },
  };
}

export const backends = (): Backend[] => [sqliteBackend(), postgresBackend()];

/**
 * `it` for cases that only PostgreSQL has (SKIP LOCKED, two pools on one database); on
 * another engine the case is not registered at all, rather than counted as skipped.
 */
export const onPostgres = (backend: Backend): typeof it =>
  backend.name === 'postgres' ? it : ((() => undefined) as unknown as typeof it);

/** The suite's database: its storage, and where it lives (to open it a second way). */
export interface SuiteDatabase {
  storage(): Storage;
  location(): StorageLocation;
}

/**
 * A fresh database of `backend` for the suite: the engine started and the storage opened
 * before its cases, both closed after them. Call the result inside a case for the storage.
 */
export function suiteStorage(backend: Backend): () => Storage {
  return suiteDatabase(backend).storage;
}

/** As suiteStorage, with the database's location too. */
export function suiteDatabase(backend: Backend): SuiteDatabase {
  let storage: Storage | undefined;
  let location: StorageLocation | undefined;
  beforeAll(async () => {
    await backend.start();
    location = await backend.fresh();
    storage = await openStorage(location);
  });
  afterAll(async () => {
    await storage?.close();
    await backend.stop();
  });
  const open = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite storage is not open (outside a case?)');
    return value;
  };
  return { storage: () => open(storage), location: () => open(location) };
}
