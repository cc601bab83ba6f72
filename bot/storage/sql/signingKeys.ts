import type { SigningKeyRepo } from '../types';
import type { Exec } from './exec';
import { toIso } from './instant';

export function signingKeyRepo(x: Exec): SigningKeyRepo {
  const { db } = x;
  return {
    async ensure(name, candidate, at) {
      // Instances starting together race here: the first insert wins, everyone reads it.
      await x.run(
        db
          .insertInto('signing_keys')
          .values({ name, secret: candidate, created_at: toIso(at) })
          .onConflict((oc) => oc.column('name').doNothing()),
      );
      const [row] = await x.all(
        db.selectFrom('signing_keys').select('secret').where('name', '=', name),
      );
      if (!row) throw new Error(`signing key ${name} was not stored`);
      return row.secret;
    },
  };
}
