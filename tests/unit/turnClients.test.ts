import type { Activity } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createLogger } from '../../bot/logger';
import { StrictAuthentication } from '../../bot/teams/strictAuthentication';

const EMEA = 'https://smba.trafficmanager.net/emea/';
const AMER = 'https://smba.trafficmanager.net/amer/';

/** botbuilder's per-turn clients, built once per identity and service URL (decision 026). */
describe('clients of a turn', () => {
  // Authentication off (local development): every request is the anonymous identity.
  const auth = new StrictAuthentication(
    new ConfigurationBotFrameworkAuthentication({}),
    createLogger('silent'),
  );
  const turn = () =>
    auth.authenticateRequest({ type: 'message', serviceUrl: EMEA } as Activity, '');

  it('gives two turns the same connector client for a service URL, another for another', async () => {
    const [first, second] = [await turn(), await turn()];
    const emea = await first.connectorFactory?.create(EMEA, first.audience);
    expect(emea).toBeDefined();
    expect(await second.connectorFactory?.create(EMEA, second.audience)).toBe(emea);
    const amer = await second.connectorFactory?.create(AMER, second.audience);
    expect(amer).toBeDefined();
    expect(amer).not.toBe(emea);
  });

  it('gives two turns of one identity the same user token client', async () => {
    const [first, second] = [await turn(), await turn()];
    const client = await auth.createUserTokenClient(first.claimsIdentity);
    expect(await auth.createUserTokenClient(second.claimsIdentity)).toBe(client);
  });
});
