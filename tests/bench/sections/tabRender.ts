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
    const browser = await launchBrowser();
    try {
      await benchWarRoom(t, LARGE_ROOM, 'Large war room');
      await seedLargeWarRoom(t);
      const { page } = browser;
      const samples: number[] = [];
      // Per API call of the warm runs: when it was asked (from navigation) and how long it took.
      const calls = new Map<string, { asked: number[]; took: number[] }>();
      for (let run = 0; run <= RUNS; run++) {
        await page.goto('about:blank');
        const start = performance.now();
        await page.goto(`${t.baseUrl}/tab/?warRoom=${LARGE_ROOM}`);
        await page.getByTestId('tiles').waitFor();
        await page.locator('[data-testid="items-total"][data-total="100000"]').waitFor();
        await page.getByTestId('item-row').first().waitFor();
        // The first visit compiles the scripts cold: reported apart from the others.
        if (run === 0) {
          rows.push({
            section: 'tab',
            case: 'first render, cold browser cache (100,000 items)',
            engine,
            figures: { ms: round(performance.now() - start, 0) },
          });
        } else {
          samples.push(performance.now() - start);
          for (const call of await apiTimings(page)) {
            const c = calls.get(call.path) ?? { asked: [], took: [] };
            c.asked.push(call.asked);
            c.took.push(call.took);
            calls.set(call.path, c);
          }
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
      if (browser.blocked.some((url) => !url.includes('res.cdn.office.net'))) {
        throw new Error(`requests left the machine: ${browser.blocked.join(', ')}`);
      }
    } finally {
      await browser.close();
      await t.stop();
    }
  }
  return rows;
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
