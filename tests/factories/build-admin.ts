import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Vitest's global setup: the back office is built once if it is not, so that tests of
 * /admin pages (headers, previews, hostile addresses) meet the real thing, not the notice
 * a server without a build shows.
 */
export default function buildAdmin(): void {
  if (fs.existsSync('admin/dist/index.html')) return;
  execFileSync('npm', ['run', 'build:admin'], { stdio: 'inherit' });
}
