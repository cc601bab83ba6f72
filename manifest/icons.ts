import fs from 'node:fs';
import path from 'node:path';
import { encodePng, type Image } from './png';
import { findRootDir } from './root';

/**
 * Draws the app icons in code so they can be regenerated and reviewed as text:
 * an alarm beacon (dome, base and five rays), white on the accent colour for color.png and
 * white on transparent for outline.png.
 *
 *   npx tsc -p tsconfig.build.json && node dist/manifest/icons.js
 *
 * rewrites manifest/color.png and manifest/outline.png; the package step uses the committed files.
 */

/** The accent colour of the manifest and the background of color.png. */
export const ACCENT = { hex: '#C4314B', rgb: [0xc4, 0x31, 0x4b] } as const;

type Shape = (x: number, y: number) => boolean;

const CENTRE = { x: 0.5, y: 0.56 };
const DOME_RADIUS = 0.22;
const STROKE = 0.065;

// Bound once: a global lookup per sample is slow inside jest's vm sandbox.
const { max, min } = Math;

/** Is (x, y) within `r` of (cx, cy)? Squared distances: this runs ~600k times per icon. */
const near = (x: number, y: number, cx: number, cy: number, r: number) =>
  (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;

/** Is (x, y) within `r` of the segment (ax, ay)–(bx, by)? */
function nearSegment(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: number,
) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return near(x, y, ax + t * dx, ay + t * dy, r);
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    const cx = max(x0 + r, min(x1 - r, x));
    const cy = max(y0 + r, min(y1 - r, y));
    return near(x, y, cx, cy, r);
  };
}

const ray = (degrees: number): Shape => {
  const a = (degrees * Math.PI) / 180;
  const [dx, dy] = [Math.cos(a), -Math.sin(a)]; // screen y grows downwards
  const [ax, ay] = [CENTRE.x + 0.3 * dx, CENTRE.y + 0.3 * dy];
  const [bx, by] = [CENTRE.x + 0.42 * dx, CENTRE.y + 0.42 * dy];
  return (x, y) => nearSegment(x, y, ax, ay, bx, by, STROKE / 2);
};

const dome: Shape = (x, y) => y <= CENTRE.y && near(x, y, CENTRE.x, CENTRE.y, DOME_RADIUS);
const body = roundedRect(CENTRE.x - DOME_RADIUS, CENTRE.y - 0.01, CENTRE.x + DOME_RADIUS, 0.7, 0);
const base = roundedRect(0.18, 0.74, 0.82, 0.84, 0.03);
const shine: Shape = (x, y) => nearSegment(x, y, 0.42, 0.45, 0.42, 0.6, 0.03);
const rays = [0, 45, 90, 135, 180].map(ray);

/** The beacon in a unit square: true where the mark is drawn. */
export const beacon: Shape = (x, y) =>
  ((dome(x, y) || body(x, y)) && !shine(x, y)) || base(x, y) || rays.some((r) => r(x, y));

/** Fraction of `n`×`n` sub-samples of pixel (px, py) inside the mark: cheap anti-aliasing. */
function coverage(px: number, py: number, size: number, scale: number, n: number): number {
  const offset = (1 - scale) / 2;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = ((px + (i + 0.5) / n) / size - offset) / scale;
      const y = ((py + (j + 0.5) / n) / size - offset) / scale;
      if (beacon(x, y)) hits++;
    }
  }
  return hits / (n * n);
}

function render(size: number, scale: number, n: number, paint: (c: number) => number[]): Image {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++)
      rgba.set(paint(coverage(x, y, size, scale, n)), (y * size + x) * 4);
  }
  return { width: size, height: size, rgba };
}

/** 192×192, white beacon on the accent colour (full bleed: Teams rounds the corners itself). */
export function colorIcon(): Image {
  return render(192, 0.62, 4, (c) => [
    ...ACCENT.rgb.map((v) => Math.round(v + (255 - v) * c)),
    255,
  ]);
}

/** 32×32, white only: the mark lives in the alpha channel, as Teams requires. */
export function outlineIcon(): Image {
  return render(32, 1, 8, (c) => [255, 255, 255, Math.round(255 * c)]);
}

/** Writes color.png and outline.png into `dir`; returns the paths written. */
export function writeIcons(dir: string): string[] {
  const files: [string, Image][] = [
    ['color.png', colorIcon()],
    ['outline.png', outlineIcon()],
  ];
  return files.map(([name, image]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, encodePng(image));
    return file;
  });
}

if (require.main === module) {
  const dir = path.join(findRootDir(), 'manifest');
  for (const file of writeIcons(dir)) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
