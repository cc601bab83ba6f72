import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';

/** The pages the app package links to (`developer.privacyUrl`, `developer.termsOfUseUrl`). */
const PAGES = [
  { route: '/privacy', file: 'PRIVACY.md', title: 'War Room: privacy' },
  { route: '/terms', file: 'TERMS.md', title: 'War Room: terms of use' },
] as const;

/** Raw HTML in the Markdown is shown as text: these files are ours, but nothing is trusted. */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** The nearest directory at or above `from` that holds `file` (the repository, or /app in the image). */
function findUp(from: string, file: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, file))) return path.join(dir, file);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: .25rem .5rem; }
  code { background: #f0f0f0; padding: 0 .2rem; }
</style>
</head>
<body>
${body}</body>
</html>
`;
}

/**
 * GET /privacy and /terms: PRIVACY.md and TERMS.md rendered once at start-up, so the links
 * in the Teams app package lead somewhere (Teams shows them on the app's details page).
 */
export function mountLegalPages(server: Server, logger: Logger, from: string = __dirname): void {
  for (const { route, file, title } of PAGES) {
    const source = findUp(from, file);
    const html = source ? page(title, markdown.render(fs.readFileSync(source, 'utf8'))) : undefined;
    if (!html) logger.warn(`${file} not found: ${route} will answer 404`, { from });
    server.get(route, async (_req: Request, res: Response) => {
      if (!html) {
        res.send(404, { error: { code: 'not_found', message: 'Not found.' } });
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=3600',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'x-content-type-options': 'nosniff',
      });
      res.end(html);
    });
  }
}
