import type { Frame, FrameLocator, Page } from 'playwright-core';

/** Where the stand-in Teams client is served; the browser answers it, the server never sees it. */
const HOST_PATH = '/__test-teams-host__';

/**
 * A stand-in for the Teams web client: it frames the tab and answers the few teams-js calls
 * the tab makes (initialize, getContext, authentication.getAuthToken) the way Teams does.
 * It is served on the server's own origin, which teams-js trusts as a parent, so no
 * Microsoft origin has to be faked. The SSO token it hands out is the one it is opened with
 * (empty by default: in local development mode the tab then calls the API as the
 * development identity). With `fill`, the frame takes the window's size, so the viewport
 * decides the tab's width (desktop or the Teams mobile width).
 */
const HOST_HTML = `<!doctype html>
<html>
  <body style="margin: 0">
    <iframe id="tab" title="War Room" style="width: 1200px; height: 760px; border: 0"></iframe>
    <script>
      const params = new URLSearchParams(location.search);
      const context = JSON.parse(params.get('context'));
      const frameContext = params.get('frameContext');
      const token = params.get('token') ?? '';
      const runtime = { apiVersion: 4, supports: { pages: { config: {} }, teamsCore: {} } };
      const frame = document.getElementById('tab');
      if (params.get('fill') === '1') frame.style.cssText = 'display: block; width: 100vw; height: 100vh; border: 0';
      window.hostCalls = [];
      // What Teams does when the user picks another theme: tells the tab, which follows.
      window.switchTheme = (theme) =>
        frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, location.origin);
      window.addEventListener('message', (event) => {
        const request = event.data;
        if (event.source !== frame.contentWindow || !request || typeof request.func !== 'string') {
          return;
        }
        window.hostCalls.push(request.func);
        const reply = (...args) =>
          frame.contentWindow.postMessage(
            { id: request.id, uuidAsString: request.uuidAsString, args },
            location.origin,
          );
        if (request.func === 'initialize') reply(frameContext, 'web', JSON.stringify(runtime), '2.58.0');
        if (request.func === 'getContext') reply({ ...context, frameContext });
        if (request.func === 'authentication.getAuthToken') reply(true, token);
      });
      frame.src = params.get('src');
    </script>
  </body>
</html>`;

export interface HostOptions {
  /** The legacy (wire) form of the Teams context, as the Teams client sends it. */
  context: Record<string, unknown>;
  frameContext?: 'content' | 'settings';
  src?: string;
  /** What `authentication.getAuthToken` answers (the host page's URL holds it, never the tab's). */
  token?: string;
  /** The frame fills the window instead of a fixed 1200 × 760 box. */
  fill?: boolean;
}

/** Makes the page answer the stand-in host's URL on `baseUrl` (call once per page). */
export async function serveTeamsHost(page: Page, baseUrl: string): Promise<void> {
  await page.route(`${baseUrl}${HOST_PATH}?*`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HOST_HTML }),
  );
}

/** Opens the tab inside the stand-in Teams client; returns the tab's frame. */
export async function openInTeams(
  page: Page,
  baseUrl: string,
  options: HostOptions,
): Promise<FrameLocator> {
  // Leave the previous page first, so its requests cannot land in the next test's records.
  await page.goto('about:blank');
  const query = new URLSearchParams({
    context: JSON.stringify(options.context),
    frameContext: options.frameContext ?? 'content',
    src: options.src ?? '/tab/',
    token: options.token ?? '',
    fill: options.fill ? '1' : '0',
  });
  await page.goto(`${baseUrl}${HOST_PATH}?${query.toString()}`);
  return page.frameLocator('#tab');
}

export type HostTheme = 'default' | 'dark' | 'contrast';

/** Opens the tab as a personal tab filling the window, in `theme`; returns the tab's frame. */
export async function openTabInTeams(
  page: Page,
  baseUrl: string,
  options: { theme: HostTheme; tenantId: string; locale?: string },
): Promise<Frame> {
  const context = {
    locale: options.locale ?? 'en-US',
    theme: options.theme,
    tid: options.tenantId,
    entityId: 'dashboard',
  };
  await openInTeams(page, baseUrl, { context, fill: true });
  const handle = await page.waitForSelector('#tab');
  for (let i = 0; i < 100; i++) {
    const frame = await handle.contentFrame();
    if (frame && frame.url().includes('/tab/')) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the tab did not load in the stand-in Teams host');
}
