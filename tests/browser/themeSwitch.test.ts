import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import type { Frame } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { openTabInTeams, serveTeamsHost } from '../support/teamsHost';

const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');

/** `#rrggbb` → `rgb(r, g, b)`, as getComputedStyle writes it. */
const rgb = (hex: string) =>
  `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/**
 * The user picks another theme in Teams while the tab is open: Teams tells the tab
 * (`themeChange`), and the tab repaints in it without a reload.
 */
describe('the tab follows a theme change live', () => {
  let app: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    if (!existsSync(BUILT_TAB)) {
      throw new Error('The tab is not built: run `npm run build:tab` before the browser tests.');
    }
    app = await startTestApp();
    browser = await launchBrowser();
    await serveTeamsHost(browser.page, app.baseUrl);
    await app.say('start Mailbox cutover weekend');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const background = (tab: Frame) =>
    tab
      .locator('.fui-FluentProvider')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);

  it('from light to dark to high contrast and back, keeping the page', async () => {
    const { page } = browser;
    const tab = await openTabInTeams(page, app.baseUrl, {
      theme: 'default',
      tenantId: app.tenantId,
    });
    await tab.getByTestId('tiles').waitFor();
    await expect(background(tab)).resolves.toBe(rgb(teamsLightTheme.colorNeutralBackground1));
    const timeOrigin = await tab.evaluate(() => performance.timeOrigin);

    for (const [theme, expected] of [
      ['dark', teamsDarkTheme.colorNeutralBackground1],
      ['contrast', teamsHighContrastTheme.colorNeutralBackground1],
      ['default', teamsLightTheme.colorNeutralBackground1],
    ] as const) {
      await page.evaluate(
        (name) => (window as unknown as { switchTheme(t: string): void }).switchTheme(name),
        theme,
      );
      await tab.waitForFunction(
        (want) =>
          getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor === want,
        rgb(expected),
      );
    }
    // The same document all along: no reload.
    await expect(tab.evaluate(() => performance.timeOrigin)).resolves.toBe(timeOrigin);
  });
});
