import { serviceUrlAllowed } from '../../bot/teams/endpoint';

const TEAMS = ['https://smba.trafficmanager.net/', 'https://smba.infra.gov.teams.microsoft.us/'];
const LOOPBACK = ['http://127.0.0.1:', 'http://localhost:'];

describe('service URL allow-list: the bot only ever calls hosts it was told to trust', () => {
  test.each([
    ['https://smba.trafficmanager.net/emea/', TEAMS],
    ['https://smba.trafficmanager.net/amer/', TEAMS],
    ['https://SMBA.trafficmanager.net/emea/', TEAMS],
    ['https://smba.infra.gov.teams.microsoft.us/', TEAMS],
    ['http://127.0.0.1:3979/', LOOPBACK],
    ['http://localhost:56150/', LOOPBACK],
    ['https://smba.trafficmanager.net/emea/', ['https://smba.trafficmanager.net']],
    ['https://example.org/teams/emea/', ['https://example.org/teams']],
  ])('%s is allowed by %j', (url, list) => {
    expect(serviceUrlAllowed(url, list)).toBe(true);
  });

  test.each([
    ['https://smba.trafficmanager.net.evil.com/', ['https://smba.trafficmanager.net']],
    ['https://smba.trafficmanager.net.evil.com/', TEAMS],
    ['https://evil.com/https://smba.trafficmanager.net/', TEAMS],
    ['http://smba.trafficmanager.net/emea/', TEAMS],
    ['https://smba.trafficmanager.net:8443/emea/', TEAMS],
    ['https://user@smba.trafficmanager.net.evil.com/', TEAMS],
    ['https://example.org/teamsx/', ['https://example.org/teams']],
    ['http://127.0.0.2:3979/', LOOPBACK],
    ['https://127.0.0.1:3979/', LOOPBACK],
    ['http://127.0.0.1.evil.com:3979/', LOOPBACK],
    ['not a url', TEAMS],
    ['https://smba.trafficmanager.net/emea/', []],
  ])('%s is refused by %j', (url, list) => {
    expect(serviceUrlAllowed(url, list)).toBe(false);
  });
});
