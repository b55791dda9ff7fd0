/**
 * The app's two icons, drawn here so that they can be regenerated rather than kept only as binaries
 * (`npm run icons:teams` rewrites manifest/color.png and manifest/outline.png). The motif is a hub: a centre
 * joined to three partners. Teams asks for a full-colour 192×192 icon and a 32×32 outline that is white on a
 * transparent background; shapes are anti-aliased by sampling each pixel 4×4 times.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from './png';

/** The background of the colour icon, and the manifest's accentColor. */
export const ACCENT = '#1F5C7A';

interface Motif {
  hub: number;
  node: number;
  spoke: number;
  reach: number;
}

const ANGLES = [-90, 30, 150].map((d) => (d * Math.PI) / 180);

/** Whether the point (x, y) of the unit square lies on the motif. */
function inMotif(x: number, y: number, m: Motif): boolean {
  const dx = x - 0.5;
  const dy = y - 0.5;
  if (dx * dx + dy * dy <= m.hub * m.hub) return true;
  for (const a of ANGLES) {
    const [ux, uy] = [Math.cos(a), Math.sin(a)];
    const [nx, ny] = [ux * m.reach, uy * m.reach];
    if ((dx - nx) ** 2 + (dy - ny) ** 2 <= m.node * m.node) return true;
    const along = dx * ux + dy * uy;
    if (along >= 0 && along <= m.reach && Math.abs(dx * uy - dy * ux) <= m.spoke / 2) return true;
  }
  return false;
}

function draw(size: number, motif: Motif, background: [number, number, number, number]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++)
          if (inMotif((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, motif)) hits++;
      const cover = hits / (samples * samples);
      const [r, g, b, a] = background;
      const o = (py * size + px) * 4;
      if (a === 0) pixels.set([255, 255, 255, Math.round(cover * 255)], o);
      else
        pixels.set(
          [r + (255 - r) * cover, g + (255 - g) * cover, b + (255 - b) * cover, 255].map(Math.round),
          o,
        );
    }
  return { width: size, height: size, pixels };
}

const hex = (c: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];

/** 192×192, white motif on the accent colour, kept inside Teams' central safe area. */
export const colourIcon = (): RgbaImage =>
  draw(192, { hub: 0.1, node: 0.07, spoke: 0.035, reach: 0.24 }, [...hex(ACCENT), 255]);

/** 32×32, white motif on transparency, strokes thick enough to survive the small size. */
export const outlineIcon = (): RgbaImage =>
  draw(32, { hub: 0.15, node: 0.11, spoke: 0.08, reach: 0.3 }, [0, 0, 0, 0]);

export function writeIcons(dir: string): string[] {
  const files = { 'color.png': colourIcon(), 'outline.png': outlineIcon() };
  return Object.entries(files).map(([name, image]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, encodePng(image));
    return file;
  });
}
