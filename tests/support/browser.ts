import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';

/** Chromium flags that work headless as root on CI machines without a GPU or internet. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Belt and braces with the route below: names other than loopback do not resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for URLs that stay on this machine (loopback hosts, and data:/blob: URLs). */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false; // Not a URL we can vouch for: treat as leaving the machine.
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  return LOOPBACK_HOSTS.has(parsed.hostname);
}

export interface TestBrowser {
  page: Page;
  context: BrowserContext;
  /** URLs of requests that were aborted because they would have left the machine. */
  blocked: string[];
  close(): Promise<void>;
}

function executablePath(): string {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(candidate)) {
    throw new Error(
      `No Chromium at ${candidate}. Install it with \`apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
  return candidate;
}

/**
 * A headless Chromium with a throwaway profile that cannot reach anything but loopback:
 * every other request is aborted (and recorded in `blocked`). teams-js outside Teams asks
 * a CDN for its list of valid domains; with that blocked it falls back cleanly.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const executable = executablePath();
  const dir = await mkdtemp(path.join(tmpdir(), 'war-room-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: executable,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    blocked,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Where axe-core reaches the page: a path on the tab's own origin, answered by the browser
 * from node_modules, so the tab's Content-Security-Policy (`script-src 'self'`, no inline
 * script) lets the checker run without being relaxed for the test.
 */
const AXE_PATH = '/tab/__test-axe-core.js';
const axeServed = new WeakSet<Page>();

/** Loads axe-core into the page or frame (once); `window.axe` is there afterwards. */
export async function injectAxe(target: Page | Frame, baseUrl: string): Promise<void> {
  if (await target.evaluate(() => 'axe' in window)) return;
  const page = 'parentFrame' in target ? target.page() : target;
  if (!axeServed.has(page)) {
    const body = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.route(`${baseUrl}${AXE_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/javascript; charset=utf-8', body }),
    );
    axeServed.add(page);
  }
  await target.addScriptTag({ url: `${baseUrl}${AXE_PATH}` });
}
