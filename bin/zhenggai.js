#!/usr/bin/env node
// The `zhenggai` command. Runs the compiled CLI (dist/cli/main.js, made by `npm run build`) when it is there and no
// source file is newer; otherwise loads the TypeScript sources through tsx, so a checkout without a build, or with
// edits since the last one, runs what is in src/. ZHENGGAI_FROM_SOURCE=1 always runs the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = join(root, 'dist', 'cli', 'main.js');

function newerSource(dir, than) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? newerSource(path, than) : statSync(path).mtimeMs > than) return true;
  }
  return false;
}

function useCompiled() {
  if (process.env.ZHENGGAI_FROM_SOURCE === '1' || !existsSync(compiled)) return false;
  const src = join(root, 'src');
  return !existsSync(src) || !newerSource(src, statSync(compiled).mtimeMs);
}

let main;
if (useCompiled()) {
  ({ main } = await import(pathToFileURL(compiled).href));
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: `${root}tsconfig.json` });
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
