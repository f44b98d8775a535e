/**
 * docs/deployment.md's steps, tried where a test can: the systemd units pass `systemd-analyze verify`; the nightly
 * backup script writes a checked archive and removes old ones; nginx with deploy/nginx.conf (TLS with a self-signed
 * certificate) in front of the production server answers over HTTPS with a Secure session cookie and HSTS and
 * redirects HTTP; the compose file and Dockerfile are validated (no Docker engine runs here: structure, references
 * and paths are checked against the project).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { zhenggai } from '../cli/run-cli.ts';
import { projectFile } from './project-files.ts';
import { buildServer, freePort, startServer } from './test-support/server-process.ts';

const isCi = process.env.CI === 'true' || process.env.CI === '1';
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const read = (path: string) => readFileSync(projectFile(path), 'utf8');

let outdir = '';
beforeAll(() => {
  outdir = buildServer();
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** An HTTPS request that accepts the test's self-signed certificate. */
function httpsCall(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, rejectUnauthorized: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('deployment files', () => {
  it.skipIf(!isCi && !has('systemd-analyze'))('the systemd units verify', () => {
    const units = ['zhenggai.service', 'zhenggai-backup.service', 'zhenggai-backup.timer'].map((u) =>
      projectFile(`deploy/${u}`),
    );
    const result = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    // The unit runs what `npm run build` makes, as `npm start` does.
    expect(read('deploy/zhenggai.service')).toContain('ExecStart=/usr/bin/node dist/server/main.js');
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start).toBe(
      'node dist/server/main.js',
    );
  });

  it('the nightly backup script writes a checked archive and removes archives past the keeping time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhenggai-rotate-'));
    try {
      const db = join(dir, 'z.db');
      const seeded = await zhenggai(['import', projectFile('demo/seed-announcement.txt'), '--db', db]);
      expect(seeded.code, seeded.stderr).toBe(0);
      const backups = join(dir, 'backups');
      mkdirSync(backups);
      const old = join(backups, 'zhenggai-2020-01-01-020000.tar');
      writeFileSync(old, 'old');
      utimesSync(old, new Date('2020-01-01'), new Date('2020-01-01'));
      const env = {
        ...process.env,
        DATABASE_URL: db,
        ZHENGGAI_FILES_DIR: join(dir, 'files'),
        ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
        ZHENGGAI_BACKUP_DIR: backups,
        ZHENGGAI_BACKUP_KEEP_DAYS: '30',
        ZHENGGAI_FROM_SOURCE: '1',
      };
      const run = spawnSync('sh', [projectFile('deploy/backup-rotate.sh')], { env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('备份完成');
      const archives = readdirSync(backups);
      expect(archives).toHaveLength(1);
      expect(archives[0]).toMatch(/^zhenggai-\d{4}-\d{2}-\d{2}-\d{6}\.tar$/);
      const listing = execFileSync('tar', ['-tf', join(backups, archives[0] as string)], {
        encoding: 'utf8',
      });
      expect(listing).toContain('manifest.json');
      expect(listing).toContain('database.sqlite');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('compose.yaml and the Dockerfile hold together', () => {
    const compose = parse(read('compose.yaml')) as {
      services: Record<string, Record<string, unknown>>;
      volumes: Record<string, unknown>;
      secrets: Record<string, { file: string }>;
    };
    const { app, db } = compose.services as { app: Record<string, unknown>; db: Record<string, unknown> };
    expect(app?.build).toBe('.');
    expect(app?.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(db?.healthcheck).toBeDefined();
    const env = app?.environment as Record<string, string>;
    // The app reaches the database by its service name, as PostgreSQL (postgres://…).
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/zhenggai:\$\{POSTGRES_PASSWORD\}@db:5432\/zhenggai$/);
    expect(env.ZHENGGAI_AUDIT_KEY_FILE).toBe('/run/secrets/audit_key');
    expect(app?.secrets).toEqual(['audit_key']);
    expect(compose.secrets.audit_key?.file).toBe('./secrets/audit_key');
    // Published on the loopback only: the reverse proxy is the way in.
    expect(app?.ports).toEqual(['127.0.0.1:3000:3000']);
    // Named volumes declared; the app's volume is where the image keeps evidence and checkpoints.
    for (const s of Object.values(compose.services))
      for (const v of (s.volumes as string[] | undefined) ?? [])
        expect(Object.keys(compose.volumes)).toContain(v.split(':')[0]);
    const dockerfile = read('Dockerfile');
    expect((app?.volumes as string[]).some((v) => v.endsWith(':/data'))).toBe(true);
    expect(dockerfile).toContain('ZHENGGAI_FILES_DIR=/data/files');
    expect(dockerfile).toContain('ZHENGGAI_AUDIT_CHECKPOINTS=/data/audit-checkpoints.log');
    expect(dockerfile).toMatch(/^FROM node:20-/m);
    expect(dockerfile).toContain('CMD ["node", "dist/server/main.js"]');
    expect(dockerfile).toContain('RUN npm run build');
    // Every directory copied from the build stage exists in the project (dist is made by the build).
    for (const [, path] of dockerfile.matchAll(/^COPY --from=build \/app\/(\S+)/gm))
      if (path !== 'dist' && path !== 'node_modules')
        expect(existsSync(projectFile(path as string))).toBe(true);
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['node_modules', 'dist', 'data', '.git', 'secrets']) expect(ignored).toContain(p);
    // Every variable the compose file reads is explained in the deployment guide.
    const guide = read('docs/deployment.md');
    for (const [, name] of read('compose.yaml').matchAll(/\$\{([A-Z_]+)/g))
      expect(guide).toContain(name as string);
  });

  it.skipIf(!isCi && !has('nginx'))(
    'nginx with deploy/nginx.conf serves the app over HTTPS: Secure cookie, HSTS, HTTP redirected',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'zhenggai-nginx-'));
      const [httpPort, httpsPort] = [await freePort(), await freePort()];
      const app = await startServer(join(outdir, 'server', 'main.js'), {
        DATABASE_URL: join(dir, 'z.db'),
        ZHENGGAI_FILES_DIR: join(dir, 'files'),
        ZHENGGAI_AUDIT_CHECKPOINTS: join(dir, 'checkpoints.log'),
        ZHENGGAI_DEMO: 'true',
        ZHENGGAI_TRUSTED_PROXIES: '127.0.0.1',
      });
      let nginx: ReturnType<typeof spawn> | null = null;
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=localhost',
            '-keyout',
            join(dir, 'tls.key'),
            '-out',
            join(dir, 'tls.crt'),
          ],
          { stdio: 'pipe' },
        );
        // The guide's file as an operator adapts it: addresses, certificate paths, the app's port.
        const site = read('deploy/nginx.conf')
          .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
          .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
          .replace('/etc/nginx/tls/zhenggai.crt', join(dir, 'tls.crt'))
          .replace('/etc/nginx/tls/zhenggai.key', join(dir, 'tls.key'))
          .replace('http://127.0.0.1:3000', app.baseUrl)
          .replace('https://$host$request_uri', `https://$host:${httpsPort}$request_uri`);
        writeFileSync(join(dir, 'site.conf'), site);
        writeFileSync(
          join(dir, 'nginx.conf'),
          [
            `pid ${join(dir, 'nginx.pid')};`,
            `error_log ${join(dir, 'error.log')};`,
            'events {}',
            'http {',
            '  access_log off;',
            ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
              (t) => `  ${t}_temp_path ${join(dir, t)};`,
            ),
            `  include ${join(dir, 'site.conf')};`,
            '}',
          ].join('\n'),
        );
        const check = spawnSync('nginx', ['-t', '-c', join(dir, 'nginx.conf'), '-p', dir], {
          encoding: 'utf8',
        });
        expect(check.status, check.stderr).toBe(0);
        nginx = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], {
          stdio: 'ignore',
        });
        const base = `https://localhost:${httpsPort}`;
        for (let i = 0; i < 100; i += 1) {
          if (
            await httpsCall(`${base}/healthz`).then(
              (r) => r.status === 200,
              () => false,
            )
          )
            break;
          await new Promise((r) => setTimeout(r, 50));
        }
        const login = await httpsCall(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'zhenggai' },
          body: JSON.stringify({ username: 'lianluoyuan', password: 'Zhenggai@2026' }),
        });
        expect(login.status).toBe(200);
        const cookie = String(login.headers['set-cookie']);
        expect(cookie).toContain('zhenggai_session=');
        expect(cookie).toMatch(/;\s*Secure/i);
        expect(cookie).toMatch(/HttpOnly/i);
        expect(String(login.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
        // Plain HTTP is sent to HTTPS.
        const plain = await fetch(`http://127.0.0.1:${httpPort}/`, { redirect: 'manual' });
        expect(plain.status).toBe(301);
        expect(plain.headers.get('location')).toMatch(/^https:\/\//);
        // Without the proxy (plain HTTP to the app) the cookie is not marked Secure: it follows the real scheme.
        const direct = await fetch(`${app.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'zhenggai' },
          body: JSON.stringify({ username: 'lianluoyuan', password: 'Zhenggai@2026' }),
        });
        expect(direct.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
      } finally {
        if (nginx && nginx.exitCode === null) {
          const gone = new Promise((r) => nginx?.once('exit', r));
          nginx.kill('SIGTERM');
          await gone;
        }
        app.child.kill('SIGTERM');
        await app.exited;
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
