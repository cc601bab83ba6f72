import { SEALED_SCHEME, sealPersonal } from '../../bot/services/auditSeal';

describe('sealPersonal', () => {
  const entry = {
    actorId: 'aad-petra',
    actorName: 'Petra Holm',
    after: { title: 'Lab results queue stuck', reporterName: 'Petra Holm' },
  };

  it('gives every personal field a salt of its own: 128 random bits, in hex', () => {
    const { scheme, fields } = sealPersonal(entry);
    expect(scheme).toBe(SEALED_SCHEME);
    const salts = Object.values(fields).map((f) => ('salt' in f ? f.salt : ''));
    expect(salts.length).toBeGreaterThanOrEqual(3);
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('draws new salts for each entry', () => {
    const a = Object.values(sealPersonal(entry).fields);
    const b = Object.values(sealPersonal(entry).fields);
    expect(a).not.toEqual(b);
  });
});
