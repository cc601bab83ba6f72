/**
 * (6) The tab: the JavaScript a first visit loads (the entry script and its preloaded
 * chunks, as index.html names them), raw and gzipped, from the vite build in dist/tab
 * (built here when missing). First render in Chromium is not measured yet.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, type Row } from '../lib/report';

const REPO = path.resolve(__dirname, '../../../..');
const TAB = path.join(REPO, 'dist', 'tab');

/** The scripts index.html loads at once: `<script src>` and `<link rel="modulepreload">`. */
function initialScripts(html: string): string[] {
  const found = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  return [...new Set(found)].filter((src) => src.endsWith('.js'));
}

export function tabSection(): Promise<Row[]> {
  if (!fs.existsSync(path.join(TAB, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'tab/vite.config.mts'], {
      cwd: REPO,
      stdio: 'ignore',
    });
  }
  const html = fs.readFileSync(path.join(TAB, 'index.html'), 'utf8');
  let raw = 0;
  let gzip = 0;
  const scripts = initialScripts(html);
  for (const src of scripts) {
    const file = fs.readFileSync(path.join(TAB, src.replace(/^\/tab\//, '')));
    raw += file.length;
    gzip += gzipSync(file).length;
  }
  return Promise.resolve([
    {
      section: 'tab',
      case: 'initial JavaScript (dist/tab)',
      engine: '-',
      figures: {
        scripts: scripts.length,
        'raw KB': round(raw / 1024, 0),
        'gzip KB': round(gzip / 1024, 0),
      },
    },
  ]);
}
