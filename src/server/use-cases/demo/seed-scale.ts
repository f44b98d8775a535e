/**
 * A realistic synthetic data set at province scale (`npm run seed:scale`): a unit tree (province → cities →
 * departments), inspections in several rounds and kinds, categories, problems, measures in every state and colour
 * (at least a tenth red and under way), progress entries, and the demo accounts of `npm start` with the same
 * password — `xunchaban` (inspection office) at the root sees the whole tree. Deterministic (a seeded generator), so
 * benchmarks run on the same data every time. Rows are written in bulk on an empty database only.
 */
import type { Insertable, Kysely } from 'kysely';
import { addDays, todayInChina, toChineseNumeral } from '@shared/chinese.ts';
import type { TInspectionKind, TMeasureState } from '@shared/domain.ts';
import type { Database, MeasureTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { systemActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { analyzeAfterBulkLoad, hasAnyUnit, insertMany } from '../../repositories/bulk.repository.ts';
import { insertUnit } from '../../repositories/unit.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { createUser } from '../users/create-user.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed-demo-data.ts';

const CITIES = [
  '南京市',
  '无锡市',
  '徐州市',
  '常州市',
  '苏州市',
  '南通市',
  '连云港市',
  '淮安市',
  '盐城市',
  '扬州市',
  '镇江市',
  '泰州市',
  '宿迁市',
];
const BUREAUS = [
  '教育局',
  '科技局',
  '工业和信息化局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源和规划局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化广电和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '城市管理局',
  '数据局',
  '体育局',
  '信访局',
  '机关事务管理局',
  '供销合作总社',
  '文学艺术界联合会',
  '总工会',
];
const CATEGORIES = [
  '贯彻落实党的路线方针政策和上级决策部署有差距',
  '落实全面从严治党主体责任和监督责任不到位',
  '落实新时代党的组织路线不够有力',
  '落实巡察、审计等监督发现问题整改不够到位',
  '作风建设和廉政风险防控存在薄弱环节',
];
const PROBLEMS = [
  '理论学习不够深入',
  '重大决策部署落实不到位',
  '意识形态工作责任制落实不力',
  '“三重一大”决策制度执行不严',
  '财务管理不规范',
  '公务用车管理不严',
  '政府采购程序不规范',
  '干部选拔任用程序不严谨',
  '基层党组织建设薄弱',
  '以往问题整改不彻底',
  '形式主义官僚主义问题仍然存在',
  '违规发放津贴补贴',
  '项目资金监管不到位',
  '合同管理不规范',
];
const MEASURES = [
  '制定完善相关制度并组织专题学习',
  '开展专项检查并建立问题清单',
  '召开专题民主生活会并制定整改方案',
  '建立台账逐项销号并定期通报',
  '组织业务培训提升规范化水平',
  '开展警示教育并督促立行立改',
  '对相关责任人进行约谈提醒',
  '建立长效机制并纳入年度考核',
];
const PROGRESS = [
  '已完成制度修订并印发执行',
  '已召开专题会议研究部署，正在推进',
  '已完成专项检查，发现问题正在整改',
  '已组织培训两次，参训人员全覆盖',
  '已建立工作台账，按月更新进展',
  '已对相关人员进行约谈提醒',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = [
  '建国',
  '文华',
  '志强',
  '丽',
  '敏',
  '洋',
  '静',
  '磊',
  '芳',
  '伟',
  '娜',
  '军',
  '勇',
  '艳',
  '杰',
];
const DEPARTMENTS = ['办公室', '组织人事处', '计划财务处', '政策法规处', '机关党委'];

/** What to build. */
export type TScaleOptions = { units: number; measures: number; today?: string };

/** What was built. */
export type TScaleResult = {
  units: number;
  inspections: number;
  problems: number;
  measures: number;
  progressEntries: number;
  redInProgress: number;
};

/** A small deterministic generator (mulberry32): the same data set on every run. */
function generator(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}

/** Builds the data set; refuses a database that already holds units (exit 2 from the CLI). */
export async function seedScale(db: Kysely<Database>, options: TScaleOptions): Promise<TScaleResult> {
  const { units: unitCount, measures: measureCount, today = todayInChina() } = options;
  if (!Number.isInteger(unitCount) || unitCount < 2 || unitCount > 100_000)
    throw new AppError('BAD_REQUEST', '单位数应为 2 到 100000 之间的整数');
  if (!Number.isInteger(measureCount) || measureCount < 1 || measureCount > 2_000_000)
    throw new AppError('BAD_REQUEST', '措施数应为 1 到 2000000 之间的整数');
  if (await hasAnyUnit(db)) throw new AppError('CONFLICT', '数据库已有数据：规模数据只能生成在空数据库上');
  const rnd = generator(20261203);
  const at = nowIso();
  const actor = systemActor('system:seed-scale');

  const made = await inTransaction(db, async (trx) => {
    // The unit tree: the province, its cities, and departments under the cities.
    const rootId = await insertUnit(trx, {
      parentId: null,
      name: '江苏省',
      partyOrgName: '中共江苏省委',
      phone: null,
      address: null,
      email: null,
      at,
    });
    const inspected: Array<{ id: number; name: string }> = [];
    const cities = CITIES.slice(0, Math.min(CITIES.length, unitCount - 1));
    const cityIds: number[] = [];
    for (const name of cities) {
      const id = await insertUnit(trx, {
        parentId: rootId,
        name,
        partyOrgName: `中共${name}委`,
        phone: null,
        address: null,
        email: null,
        at,
      });
      cityIds.push(id);
      inspected.push({ id, name });
    }
    for (let i = 0; inspected.length < unitCount - 1; i += 1) {
      const c = i % cities.length;
      const bureau = BUREAUS[Math.floor(i / cities.length) % BUREAUS.length] ?? '局';
      const series = Math.floor(i / (cities.length * BUREAUS.length));
      const name = `${cities[c]}${bureau}${series > 0 ? `（${series + 1}）` : ''}`;
      const id = await insertUnit(trx, {
        parentId: cityIds[c] ?? rootId,
        name,
        partyOrgName: `中共${name}党组`,
        phone: null,
        address: null,
        email: null,
        at,
      });
      inspected.push({ id, name });
    }
    // The demo unit (accounts other than the province's) is the first department, like npm start's one unit.
    const demoUnit = inspected[cities.length] ?? inspected[0];
    if (!demoUnit) throw new Error('no unit to inspect');

    // Departments and people of every inspected unit.
    const departmentRows = inspected.flatMap((u) =>
      DEPARTMENTS.map((name) => ({ unit_id: u.id, name, is_demo: 1 as const })),
    );
    const departmentIds = await insertMany(trx, 'departments', departmentRows);
    const personRows = inspected.flatMap((u, ui) =>
      Array.from({ length: 8 }, (_, k) => {
        const isDemo = u.id === demoUnit.id;
        const name = isDemo
          ? (['王建国', '李文华', '陈志强', '周丽', '张敏', '刘洋', '赵静', '孙磊'][k] ?? '某某')
          : `${rnd.pick([...SURNAMES])}${rnd.pick(GIVEN)}`;
        return {
          unit_id: u.id,
          department_id:
            k < 3 ? null : (departmentIds[ui * DEPARTMENTS.length + ((k - 3) % DEPARTMENTS.length)] ?? null),
          name,
          position: k === 0 ? '党组书记' : k < 3 ? '党组成员' : '处长',
          is_demo: 1 as const,
        };
      }),
    );
    const personIds = await insertMany(trx, 'people', personRows);

    // Inspections: one per unit, a second from an earlier round for every fifth unit.
    const inspectionRows: Array<Insertable<Database['inspections']> & { unitIndex: number }> = [];
    for (const [ui, u] of inspected.entries()) {
      const rounds = ui % 5 === 0 ? [1, 3] : [2 + (ui % 3)];
      for (const r of rounds) {
        const kind: TInspectionKind = ui % 17 === 0 ? '审计' : '巡察';
        const start = addDays(today, -420 + r * 90);
        inspectionRows.push({
          unitIndex: ui,
          unit_id: u.id,
          kind,
          title: `${kind === '审计' ? '审计' : `十四届省委第${toChineseNumeral(r)}轮巡察`}反馈意见整改`,
          round: `十四届省委第${toChineseNumeral(r)}轮巡察`,
          group_name: kind === '审计' ? '省审计厅' : `省委第${toChineseNumeral((ui % 12) + 1)}巡察组`,
          start_date: start,
          end_date: addDays(start, 30),
          feedback_date: addDays(start, 60),
          deadline: addDays(start, 240),
          source_title: null,
          published_date: null,
          statistics_json: null,
          created_at: at,
          created_by: null,
        });
      }
    }
    const inspectionIds = await insertMany(
      trx,
      'inspections',
      inspectionRows.map(({ unitIndex: _u, ...row }) => row),
    );

    // Categories and problems: measures spread evenly, about five measures a problem.
    const perInspection = Math.max(1, Math.ceil(measureCount / inspectionIds.length));
    const problemsPer = Math.max(1, Math.round(perInspection / 5));
    const categoriesPer = Math.min(CATEGORIES.length, Math.max(1, Math.ceil(problemsPer / 4)));
    const categoryRows = inspectionIds.flatMap((inspection_id) =>
      Array.from({ length: categoriesPer }, (_, c) => ({
        inspection_id,
        ordinal: c + 1,
        title: `（${toChineseNumeral(c + 1)}）${CATEGORIES[c] ?? '其他问题'}`,
      })),
    );
    const categoryIds = await insertMany(trx, 'categories', categoryRows);
    const problemRows = inspectionIds.flatMap((inspection_id, ii) =>
      Array.from({ length: problemsPer }, (_, p) => ({
        inspection_id,
        category_id: categoryIds[ii * categoriesPer + (p % categoriesPer)] ?? 0,
        parent_id: null,
        ordinal: p + 1,
        number: String(p + 1),
        title: PROBLEMS[(ii + p) % PROBLEMS.length] ?? '其他问题',
        intro: null,
        feedback_text: null,
      })),
    );
    const problemIds = await insertMany(trx, 'problems', problemRows);

    // Measures in every state and colour.
    const measureRows: Array<Insertable<MeasureTable>> = [];
    const progressFor: Array<{ index: number; date: string; text: string }> = [];
    let redInProgress = 0;
    // Spread evenly: the first (measures mod inspections) inspections take one more.
    const base = Math.floor(measureCount / inspectionIds.length);
    const extra = measureCount % inspectionIds.length;
    const firstOf = (ii: number) => ii * base + Math.min(ii, extra);
    let ii = 0;
    for (let n = 0; n < measureCount; n += 1) {
      while (ii < inspectionIds.length - 1 && n >= firstOf(ii + 1)) ii += 1;
      const ui = inspectionRows[ii]?.unitIndex ?? 0;
      const within = n - firstOf(ii);
      const problem = problemIds[ii * problemsPer + (within % problemsPer)] ?? 0;
      const r = rnd.next();
      const state: TMeasureState =
        r < 0.05
          ? 'not_started'
          : r < 0.55
            ? 'in_progress'
            : r < 0.6
              ? 'close_requested'
              : r < 0.87
                ? 'closed'
                : r < 0.97
                  ? 'standing'
                  : 'relapsed';
      const standing = state === 'standing';
      const w = rnd.next();
      // Under way: three in ten overdue (red), one in ten due within the week (yellow), the rest later.
      const offset = w < 0.3 ? -1 - rnd.int(120) : w < 0.4 ? rnd.int(7) : 8 + rnd.int(300);
      const incomplete = state === 'not_started' && rnd.next() < 0.4;
      const person = personIds[ui * 8 + 3 + rnd.int(5)] ?? null;
      const deadline =
        standing || incomplete ? null : addDays(today, state === 'closed' ? -rnd.int(200) : offset);
      if (state === 'in_progress' && deadline !== null && deadline < today) redInProgress += 1;
      const hasProgress = state !== 'not_started';
      const progressDate = hasProgress ? addDays(today, -rnd.int(standing ? 60 : 90)) : null;
      const progress = hasProgress ? rnd.pick(PROGRESS) : null;
      measureRows.push({
        inspection_id: inspectionIds[ii] ?? 0,
        problem_id: problem,
        ordinal: Math.floor(within / problemsPer) + 1,
        task: MEASURES[n % MEASURES.length] ?? '整改',
        content: `${rnd.pick(MEASURES)}，${rnd.pick(MEASURES)}，确保整改落实到位。`,
        department_id: incomplete
          ? null
          : (departmentIds[ui * DEPARTMENTS.length + rnd.int(DEPARTMENTS.length)] ?? null),
        leader_id: personIds[ui * 8 + 1 + rnd.int(2)] ?? null,
        person_id: incomplete ? null : person,
        deadline,
        is_standing: standing ? 1 : 0,
        state,
        progress,
        is_demo: 1,
        created_at: at,
        created_by: null,
        updated_at: progressDate ? `${progressDate}T02:00:00.000Z` : at,
        updated_by: null,
        original_deadline: deadline,
        check_interval_days: standing ? (rnd.next() < 0.5 ? 30 : 90) : null,
        last_progress_date: progressDate,
      });
      if (progressDate && progress) progressFor.push({ index: n, date: progressDate, text: progress });
    }
    const measureIds = await insertMany(trx, 'measures', measureRows);
    await insertMany(
      trx,
      'progress_entries',
      progressFor.map((p) => ({
        measure_id: measureIds[p.index] ?? 0,
        entry_date: p.date,
        text: p.text,
        created_by: null,
        created_at: `${p.date}T02:00:00.000Z`,
        source: 'import' as const,
      })),
    );

    // The demo accounts of npm start: the province's at the root, the others in the demo unit.
    const demoPeople = new Map(
      personRows.flatMap((p, k) => (p.unit_id === demoUnit.id ? [[p.name, personIds[k] ?? 0] as const] : [])),
    );
    for (const a of DEMO_ACCOUNTS) {
      await createUser({
        db: trx,
        actor,
        username: a.username,
        displayName: a.displayName,
        password: DEMO_PASSWORD,
        role: a.role,
        unitId: a.scope === 'root' ? (a.role === 'admin' ? null : rootId) : demoUnit.id,
        personId: a.person ? (demoPeople.get(a.person) ?? null) : null,
        isDemo: true,
      });
    }
    await appendAudit(trx, {
      kind: 'demo.seeded',
      ...auditActor(actor),
      objectType: 'unit',
      objectId: rootId,
      unitId: rootId,
      after: { units: unitCount, inspections: inspectionIds.length, measures: measureCount },
      at: nowIso(),
    });
    return {
      units: unitCount,
      inspections: inspectionIds.length,
      problems: problemIds.length,
      measures: measureIds.length,
      progressEntries: progressFor.length,
      redInProgress,
    };
  });
  await analyzeAfterBulkLoad(db);
  return made;
}
