/**
 * The team, channel and people of `.m365agentsplayground.yml`, so that what the demo posts
 * shows in the Playground's General channel and the tab (tests/integration/demo.test.ts
 * checks that every id here is in that file).
 */
export const TENANT_ID = '00000000-0000-0000-0000-0000000000001';
export const BOT = { id: '28:67529c8b-3361-4cf7-b3b6-b19b0222c9a8', name: 'War Room' };
/** The team's id is also its General channel's conversation id, as in Teams. */
export const TEAM_ID = '19:mailbox-cutover-general@thread.tacv2';
export const GENERAL_CHANNEL_ID = TEAM_ID;
/** The Playground's default port (scripts/dev.ts); its Bot Connector is under /_connector. */
export const PLAYGROUND_URL = 'http://127.0.0.1:56150';

export interface DemoPerson {
  /** Teams user id (`29:…`), what mentions carry. */
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName: string;
}

const person = (slug: string, name: string, n: number, upn: string): DemoPerson => ({
  id: `29:1f0c2d6e-${slug}`,
  name,
  aadObjectId: `5f1b7a40-2c3e-4d1a-9b6e-0a1c2d3e4f0${n}`,
  userPrincipalName: `${upn}@northshore-hospital.example`,
});

export const SOFIE = person('lead-sofie-hansen', 'Sofie Hansen', 1, 'sofie.hansen');
export const JONAS = person('eng-jonas-berg', 'Jonas Berg', 2, 'jonas.berg');
export const PRIYA = person('eng-priya-nair', 'Priya Nair', 3, 'priya.nair');
export const TOM = person('eng-tom-de-vries', 'Tom de Vries', 4, 'tom.devries');
export const MARIANNE = person('exec-marianne-holm', 'Marianne Holm', 5, 'marianne.holm');
export const OLIVIER = person('obs-olivier-martin', 'Olivier Martin', 6, 'olivier.martin');
export const PEOPLE: readonly DemoPerson[] = [SOFIE, JONAS, PRIYA, TOM, MARIANNE, OLIVIER];
