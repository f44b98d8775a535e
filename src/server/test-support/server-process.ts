/**
 * The server as an operator runs it — a separate process on a port — for the tests of production behaviour
 * (compiled build, several processes, crash safety) and the browser tests.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { request as httpRequest, createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../project-files.ts';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Compiles server and CLI (`npm run build:server`) into a fresh folder inside the project; returns the folder. */
export function buildServer(): string {
  const outdir = join(projectRoot(), 'test-results', `build-${randomBytes(4).toString('hex')}`);
  mkdirSync(outdir, { recursive: true });
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--outdir', outdir], {
    cwd: projectRoot(),
    stdio: 'pipe',
  });
  return outdir;
}

/** Waits until `path` answers 200, or the process exits, or the limit passes. */
export async function waitForHealth(
  url: string,
  server: ChildProcess,
  log: () => string,
  path = '/api/health',
  limitMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(`server exited early:\n${log()}`);
    try {
      const res = await fetch(`${url}${path}`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not start:\n${log()}`);
}

export type TServerProcess = {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
};

/**
 * Starts `node <entry>` (a compiled main.js, or `src/server/main.ts` through tsx) with the environment, on a free port
 * unless PORT is given, and waits until /readyz answers 200.
 */
export async function startServer(entry: string, env: Record<string, string>): Promise<TServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  let text = '';
  const child = spawn(process.execPath, args, {
    cwd: projectRoot(),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      ZHENGGAI_LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => text, '/readyz');
  return { baseUrl, port, child, output: () => text, exited };
}

/** The demo password (`npm start` prints it with the accounts). */
export const DEMO_PASSWORD = 'Zhenggai@2026';

/** Logs in over HTTP as the user; returns the session cookie. */
export async function loginOver(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'zhenggai' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = /zhenggai_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '');
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie[0];
}

/** One API call over HTTP with the session cookie; status and parsed JSON (or null). */
export async function callOver(
  baseUrl: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie,
      'x-requested-with': 'zhenggai',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/**
 * A small reverse proxy on one port sending requests to the servers in turn (round robin), as a load balancer in
 * front of several app processes would; `served` counts the requests each server got.
 */
export async function roundRobinProxy(
  ports: number[],
): Promise<{ baseUrl: string; served: number[]; close: () => Promise<void> }> {
  const served = ports.map(() => 0);
  let next = 0;
  const proxy = createHttpServer((req, res) => {
    const i = next % ports.length;
    next += 1;
    served[i] = (served[i] ?? 0) + 1;
    const upstream = httpRequest(
      { host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
