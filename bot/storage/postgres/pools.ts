import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { pgTypes } from './instants';

export interface PostgresOptions {
  /** Pool size per instance. */
  maxConnections?: number;
  /**
   * An idle pooled connection failed (server restart, network). The pool drops it and
   * reconnects on demand; without a listener the 'error' event would crash the process.
   */
  onIdleError?: (error: Error) => void;
  /**
   * A connection failed while a transaction held it. The transaction fails on its own
   * (StorageUnavailableError); this only reports it. Without a listener on every client,
   * node-postgres would end the process.
   */
  onClientError?: (error: Error) => void;
  /** How long to wait for a connection, new or from a busy pool. Default 3 s. */
  connectTimeoutMs?: number;
  /** Server-side `statement_timeout`; the client gives up one second later. Default 10 s. */
  statementTimeoutMs?: number;
  /** Bound of `ping()`, connecting included. Default 1 s. */
  pingTimeoutMs?: number;
  /** The connection that listens for audit appends failed; it reconnects by itself. */
  onListenError?: (error: Error) => void;
}

export interface Pools {
  /** Transactions. */
  main: Pool;
  /** Health checks only: a probe never queues behind busy transactions. */
  health: Pool;
  /** Start-up migrations: no statement timeout (a migration, or waiting for another
   * instance's, may take long). Ended once the schema is current. */
  migration: Pool;
}

/** A transaction left open this long (the app stalled between statements) is ended. */
const IDLE_IN_TRANSACTION_MS = 15_000;

const report = (prefix: string) => (error: Error) =>
  console.error(`war-room: ${prefix}: ${error.message}`);

/** The pools of one storage, each with listeners that keep a lost connection from being fatal. */
export function createPools(url: string, options: PostgresOptions): Pools {
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const base: PoolConfig = {
    connectionString: url,
    application_name: 'war-room',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
    // Notices a peer that vanished without closing (host down, network cut) while idle.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Instants come back as ISO text, not Dates (instants.ts).
    types: pgTypes,
  };
  const timed: PoolConfig = {
    ...base,
    statement_timeout: statementTimeout,
    // The server cancels first (the connection stays usable); this catches a server that
    // does not answer at all.
    query_timeout: statementTimeout + 1000,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
  };
  // A statement handed to the driver while another is out goes at once (pg's pipeline
  // mode): a transaction's COMMIT leaves with its held writes (decision 032).
  const pipelined = { pipeline: true } as PoolConfig;
  const onIdle = options.onIdleError ?? report('idle PostgreSQL connection failed');
  const onClient = options.onClientError ?? report('PostgreSQL connection failed while in use');
  return {
    main: guarded(
      new Pool({ ...timed, ...pipelined, max: options.maxConnections ?? 10 }),
      onIdle,
      onClient,
    ),
    health: guarded(new Pool({ ...timed, max: 2 }), onIdle, onClient),
    migration: guarded(new Pool({ ...base, max: 1 }), onIdle, onClient),
  };
}

/**
 * pg-pool listens for errors only on idle clients; a checked-out client whose connection
 * dies emits 'error' with no listener, which ends the process. Every client gets one.
 */
function guarded(
  pool: Pool,
  onIdle: (error: Error) => void,
  onClient: (error: Error) => void,
): Pool {
  const inUse = new WeakSet<PoolClient>();
  pool.on('error', onIdle);
  pool.on('acquire', (client) => inUse.add(client));
  pool.on('release', (_err, client) => inUse.delete(client));
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      // An idle client's error reaches the pool's listener (onIdle): report it once.
      if (inUse.has(client)) onClient(error);
    });
  });
  return pool;
}
