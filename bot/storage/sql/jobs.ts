import type { Selectable } from 'kysely';
import type { Job, JobRepo, JobState, NewJob } from '../types';
import { oneOf, type Exec } from './exec';
import { toIso, toIsoOrNull } from './instant';
import type { Database } from './schema';

const STATES: readonly JobState[] = ['pending', 'running', 'done', 'failed'];
const COLUMNS = [
  'id',
  'kind',
  'tenant_id',
  'war_room_id',
  'payload',
  'dedupe_key',
  'due_at',
  'state',
  'attempts',
  'lease_until',
  'last_error',
  'created_at',
  'updated_at',
] as const;

type JobRow = Pick<Selectable<Database['jobs']>, (typeof COLUMNS)[number]>;

function fromRow(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    dedupeKey: r.dedupe_key,
    dueAt: toIso(r.due_at),
    state: oneOf(STATES, r.state, 'jobs.state'),
    attempts: r.attempts,
    leaseUntil: toIsoOrNull(r.lease_until),
    lastError: r.last_error,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

const byDue = (a: Job, b: Job) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);

/** Error texts are for operators; keep a bounded amount. */
const clip = (text: string) => text.slice(0, 1000);

export function jobRepo(x: Exec): JobRepo {
  const { db } = x;
  /**
   * The run that holds a job: its attempt number fences off an older run whose lease ran
   * out, so that one can settle nothing.
   */
  const settling = (lease: { id: string; attempts: number }) =>
    db
      .updateTable('jobs')
      .where('id', '=', lease.id)
      .where('state', '=', 'running')
      .where('attempts', '=', lease.attempts);
  return {
    async schedule(job: NewJob) {
      const at = toIso(job.createdAt);
      // In pg, a concurrent uncommitted job with the same key makes this wait, then do
      // nothing if it commits.
      const changed = await x.run(
        db
          .insertInto('jobs')
          .values({
            id: job.id,
            kind: job.kind,
            tenant_id: job.tenantId,
            war_room_id: job.warRoomId,
            payload: JSON.stringify(job.payload),
            dedupe_key: job.dedupeKey,
            due_at: toIso(job.dueAt),
            state: 'pending',
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('dedupe_key').doNothing()),
      );
      return changed === 1;
    },

    async claimDue(now, leaseUntil, limit, kinds) {
      if (kinds?.length === 0) return [];
      // PostgreSQL skips jobs another instance is leasing right now instead of waiting for
      // them; `state = 'pending'` is checked again by the UPDATE itself, so a job another
      // instance leased and committed meanwhile is never leased twice. MATERIALIZED: as a
      // plain subquery, pg may run the locking SELECT once per row it updates, each run
      // skipping the rows already updated and leasing more than `limit`.
      const rows = await x.all(
        db
          .with(
            (cte) => cte('due').materialized(),
            (qc) =>
              qc
                .selectFrom('jobs')
                .select('id')
                .where('state', '=', 'pending')
                .where('due_at', '<=', toIso(now))
                .$if(kinds !== undefined, (qb) => qb.where('kind', 'in', kinds ?? []))
                .orderBy('due_at')
                .orderBy('id')
                .limit(limit)
                .$call(x.skipLocked),
          )
          .updateTable('jobs')
          .set((eb) => ({
            state: 'running',
            attempts: eb('attempts', '+', 1),
            lease_until: toIso(leaseUntil),
            updated_at: toIso(now),
          }))
          .where('state', '=', 'pending')
          .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
          .returning(COLUMNS),
      );
      return rows.map(fromRow).sort(byDue);
    },

    async settle(lease, outcome, now) {
      const at = toIso(now);
      let changed: number;
      switch (outcome.state) {
        case 'done':
          changed = await x.run(
            settling(lease).set({
              state: 'done',
              lease_until: null,
              last_error: null,
              updated_at: at,
            }),
          );
          break;
        case 'pending':
          changed = await x.run(
            settling(lease).set((eb) => ({
              state: 'pending',
              due_at: toIso(outcome.dueAt),
              attempts: outcome.resetAttempts ? 0 : eb.ref('attempts'),
              lease_until: null,
              last_error: outcome.error === null ? null : clip(outcome.error),
              updated_at: at,
            })),
          );
          break;
        case 'failed':
          changed = await x.run(
            settling(lease).set({
              state: 'failed',
              lease_until: null,
              last_error: clip(outcome.error),
              updated_at: at,
            }),
          );
          break;
      }
      return changed === 1;
    },

    async expireLeases(now) {
      const rows = await x.all(
        db
          .updateTable('jobs')
          .set({
            state: 'pending',
            lease_until: null,
            last_error: 'the instance running it stopped',
            updated_at: toIso(now),
          })
          .where('state', '=', 'running')
          .where('lease_until', '<', toIso(now))
          .returning(COLUMNS),
      );
      return rows.map(fromRow).sort(byDue);
    },

    async cancel(dedupeKey) {
      const removed = await x.run(
        db.deleteFrom('jobs').where('dedupe_key', '=', dedupeKey).where('state', '=', 'pending'),
      );
      return removed === 1;
    },

    async findById(id) {
      const [row] = await x.all(db.selectFrom('jobs').select(COLUMNS).where('id', '=', id));
      return row && fromRow(row);
    },

    async findByDedupeKey(dedupeKey) {
      const [row] = await x.all(
        db.selectFrom('jobs').select(COLUMNS).where('dedupe_key', '=', dedupeKey),
      );
      return row && fromRow(row);
    },

    prune: (before) =>
      x.run(
        db.deleteFrom('jobs').where('state', '=', 'done').where('updated_at', '<', toIso(before)),
      ),
  };
}
