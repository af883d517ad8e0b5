import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetUrls } from './page-context.ts';

export const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

function versioned(file: string): string {
  const hash = createHash('sha256')
    .update(fs.readFileSync(path.join(ASSETS_DIR, file)))
    .digest('hex')
    .slice(0, 10);
  return `/assets/${file}?v=${hash}`;
}

/** Asset URLs carry a content hash, so browsers may cache them for a year. */
export function assetUrls(): AssetUrls {
  return { css: versioned('site.css'), js: versioned('site.js'), icon: versioned('icon.svg') };
}
