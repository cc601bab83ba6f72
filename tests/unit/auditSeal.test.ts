import { SEALED_SCHEME, sealPersonal } from '../../bot/services/auditSeal';
import type { SealedField } from '../../shared/domain/audit';

/** The sealed fields of a fresh entry (a scheme-1 answer fails the test). */
function fieldsOf(entry: object): Record<string, SealedField> {
  const personal = sealPersonal(entry);
  if (!('fields' in personal)) throw new Error(`scheme ${personal.scheme} has no fields`);
  return personal.fields;
}

describe('sealPersonal', () => {
  const entry = {
    actorId: 'aad-petra',
    actorName: 'Petra Holm',
    after: { title: 'Lab results queue stuck', reporterName: 'Petra Holm' },
  };

  it('gives every personal field a salt of its own: 128 random bits, in hex', () => {
    expect(sealPersonal(entry).scheme).toBe(SEALED_SCHEME);
    const fields = fieldsOf(entry);
    const salts = Object.values(fields).map((f) => ('salt' in f ? f.salt : ''));
    expect(salts.length).toBeGreaterThanOrEqual(3);
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('draws new salts for each entry', () => {
    const a = Object.values(fieldsOf(entry));
    const b = Object.values(fieldsOf(entry));
    expect(a).not.toEqual(b);
  });
});
