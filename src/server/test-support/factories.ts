/** Factories for API tests: a unit tree with people, accounts of every role, and an imported ledger. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import type { TRole } from '@shared/domain.ts';
import { buildApp } from '../app.ts';
import { loadConfig, type TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../policies/actor.ts';
import { ensureDepartment, insertPerson, insertUnit } from '../repositories/unit.repository.ts';
import { storeImportedDocument } from '../use-cases/imports/store-imported-document.ts';
import { createUser } from '../use-cases/users/create-user.ts';

/** A password every test account has. */
export const TEST_PASSWORD = 'Test-password-2026';

/** A small announcement: 2 categories, 3 problems, 5 measures. */
export const SMALL_ANNOUNCEMENT = [
  '中共某某市测试局党组关于巡察整改进展情况的通报',
  '2022年3月1日至4月15日,市委第二巡察组对某某市测试局党组进行了巡察。2022年5月20日,市委第二巡察组向测试局党组反馈了巡察意见。',
  '一、反馈问题整改落实情况',
  '(一)贯彻落实上级决策部署有差距',
  '1.关于“学习不深入”问题的整改情况。一是建立学习制度。二是开展集中研讨。',
  '2.关于“改革推进慢”问题的整改情况。一是梳理改革任务。',
  '(二)工作作风不严实',
  '3.关于“公务用车不规范”问题的整改情况。一是修订用车规定。二是严控费用。',
].join('\n');

/** Configuration for tests: no demo, no web, default warning days. */
export function testConfig(overrides: Partial<TConfig> = {}): TConfig {
  return {
    ...loadConfig({
      DATABASE_URL: ':memory:',
      ZHENGGAI_DEMO: 'false',
      ZHENGGAI_WEB_DIST: '/nonexistent',
      ZHENGGAI_LOGIN_RATE_PER_MINUTE: '100000',
      ZHENGGAI_LOGIN_RATE_PER_USER_PER_MINUTE: '100000',
      ZHENGGAI_FILES_DIR: mkdtempSync(join(tmpdir(), 'zhenggai-files-')),
    }),
    ...overrides,
  };
}

/** Everything a route test needs. */
export type TFixture = {
  app: FastifyInstance;
  db: Kysely<Database>;
  unitId: number;
  otherUnitId: number;
  inspectionId: number;
  otherInspectionId: number;
  measureIds: number[];
  problemIds: number[];
  otherMeasureIds: number[];
  departmentId: number;
  leaderId: number;
  personId: number;
  /** Logs in a user of this role in the main unit (or `other` unit) and returns the cookie header. */
  login: (role: TRole, where?: 'own' | 'other') => Promise<string>;
  config: TConfig;
};

/** Builds the app on `db` with two sibling units, each with an imported ledger and one account per role. */
export async function buildFixture(db: Kysely<Database>, config: TConfig = testConfig()): Promise<TFixture> {
  const actor = systemActor('test');
  const at = new Date().toISOString();
  const rootId = await insertUnit(db, {
    parentId: null,
    name: '某某市',
    partyOrgName: '中共某某市委',
    phone: null,
    address: null,
    email: null,
    at,
  });
  const parsed = parseAnnouncementText(SMALL_ANNOUNCEMENT);
  if (!parsed.ok) throw new Error(parsed.error);
  const own = await storeImportedDocument({ db, actor, document: parsed.document, parentUnitId: rootId });
  const other = await storeImportedDocument({
    db,
    actor,
    document: { ...parsed.document, unit: '中共某某市另一局党组' },
    parentUnitId: rootId,
  });
  const departmentId = await ensureDepartment(db, own.unitId, '办公室', false);
  const leaderId = await insertPerson(db, {
    unitId: own.unitId,
    departmentId: null,
    name: '领导甲',
    position: '党组成员',
    isDemo: false,
  });
  const personId = await insertPerson(db, {
    unitId: own.unitId,
    departmentId,
    name: '责任人乙',
    position: '主任',
    isDemo: false,
  });
  const otherPerson = await insertPerson(db, {
    unitId: other.unitId,
    departmentId: null,
    name: '他人丙',
    position: null,
    isDemo: false,
  });
  const roles: TRole[] = [
    'admin',
    'inspection_office',
    'coordinator',
    'principal',
    'leader',
    'responsible',
    'supervisor',
  ];
  for (const role of roles) {
    for (const where of ['own', 'other'] as const) {
      const unitId =
        role === 'admin'
          ? null
          : role === 'inspection_office'
            ? where === 'own'
              ? rootId
              : other.unitId
            : where === 'own'
              ? own.unitId
              : other.unitId;
      const personForRole =
        where === 'own'
          ? role === 'leader'
            ? leaderId
            : role === 'responsible'
              ? personId
              : null
          : role === 'leader' || role === 'responsible'
            ? otherPerson
            : null;
      await createUser({
        db,
        actor,
        username: `${role}-${where}`,
        displayName: `${role}-${where}`,
        password: TEST_PASSWORD,
        role,
        unitId,
        personId: personForRole,
      });
    }
  }
  const app = await buildApp({ db, config });
  const login = async (role: TRole, where: 'own' | 'other' = 'own'): Promise<string> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'zhenggai' },
      payload: { username: `${role}-${where}`, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'zhenggai_session');
    if (!cookie) throw new Error('no session cookie');
    return `zhenggai_session=${cookie.value}`;
  };
  return {
    app,
    config,
    db,
    unitId: own.unitId,
    otherUnitId: other.unitId,
    inspectionId: own.inspectionId,
    otherInspectionId: other.inspectionId,
    measureIds: own.measureIds,
    problemIds: own.problemIds,
    otherMeasureIds: other.measureIds,
    departmentId,
    leaderId,
    personId,
    login,
  };
}

/** Headers of an authenticated, CSRF-marked request. */
export function authed(cookie: string): Record<string, string> {
  return { cookie, 'x-requested-with': 'zhenggai' };
}

/** Exports by POST /api/exports and fetches the file from its link: the way the browser downloads. */
export async function exportFile(app: FastifyInstance, cookie: string, body: Record<string, unknown>) {
  const made = await app.inject({
    method: 'POST',
    url: '/api/exports',
    headers: authed(cookie),
    payload: body,
  });
  if (made.statusCode !== 201) return made;
  const { url } = made.json<{ url: string }>();
  return app.inject({ method: 'GET', url, headers: { cookie } });
}
