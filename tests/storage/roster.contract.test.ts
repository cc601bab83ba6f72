import type { RosterEntry, TeamMember, Tx } from '../../bot/storage/types';
import { backends, suiteStorage, type Backend } from './backends';
import { at, newTenant } from './fixtures';

/** Team rosters on every engine: the roster service must not be able to tell them apart. */
describe.each(backends())('roster contract: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);

  const read = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage().transaction(fn);
  const member = (n: string, overrides: Partial<TeamMember> = {}): TeamMember => ({
    teamsUserId: `29:${n}`,
    aadObjectId: `aad-${n}`,
    name: `Member ${n}`,
    userPrincipalName: `${n}@contoso.example`,
    email: `${n}@contoso.example`,
    ...overrides,
  });
  const entry = (tenantId: string, teamId: string, m: TeamMember, refreshedAt: string) =>
    ({ ...m, tenantId, teamId, refreshedAt }) satisfies RosterEntry;
  const replace = (tenantId: string, teamId: string, members: TeamMember[], when: string) =>
    storage().transaction((tx) => tx.roster.replaceTeam(tenantId, teamId, members, when));

  it('replaces a team’s roster as a whole, and lists it by Teams user id', async () => {
    const tenant = newTenant();
    await replace(tenant, 'team-a', [member('bo'), member('ann'), member('cy')], at(0));
    await replace(tenant, 'team-a', [member('cy', { name: 'Cy Æblegård' }), member('ann')], at(5));
    expect(await read((tx) => tx.roster.list(tenant, 'team-a'))).toEqual([
      entry(tenant, 'team-a', member('ann'), at(5)),
      entry(tenant, 'team-a', member('cy', { name: 'Cy Æblegård' }), at(5)),
    ]);
  });

  it('writes a roster of 1,200 members (several statements) in one go', async () => {
    const tenant = newTenant();
    const many = Array.from({ length: 1200 }, (_, i) =>
      member(String(i).padStart(4, '0'), { userPrincipalName: null, email: null }),
    );
    await replace(tenant, 'big-team', many, at(0));
    const listed = await read((tx) => tx.roster.list(tenant, 'big-team'));
    expect(listed).toHaveLength(1200);
    expect(listed[1199]).toEqual(entry(tenant, 'big-team', many[1199]!, at(0)));
  });

  it('finds a few people of a team by Teams user id or Entra object id, no one else', async () => {
    const tenant = newTenant();
    await replace(tenant, 'team-a', [member('ann'), member('bo'), member('cy')], at(0));
    await replace(tenant, 'team-b', [member('dee')], at(0));
    const find = (ids: string[], aads: string[]) =>
      read((tx) => tx.roster.findPeople(tenant, 'team-a', ids, aads));
    const names = async (found: Promise<RosterEntry[]>) => (await found).map((m) => m.name).sort();
    expect(await find(['29:ann'], ['aad-cy'])).toEqual(
      expect.arrayContaining([
        entry(tenant, 'team-a', member('ann'), at(0)),
        entry(tenant, 'team-a', member('cy'), at(0)),
      ]),
    );
    expect(await names(find(['29:ann'], ['aad-cy']))).toEqual(['Member ann', 'Member cy']);
    expect(await names(find([], ['aad-bo']))).toEqual(['Member bo']);
    expect(await names(find(['29:dee', '29:nobody'], ['aad-dee']))).toEqual([]);
    expect(await find([], [])).toEqual([]);
  });

  it('leaves nothing half-replaced when the transaction fails', async () => {
    const tenant = newTenant();
    await replace(tenant, 'team-a', [member('ann')], at(0));
    const failing = storage().transaction(async (tx) => {
      await tx.roster.replaceTeam(tenant, 'team-a', [member('bo')], at(1));
      throw new Error('fetch of page 2 failed');
    });
    await expect(failing).rejects.toThrow('page 2');
    const listed = await read((tx) => tx.roster.list(tenant, 'team-a'));
    expect(listed.map((m) => m.teamsUserId)).toEqual(['29:ann']);
  });

  it('upserts a member, keeping what a membership event does not carry', async () => {
    const tenant = newTenant();
    await replace(tenant, 'team-a', [member('ann')], at(0));
    // A membersAdded entry: ids only, no name, no e-mail.
    const bare = { aadObjectId: null, name: '', userPrincipalName: null, email: null };
    await read((tx) => tx.roster.upsert(entry(tenant, 'team-a', member('ann', bare), at(9))));
    await read((tx) =>
      tx.roster.upsert(entry(tenant, 'team-a', member('bo', { ...bare, aadObjectId: 'b' }), at(9))),
    );
    expect(await read((tx) => tx.roster.list(tenant, 'team-a'))).toEqual([
      entry(tenant, 'team-a', member('ann'), at(9)),
      entry(tenant, 'team-a', member('bo', { ...bare, aadObjectId: 'b' }), at(9)),
    ]);
  });

  it('removes a member once', async () => {
    const tenant = newTenant();
    await replace(tenant, 'team-a', [member('ann'), member('bo')], at(0));
    expect(await read((tx) => tx.roster.remove(tenant, 'team-a', '29:bo'))).toBe(true);
    expect(await read((tx) => tx.roster.remove(tenant, 'team-a', '29:bo'))).toBe(false);
    expect(await read((tx) => tx.roster.list(tenant, 'team-a'))).toEqual([
      entry(tenant, 'team-a', member('ann'), at(0)),
    ]);
  });

  it('names the teams a person is in, by Entra object id', async () => {
    const tenant = newTenant();
    await replace(tenant, 'team-b', [member('ann'), member('bo')], at(0));
    await replace(tenant, 'team-a', [member('ann')], at(0));
    await replace(tenant, 'team-c', [member('guest', { aadObjectId: null })], at(0));
    await read(async (tx) => {
      expect(await tx.roster.teamsOf(tenant, 'aad-ann')).toEqual(['team-a', 'team-b']);
      expect(await tx.roster.teamsOf(tenant, 'aad-bo')).toEqual(['team-b']);
      expect(await tx.roster.teamsOf(tenant, 'aad-nobody')).toEqual([]);
    });
  });

  it('finds a member of one team by Entra object id (a people picker’s answer)', async () => {
    const tenant = newTenant();
    await replace(tenant, 'team-a', [member('ann'), member('bo')], at(0));
    await replace(tenant, 'team-b', [member('cy')], at(0));
    await read(async (tx) => {
      expect(await tx.roster.findByAadObjectId(tenant, 'team-a', 'aad-bo')).toEqual(
        entry(tenant, 'team-a', member('bo'), at(0)),
      );
      expect(await tx.roster.findByAadObjectId(tenant, 'team-a', 'aad-cy')).toBeUndefined();
      expect(await tx.roster.findByAadObjectId(newTenant(), 'team-a', 'aad-bo')).toBeUndefined();
    });
  });

  it('tells how fresh a roster is: its oldest confirmation', async () => {
    const tenant = newTenant();
    expect(await read((tx) => tx.roster.lastRefreshed(tenant, 'team-a'))).toBeUndefined();
    await replace(tenant, 'team-a', [member('ann'), member('bo')], at(0));
    // One member confirmed later does not make the rest of the roster fresh.
    await read((tx) => tx.roster.upsert(entry(tenant, 'team-a', member('ann'), at(30))));
    expect(await read((tx) => tx.roster.lastRefreshed(tenant, 'team-a'))).toBe(at(0));
    await read((tx) => tx.roster.upsert(entry(tenant, 'team-a', member('bo'), at(40))));
    expect(await read((tx) => tx.roster.lastRefreshed(tenant, 'team-a'))).toBe(at(30));
  });

  it('shows and lets another tenant change nothing', async () => {
    const tenant = newTenant();
    const other = newTenant();
    await replace(tenant, 'team-a', [member('ann')], at(0));
    await read(async (tx) => {
      expect(await tx.roster.list(other, 'team-a')).toEqual([]);
      expect(await tx.roster.teamsOf(other, 'aad-ann')).toEqual([]);
      expect(await tx.roster.lastRefreshed(other, 'team-a')).toBeUndefined();
      expect(await tx.roster.remove(other, 'team-a', '29:ann')).toBe(false);
      await tx.roster.replaceTeam(other, 'team-a', [], at(1));
    });
    expect(await read((tx) => tx.roster.list(tenant, 'team-a'))).toHaveLength(1);
  });
});
