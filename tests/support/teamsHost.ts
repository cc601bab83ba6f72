import type { Frame, Page } from 'playwright-core';

/** Where the stand-in Teams client is served; the browser answers it, the server never sees it. */
export const TEAMS_HOST_PATH = '/__test-teams-host__';

/**
 * A stand-in for the Teams web client that fills the window: it frames the tab and answers
 * the teams-js calls the tab makes (initialize, getContext, getAuthToken) as Teams does,
 * on the server's own origin (which teams-js trusts as a parent). The token is empty: the
 * server runs in local development mode and the tab calls the API as its identity.
 * Unlike channelTab.test.ts's host, the frame takes the window's width, so the viewport
 * decides the tab's width (desktop or the Teams mobile width).
 */
const HOST_HTML = `<!doctype html>
<html>
  <body style="margin: 0">
    <iframe id="tab" title="War Room" style="display: block; width: 100vw; height: 100vh; border: 0"></iframe>
    <script>
      const params = new URLSearchParams(location.search);
      const context = JSON.parse(params.get('context'));
      const runtime = { apiVersion: 4, supports: { pages: { config: {} }, teamsCore: {} } };
      const frame = document.getElementById('tab');
      window.addEventListener('message', (event) => {
        const request = event.data;
        if (event.source !== frame.contentWindow || !request || typeof request.func !== 'string') {
          return;
        }
        const reply = (...args) =>
          frame.contentWindow.postMessage(
            { id: request.id, uuidAsString: request.uuidAsString, args },
            location.origin,
          );
        if (request.func === 'initialize') reply('content', 'web', JSON.stringify(runtime), '2.58.0');
        if (request.func === 'getContext') reply({ ...context, frameContext: 'content' });
        if (request.func === 'authentication.getAuthToken') reply(true, '');
      });
      frame.src = '/tab/';
    </script>
  </body>
</html>`;

export type HostTheme = 'default' | 'dark' | 'contrast';

/** Serves the stand-in host on `baseUrl` for this page (call once per page). */
export async function serveTeamsHost(page: Page, baseUrl: string): Promise<void> {
  await page.route(`${baseUrl}${TEAMS_HOST_PATH}?*`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HOST_HTML }),
  );
}

/** Opens the tab as a personal tab in Teams with `theme`; returns the tab's frame. */
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
  await page.goto(
    `${baseUrl}${TEAMS_HOST_PATH}?${new URLSearchParams({ context: JSON.stringify(context) }).toString()}`,
  );
  const handle = await page.waitForSelector('#tab');
  for (let i = 0; i < 100; i++) {
    const frame = await handle.contentFrame();
    if (frame && frame.url().includes('/tab/')) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the tab did not load in the stand-in Teams host');
}
