/**
 * (6b) The tab's first render of the large war room (100,000 items, 2,000 incidents, 2,000
 * actions, 100,000 audit entries) in headless Chromium: from navigation to the overview's
 * tiles and the first rows of the items table on screen. Nothing leaves the machine (the
 * test browser aborts every non-loopback request).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { startTestApp } from '../../support/app';
import type { Engines } from '../lib/engines';
import { percentiles, round, type Row } from '../lib/report';
import { benchWarRoom } from '../lib/warRoom';
import { LARGE_ROOM, seedLargeWarRoom } from './api';

const RUNS = 5;
const COLD_RUNS = 3;
const TAB = path.resolve(__dirname, '../../../../dist/tab/index.html');

export async function tabRenderSection(engines: Engines): Promise<Row[]> {
  if (!fs.existsSync(TAB)) throw new Error('the tab is not built: run `npm run build:tab` first');
  const rows: Row[] = [];
  for (const engine of engines.list) {
    // tests/support points the server at dist/tab from the sources; compiled, say it here.
    const t = await startTestApp({
      ...(await engines.env(engine, 'tab_render')),
      WARROOM_TAB_DIR: path.dirname(TAB),
    });
    try {
      await benchWarRoom(t, LARGE_ROOM, 'Large war room');
      await seedLargeWarRoom(t);
      // A cold visit compiles the scripts with nothing cached: each in a browser of its own,
      // several of them, since one sample on a shared machine says little.
      const cold: number[] = [];
      for (let run = 0; run < COLD_RUNS; run++) {
        const browser = await launchBrowser();
        try {
          cold.push(await firstRender(browser.page, `${t.baseUrl}/tab/?warRoom=${LARGE_ROOM}`));
          assertLoopbackOnly(browser.blocked);
        } finally {
          await browser.close();
        }
      }
      const c = percentiles(cold);
      rows.push({
        section: 'tab',
        case: `first render, cold browser cache (100,000 items), ${COLD_RUNS} browsers`,
        engine,
        figures: { 'p50 ms': round(c.p50, 0), 'max ms': round(Math.max(...cold), 0) },
      });
      const browser = await launchBrowser();
      try {
        const { page } = browser;
        const samples: number[] = [];
        // Per API call of the warm runs: when it was asked (from navigation) and how long it took.
        const calls = new Map<string, { asked: number[]; took: number[] }>();
        // The first visit of this browser fills its cache: not counted.
        await firstRender(page, `${t.baseUrl}/tab/?warRoom=${LARGE_ROOM}`);
        for (let run = 1; run <= RUNS; run++) {
          samples.push(await firstRender(page, `${t.baseUrl}/tab/?warRoom=${LARGE_ROOM}`));
          for (const call of await apiTimings(page)) {
            const c = calls.get(call.path) ?? { asked: [], took: [] };
            c.asked.push(call.asked);
            c.took.push(call.took);
            calls.set(call.path, c);
          }
        }
        const p = percentiles(samples);
        rows.push({
          section: 'tab',
          case: `first render, warm (100,000 items), ${RUNS} runs`,
          engine,
          figures: { 'p50 ms': round(p.p50, 0), 'max ms': round(Math.max(...samples), 0) },
        });
        for (const [call, c] of calls) {
          rows.push({
            section: 'tab',
            case: `  ${call}: asked at, took (warm p50)`,
            engine,
            figures: {
              'asked ms': round(percentiles(c.asked).p50, 0),
              'took ms': round(percentiles(c.took).p50, 0),
            },
          });
        }
        assertLoopbackOnly(browser.blocked);
      } finally {
        await browser.close();
      }
    } finally {
      await t.stop();
    }
  }
  return rows;
}

/** Milliseconds from navigation to the tiles and the items table's first rows on screen. */
async function firstRender(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  const start = performance.now();
  await page.goto(url);
  await page.getByTestId('tiles').waitFor();
  await page.locator('[data-testid="items-total"][data-total="100000"]').waitFor();
  await page.getByTestId('item-row').first().waitFor();
  return performance.now() - start;
}

/** The Teams SDK's script is the one request allowed to be refused; nothing else leaves. */
function assertLoopbackOnly(blocked: string[]): void {
  if (blocked.some((url) => !url.includes('res.cdn.office.net'))) {
    throw new Error(`requests left the machine: ${blocked.join(', ')}`);
  }
}

/** The API calls the page made so far (Resource Timing), paths with the war room's id cut. */
async function apiTimings(page: Page): Promise<{ path: string; asked: number; took: number }[]> {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
  );
  return entries
    .filter((e) => new URL(e.name).pathname.startsWith('/api/') && e.end > 0)
    .map((e) => ({
      path: new URL(e.name).pathname.replace(/war-rooms\/[^/]+/, 'war-rooms/:id'),
      asked: e.start,
      took: e.end - e.start,
    }));
}
