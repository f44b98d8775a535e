#!/usr/bin/env node
// `npm run build:server`: compiles the server and the CLI to JavaScript bundles (esbuild; npm packages stay
// external and load from node_modules): dist/server/main.js (what `npm start` runs) and dist/cli/main.js (what
// bin/zhenggai.js runs when it exists). `--outdir DIR` builds elsewhere (tests).
import { build } from 'esbuild';

const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? process.argv[at + 1] : 'dist';
await build({
  entryPoints: { 'server/main': 'src/server/main.ts', 'cli/main': 'src/cli/main.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  tsconfig: 'tsconfig.json',
  sourcemap: true,
  // The bundle is ESM; a few CommonJS dependencies are required through createRequire at run time.
  banner: {
    js: "import { createRequire as __zgRequire } from 'node:module'; const require = __zgRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log(`已编译服务端与命令行：${outdir}/server/main.js、${outdir}/cli/main.js`);
