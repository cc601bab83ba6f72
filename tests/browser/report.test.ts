import { launchBrowser, type TestBrowser } from '../support/browser';
import { MARKUP_TITLE, scriptedWeekend, type Weekend } from '../support/weekend';

/** What is left of A4's 210 mm between the stylesheet's 12 mm margins, at 96 px per inch. */
const A4_CONTENT_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);

/**
 * The printable report of the scripted weekend in headless Chromium: it loads without a
 * script error or any request beyond itself, draws the chart, keeps markup as text, fits
 * the width of A4 when printed, and prints to a PDF.
 */
describe('the HTML report in a browser', () => {
  let w: Weekend;
  let browser: TestBrowser;
  beforeAll(async () => {
    w = await scriptedWeekend();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await w?.stop();
  });

  it('renders, fits A4 and prints to PDF without errors', async () => {
    const { page } = browser;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const url = `${w.t.baseUrl}/api/v1/war-rooms/${w.warRoom.id}/report?format=html&locale=nl-BE`;
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(res?.headers()['content-disposition']).toMatch(/^inline; filename=".+\.html"$/);

    expect(await page.locator('h1').textContent()).toBe(
      'Evaluatierapport: Mailbox cutover weekend',
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    // The incident title is text on the page, not an element.
    expect(await page.locator('#incidents td', { hasText: MARKUP_TITLE }).count()).toBe(1);
    expect(await page.locator('body script').count()).toBe(0);
    // The chart: two step lines, drawn by the server; its label says what it shows.
    expect(await page.locator('svg.chart path.completed').count()).toBe(1);
    const d = await page.locator('svg.chart path.failed').getAttribute('d');
    expect(d?.split(' V').length).toBe(3); // one step per import
    expect(await page.locator('svg.chart title').textContent()).toMatch(
      /^Grafiek: voltooide en mislukte mailboxen na elke import/,
    );
    expect(await page.locator('#decisions a.csv').getAttribute('href')).toBe(
      'report/decisions.csv?locale=nl-BE',
    );

    // Printed on A4, nothing sticks out sideways (long names and hashes wrap).
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_CONTENT_PX, height: 1000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(A4_CONTENT_PX);
    if (process.env.REPORT_SHOT)
      await page.screenshot({ path: process.env.REPORT_SHOT, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(6);

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    expect(browser.blocked).toEqual([]);
  });
});
