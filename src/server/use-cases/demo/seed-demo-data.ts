/**
 * Demo data for `npm start`: the seed announcement imported through the importer, plus demo departments,
 * people (marked 演示), deadlines spread around today so the ledger shows all three colours, and one account
 * per role.
 */
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import { ROLE_LABELS, type TRole } from '@shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import { systemActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { setInspectionDeadline } from '../../repositories/inspection.repository.ts';
import { listMeasures, markMeasuresDemo } from '../../repositories/measure.repository.ts';
import { ensureDepartment, insertPerson, insertUnit } from '../../repositories/unit.repository.ts';
import { countUsers } from '../../repositories/user.repository.ts';
import { storeImportedDocument } from '../imports/store-imported-document.ts';
import { transitionMeasure } from '../measures/transition-measure.ts';
import { updateMeasure } from '../measures/update-measure.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { createUser } from '../users/create-user.ts';
import { projectFile } from '../../project-files.ts';

/** The public seed document shipped with the app. */
export const SEED_FILE = projectFile('demo/seed-announcement.txt');

/** The password of every demo account (printed at start-up; demo mode only). */
export const DEMO_PASSWORD = 'Zhenggai@2026';

/** One demo account. */
export type TDemoAccount = { username: string; role: TRole; roleLabel: string; displayName: string };

/** The demo accounts, one per role. */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  username: string;
  role: TRole;
  displayName: string;
  scope: 'root' | 'unit';
  person?: string;
}> = [
  { username: 'admin', role: 'admin', displayName: '系统管理员', scope: 'root' },
  { username: 'xunchaban', role: 'inspection_office', displayName: '市委巡察办', scope: 'root' },
  {
    username: 'lianluoyuan',
    role: 'coordinator',
    displayName: '张敏（办公室）',
    scope: 'unit',
    person: '张敏',
  },
  {
    username: 'shuji',
    role: 'principal',
    displayName: '王建国（党组书记）',
    scope: 'unit',
    person: '王建国',
  },
  { username: 'lingdao', role: 'leader', displayName: '李文华（党组成员）', scope: 'unit', person: '李文华' },
  {
    username: 'zerenren',
    role: 'responsible',
    displayName: '刘洋（组织联络部）',
    scope: 'unit',
    person: '刘洋',
  },
  { username: 'jijianzu', role: 'supervisor', displayName: '派驻纪检监察组', scope: 'unit' },
];

const DEPARTMENTS = ['办公室', '组织联络部', '创作研究部', '权益保护部', '机关党支部'] as const;
const PEOPLE: ReadonlyArray<{
  name: string;
  position: string;
  department: (typeof DEPARTMENTS)[number] | null;
}> = [
  { name: '王建国', position: '党组书记、主席', department: null },
  { name: '李文华', position: '党组成员、副主席', department: null },
  { name: '陈志强', position: '党组成员、副主席', department: null },
  { name: '周丽', position: '党组成员、秘书长', department: null },
  { name: '张敏', position: '办公室主任', department: '办公室' },
  { name: '刘洋', position: '组织联络部部长', department: '组织联络部' },
  { name: '赵静', position: '创作研究部部长', department: '创作研究部' },
  { name: '孙磊', position: '权益保护部部长', department: '权益保护部' },
  { name: '吴芳', position: '机关党支部书记', department: '机关党支部' },
];

/** True when the database holds no accounts yet (a fresh demo database). */
export async function needsDemoData(db: Kysely<Database>): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

/** Creates the demo data; `today` fixes the deadlines' reference day (tests pass one). */
export async function seedDemoData(
  db: Kysely<Database>,
  today: string = todayInChina(),
): Promise<{ inspectionId: number; unitId: number }> {
  const actor = systemActor('system:demo');
  const parsed = parseAnnouncementText(await readFile(SEED_FILE, 'utf8'));
  if (!parsed.ok) throw new Error(`演示数据导入失败：${parsed.error}`);
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    const rootId = await insertUnit(trx, {
      parentId: null,
      name: '南通市',
      partyOrgName: '中共南通市委',
      phone: null,
      address: null,
      email: null,
      at,
    });
    const stored = await storeImportedDocument({
      db: trx,
      actor,
      document: parsed.document,
      parentUnitId: rootId,
    });
    const unitId = stored.unitId;
    for (const name of ['南通市作家协会', '南通市美术家协会']) {
      await insertUnit(trx, {
        parentId: unitId,
        name,
        partyOrgName: null,
        phone: null,
        address: null,
        email: null,
        at,
      });
    }
    const departmentIds = new Map<string, number>();
    for (const d of DEPARTMENTS) departmentIds.set(d, await ensureDepartment(trx, unitId, d, true));
    const personIds = new Map<string, number>();
    for (const p of PEOPLE) {
      const departmentId = p.department === null ? null : (departmentIds.get(p.department) ?? null);
      personIds.set(
        p.name,
        await insertPerson(trx, { unitId, departmentId, name: p.name, position: p.position, isDemo: true }),
      );
    }
    const leaders = ['李文华', '陈志强', '周丽', '王建国'].map((n) => personIds.get(n) ?? null);
    const heads = PEOPLE.filter((p) => p.department !== null);

    const measures = await listMeasures(trx, stored.inspectionId);
    for (const [i, m] of measures.entries()) {
      const head = heads[i % heads.length];
      const departmentId = head?.department ? (departmentIds.get(head.department) ?? null) : null;
      const isStanding = i % 6 === 5;
      // Spread deadlines so that the ledger shows red, yellow and green.
      const offset = i % 4 === 0 ? -((i % 9) + 2) : i % 4 === 1 ? (i % 6) + 1 : 20 + ((i * 7) % 90);
      const incomplete = i === 10 || i === 31;
      const version = await updateMeasure({
        db: trx,
        actor,
        measureId: m.id,
        input: {
          version: m.version,
          departmentId,
          leaderId: leaders[i % leaders.length] ?? null,
          personId: incomplete ? null : (personIds.get(head?.name ?? '') ?? null),
          deadline: isStanding ? null : addDays(today, offset),
          isStanding,
        },
      });
      if (incomplete) continue;
      await transitionMeasure({
        db: trx,
        actor,
        measureId: m.id,
        action: isStanding ? 'set_standing' : 'start',
        reason: '演示数据',
        version,
      });
    }
    await markMeasuresDemo(trx, stored.inspectionId);
    await setInspectionDeadline(trx, stored.inspectionId, addDays(today, 60));

    for (const a of DEMO_ACCOUNTS) {
      await createUser({
        db: trx,
        actor,
        username: a.username,
        displayName: a.displayName,
        password: DEMO_PASSWORD,
        role: a.role,
        unitId: a.scope === 'root' ? (a.role === 'admin' ? null : rootId) : unitId,
        personId: a.person ? (personIds.get(a.person) ?? null) : null,
        isDemo: true,
      });
    }
    await appendAudit(trx, {
      kind: 'demo.seeded',
      ...auditActor(actor),
      objectType: 'inspection',
      objectId: stored.inspectionId,
      unitId,
      at: nowIso(),
    });
    return { inspectionId: stored.inspectionId, unitId };
  });
}

/** The lines printed at start-up listing the demo accounts. */
export function demoAccountLines(): string[] {
  return [
    `演示账号（密码均为 ${DEMO_PASSWORD}）：`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(12)} ${ROLE_LABELS[a.role]}（${a.displayName}）`),
  ];
}
