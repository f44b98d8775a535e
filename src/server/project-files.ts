/**
 * Files shipped with the project (the demo announcement), found from the project root, so the same code works from
 * the TypeScript sources (src/server/…) and from the compiled bundle (dist/server/main.js).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The folder holding the project's package.json, above this module. */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('找不到项目目录（package.json）');
    dir = up;
  }
  root = dir;
  return dir;
}

/** A path inside the project, e.g. `projectFile('demo/seed-announcement.txt')`. */
export function projectFile(relative: string): string {
  return join(projectRoot(), relative);
}
