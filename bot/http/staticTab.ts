import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Teams shows the tab in an iframe: allow Teams and the Microsoft 365 hosts to frame it, nobody else. */
const FRAME_ANCESTORS =
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.cloud.microsoft";

/**
 * The tab's Content-Security-Policy: scripts only from this server (no inline script, no
 * eval), API calls and the event stream to this server only, plus the list of hosts Teams
 * may frame the tab in that teams-js fetches from Microsoft's CDN. Styles allow inline:
 * Fluent UI (Griffel) inserts its style rules at run time.
 */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  FRAME_ANCESTORS,
].join('; ');

/**
 * Serves the built tab (Vite output) under /tab/. Unknown paths get index.html so the
 * single-page app can route; paths never leave the tab directory.
 */
export function mountStaticTab(server: Server, tabDir: string, logger: Logger): void {
  const root = path.resolve(tabDir);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    logger.warn('the tab is not built: /tab/ will answer 503 until `npm run build:tab` runs', {
      tabDir: root,
    });
  }
  const serve = async (req: Request, res: Response) => {
    let rel: string;
    try {
      rel = decodeURIComponent((req.path() ?? '/').replace(/^\/tab\/?/, ''));
    } catch {
      res.send(400, { error: { code: 'bad_path', message: 'The path is not valid.' } });
      return;
    }
    let file = path.resolve(root, rel || 'index.html');
    if (!file.startsWith(root + path.sep)) {
      res.send(404, { error: { code: 'not_found', message: 'Not found.' } });
      return;
    }
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat?.isFile()) file = path.join(root, 'index.html');
    const body = await fs.promises.readFile(file).catch(() => undefined);
    if (!body) {
      res.send(503, {
        error: {
          code: 'tab_not_built',
          message: 'The tab is not built yet: run npm run build:tab.',
        },
      });
      return;
    }
    const hashed = file.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': TAB_CSP,
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };
  server.get('/tab', (_req: Request, res: Response, next) => {
    res.redirect(301, '/tab/', next);
  });
  server.get('/tab/*', serve);
  server.get('/', (_req: Request, res: Response, next) => {
    res.redirect(302, '/tab/', next);
  });
}
