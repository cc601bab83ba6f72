import type { Kysely } from 'kysely';
import { personPointers, replacementFor, type Pseudonym } from '../../../shared/domain/privacy';
import { pointerValue } from '../../../shared/domain/privacyText';
import type { Exec } from './exec';
import { PERSON_TABLES, TENANT_TABLES } from './personTables';

type Loose = Kysely<Record<string, Record<string, unknown>>>;

/** Tells a name pointer from an identifier's (`replacementFor` gives this name for names). */
const NAME_PROBE: Pseudonym = { id: 'id', name: 'name' };

/**
 * Display names, user principal names and e-mails the tenant's rows hold for one of `ids`
 * (decision 028): the roster, the name columns beside their ids, Person objects in JSON
 * columns, and the audit log's actor names. Read before an erasure changes anything.
 */
export async function namesOf(
  x: Exec,
  tenantId: string,
  ids: ReadonlySet<string>,
): Promise<string[]> {
  const db = x.db as unknown as Loose;
  const list = [...ids];
  const names = new Set<string>();
  const add = (v: unknown) => typeof v === 'string' && v !== '' && names.add(v);
  for (const s of TENANT_TABLES) {
    const rows = await x.all(
      db
        .selectFrom(s.table)
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or(s.ids.map((c) => eb(c, 'in', list)))),
    );
    for (const r of rows) for (const c of ['name', 'user_principal_name', 'email']) add(r[c]);
  }
  for (const s of PERSON_TABLES) {
    const rows = await x.all(
      db
        .selectFrom(s.table)
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or([...s.ids, ...s.json].map((c) => eb(c, 'is not', null)))),
    );
    for (const r of rows) {
      if (s.ids.some((c) => typeof r[c] === 'string' && ids.has(r[c])))
        for (const c of s.names) add(r[c]);
      for (const c of s.json) {
        if (typeof r[c] !== 'string') continue;
        const value = JSON.parse(r[c]) as unknown;
        for (const ptr of personPointers(value, ids))
          if (replacementFor(ptr, NAME_PROBE) === NAME_PROBE.name) add(pointerValue(value, ptr));
      }
    }
  }
  const actors = await x.all(
    db
      .selectFrom('audit_log')
      .select('actor_name')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .where('actor_id', 'in', list),
  );
  for (const r of actors) add(r.actor_name);
  return [...names];
}
