import { reportLinks } from '../../../bot/teams/commands/report';

const warRoom = {
  id: '7d0c2f9e-4b1a-4c39-9a8e-2f1d0c3b4a59',
  channelId: '19:cutover@thread.tacv2',
  language: 'nl' as const,
};
const appId = 'a058bdd0-db80-4fe7-a137-086cb5137e28';

describe('where the report card leads', () => {
  test('outside local development, never to the report’s own address: a link carries no sign-in', () => {
    const links = reportLinks(
      { localDev: false, publicUrl: 'https://warroom.example', teamsAppId: appId },
      warRoom,
      'nl-BE',
    );
    expect(links.direct).toBeNull();
    const tab = new URL(links.tab!);
    expect(tab.pathname).toBe(`/l/entity/${appId}/war-room`);
    expect(tab.searchParams.get('label')).toBe('Evaluatierapport');
    expect(JSON.parse(tab.searchParams.get('context')!)).toEqual({
      subEntityId: 'report',
      channelId: warRoom.channelId,
    });
  });

  test('without the manifest’s id there is nothing to link to: the card says where the report is', () => {
    expect(
      reportLinks(
        { localDev: false, publicUrl: 'https://warroom.example', teamsAppId: undefined },
        warRoom,
        'nl',
      ),
    ).toEqual({ direct: null, tab: null });
  });

  test('in local development without a public address, no direct links either', () => {
    expect(
      reportLinks({ localDev: true, publicUrl: undefined, teamsAppId: undefined }, warRoom, 'nl'),
    ).toEqual({ direct: null, tab: null });
  });
});
