import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';

const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');
const FRAMER = '/__test-framer__';

/** The violations a page reported, gathered before any of its scripts run. */
const RECORD_VIOLATIONS = () => {
  const seen: string[] = [];
  (window as unknown as { cspViolations: string[] }).cspViolations = seen;
  document.addEventListener('securitypolicyviolation', (e) =>
    seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
  );
};

/**
 * The tab's Content-Security-Policy in a real browser: the tab runs under it without a
 * single violation, user content cannot run as script, and only Teams (or the server
 * itself) may frame it.
 */
describe("the tab's Content-Security-Policy", () => {
  let app: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    if (!existsSync(BUILT_TAB)) {
      throw new Error('The tab is not built: run `npm run build:tab` before the browser tests.');
    }
    app = await startTestApp();
    browser = await launchBrowser();
    await browser.page.addInitScript(RECORD_VIOLATIONS);
    await app.say('start Mailbox cutover weekend');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('is strict: no inline script, no eval, nothing but this server to talk to', async () => {
    const response = await fetch(`${app.baseUrl}/tab/`);
    const policy = new Map(
      (response.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name = '', ...values]) => [name, values] as const),
    );
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://res.cdn.office.net']);
    expect(policy.get('frame-ancestors')).toEqual([
      "'self'",
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.teams.microsoft.us',
      'https://*.office.com',
      'https://*.cloud.microsoft',
    ]);
  });

  it('runs the tab without a violation, and shows markup in a title as text', async () => {
    // Teams sends what a user types as HTML: their angle brackets arrive as entities.
    const markup = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    const typed = markup.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    await app.say(`incident ${typed} sev3`);
    const { page } = browser;

    await page.goto(`${app.baseUrl}/tab/`);
    // The overview first (its chart is a chunk loaded on demand), then the incidents.
    await page.getByTestId('tiles').waitFor();
    await page.getByTestId('warroom-panels').getByRole('tab', { name: 'Incidents' }).click();
    const title = page.locator('[data-testid="incident-row"][data-ref="INC-1"]');
    await title.getByTestId('incident-title').getByText(markup).waitFor();

    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBe(
      undefined,
    );
    const violations = await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    // teams-js outside Teams asks Microsoft's CDN for the hosts that may frame it: the test
    // browser blocks that request (it would leave the machine), which is not the policy.
    expect(violations).toEqual([]);
  });

  it('may be framed by its own origin but not by another site', async () => {
    const { page } = browser;
    const framer = `<!doctype html><iframe id="tab" title="tab" src="${app.baseUrl}/tab/" style="width:900px;height:600px"></iframe>`;
    const foreign = app.baseUrl.replace('127.0.0.1', 'localhost');
    await page.route(`**${FRAMER}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: framer }),
    );

    await page.goto(`${app.baseUrl}${FRAMER}`);
    await page.frameLocator('#tab').getByTestId('warroom-title').waitFor();

    await page.goto(`${foreign}${FRAMER}`);
    // Chromium replaces a refused frame with its error page.
    const framed = () =>
      page
        .frames()
        .find((f) => f !== page.mainFrame())
        ?.url();
    for (let i = 0; i < 100 && framed() !== 'chrome-error://chromewebdata/'; i++) {
      await page.waitForTimeout(100);
    }
    expect(framed()).toBe('chrome-error://chromewebdata/');
    await expect(page.frameLocator('#tab').getByTestId('warroom-title').count()).resolves.toBe(0);
  });
});
