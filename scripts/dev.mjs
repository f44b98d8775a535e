#!/usr/bin/env node
// `npm run dev`: the API server with reload on change (tsx watch) and the Vite dev server with hot reload,
// which proxies /api to the API server. Open the Vite URL it prints.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'src/server/main.ts'], {
    stdio: 'inherit',
    env: { NODE_ENV: 'development', ...process.env, PORT: port, ZHENGGAI_WEB_DIST: '/nonexistent' },
  }),
  spawn('npx', ['vite', '--config', 'vite.config.ts', '--host', '127.0.0.1'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port },
  }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code !== 0 && code !== null && stop());
