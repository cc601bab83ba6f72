import { startTestApp, type TestApp } from '../support/app';

/** The app package's privacy and terms links (manifest `developer`) lead to real pages. */
describe('GET /privacy and /terms', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['/privacy', /<h1>[^<]*privacy[^<]*<\/h1>/i, /erase/i],
    ['/terms', /<h1>War Room: terms of use<\/h1>/, /MIT licence/],
  ])('%s is an HTML page rendered from the Markdown file', async (route, heading, content) => {
    const res = await fetch(`${app.baseUrl}${route}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toMatch(heading);
    expect(html).toMatch(content);
    expect(html).not.toContain('<script');
  });
});
