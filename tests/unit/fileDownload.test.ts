import { parseConfig } from '../../bot/config';
import { allowedUrl } from '../../bot/teams/fileDownload';

const DEPLOYED = {
  MICROSOFT_APP_ID: '67529c8b-3361-4cf7-b3b6-b19b0222c9a8',
  MICROSOFT_APP_PASSWORD: 'secret',
  WARROOM_ALLOWED_TENANTS: '3a5e0f0c-1111-4222-8333-444455556666',
  AAD_APP_CLIENT_ID: '5bceda9c-2d4f-44f9-b9eb-c08b83eb0137',
};
const deployed = parseConfig(DEPLOYED).fileDownload;
const local = parseConfig({ WARROOM_LOCAL_DEV: '1' }).fileDownload;
const allowed = (url: string, policy = deployed) => allowedUrl(url, policy)?.href ?? null;

describe('where the bot fetches files from', () => {
  test('by default: 20 MB, 10 s, any SharePoint host over HTTPS', () => {
    expect(deployed).toEqual({
      hosts: ['*.sharepoint.com'],
      allowLoopback: false,
      maxBytes: 20 * 1024 * 1024,
      timeoutMs: 10_000,
    });
    const url = 'https://contoso-my.sharepoint.com/personal/a/_layouts/15/download.aspx?tempauth=x';
    expect(allowed(url)).toBe(url);
  });

  test.each([
    ['plain http', 'http://contoso-my.sharepoint.com/file.csv'],
    ['the bare domain', 'https://sharepoint.com/file.csv'],
    ['a look-alike suffix', 'https://contoso.sharepoint.com.evil.example/file.csv'],
    ['a look-alike name', 'https://evilsharepoint.com/file.csv'],
    ['another port', 'https://contoso.sharepoint.com:8443/file.csv'],
    ['credentials in the URL', 'https://user:pw@contoso.sharepoint.com/file.csv'],
    ['loopback outside local development', 'http://127.0.0.1:8080/file.csv'],
    ['another scheme', 'file:///etc/passwd'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['an address over HTTPS', 'https://10.0.0.5/file.csv'],
    ['no URL at all', 'not a url'],
  ])('refuses %s', (_, url) => {
    expect(allowed(url)).toBeNull();
  });

  test('local development adds loopback, also over http, and nothing else', () => {
    expect(allowed('http://127.0.0.1:8080/f.csv', local)).toBe('http://127.0.0.1:8080/f.csv');
    expect(allowed('http://[::1]:8080/f.csv', local)).toBe('http://[::1]:8080/f.csv');
    expect(allowed('http://192.168.1.10/f.csv', local)).toBeNull();
    expect(allowed('ftp://127.0.0.1/f.csv', local)).toBeNull();
  });

  test('hosts, size and timeout come from the environment', () => {
    const policy = parseConfig({
      ...DEPLOYED,
      WARROOM_FILE_HOSTS: 'Contoso-My.SharePoint.com, *.sharepoint.de',
      WARROOM_FILE_MAX_BYTES: '1048576',
      WARROOM_FILE_TIMEOUT_MS: '5000',
    }).fileDownload;
    expect(policy).toMatchObject({
      hosts: ['contoso-my.sharepoint.com', '*.sharepoint.de'],
      maxBytes: 1048576,
      timeoutMs: 5000,
    });
    expect(allowed('https://contoso-my.sharepoint.com/f.csv', policy)).not.toBeNull();
    expect(allowed('https://fabrikam-my.sharepoint.com/f.csv', policy)).toBeNull();
    expect(allowed('https://x.sharepoint.de/f.csv', policy)).not.toBeNull();
  });

  test.each([
    ['WARROOM_FILE_HOSTS', 'https://contoso.sharepoint.com/'],
    ['WARROOM_FILE_HOSTS', '*'],
    ['WARROOM_FILE_MAX_BYTES', '0'],
    ['WARROOM_FILE_TIMEOUT_MS', 'soon'],
  ])('refuses to start with %s=%s', (name, value) => {
    expect(() => parseConfig({ ...DEPLOYED, [name]: value })).toThrow(name);
  });
});
