#!/usr/bin/env node
// The `zhenggai` command: loads the TypeScript sources through tsx (no separate build step for the CLI).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
register({ tsconfig: `${root}tsconfig.json` });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
