/**
 * Progress in one step, on both databases: files are staged (checked and stored) first and saved with the text in
 * one transaction, or nothing is; a refused file leaves no text behind and no false "已被他人修改"; a staged file is
 * its uploader's, for its measure, once; the author corrects or withdraws an entry within the window, audited, and
 * nobody else can; 整改目标/完成标准 are kept and shown with the measure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TMeasureDetail, TStagedUpload } from '@shared/api.ts';
import { addDays, todayInChina } from '@shared/chinese.ts';
import type { TRole } from '@shared/domain.ts';
import { runDueJobs } from '../jobs/scheduler.ts';
import { testEngines } from '../test-support/databases.ts';
import { authed, type TFixture } from '../test-support/factories.ts';
import { measureCalls, sessionCookies, TEST_PDF } from '../test-support/measure-calls.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const EXE = Buffer.from('MZ\x90\x00 this is a program', 'latin1');

describe.each(testEngines())('progress in one step on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const { as } = sessionCookies(() => fx);
  const cookies: Record<string, string> = {};
  const c = (who: string) => cookies[who] ?? '';
  const { detail, transition, patch, upload, started } = measureCalls(() => fx, c);
  beforeAll(async () => {
    fx = fixture();
    for (const role of ['coordinator', 'responsible', 'leader', 'principal'] as const)
      cookies[role] = await as(role);
  });
  const today = todayInChina();

  const stage = (who: TRole, id: number, bytes: Buffer, name = '现场照片.png', original?: string) =>
    fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/uploads`,
      headers: {
        ...authed(c(who)),
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
        ...(original === undefined ? {} : { 'x-original-sha256': original }),
      },
      payload: bytes,
    });
  const staged = async (who: TRole, id: number, bytes: Buffer, name?: string) => {
    const res = await stage(who, id, bytes, name);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<TStagedUpload>().token;
  };
  const record = (who: TRole, id: number, version: number, text: string, tokens: string[] = []) =>
    fx.app.inject({
      method: 'POST',
      url: `/api/measures/${id}/progress`,
      headers: authed(c(who)),
      payload: { entryDate: today, text, version, files: tokens.map((token) => ({ token })) },
    });
  const entries = async (id: number) =>
    fx.db.selectFrom('progress_entries').selectAll().where('measure_id', '=', id).execute();
  const auditKinds = async (id: number) =>
    (
      await fx.db
        .selectFrom('audit_events')
        .select('kind')
        .where('object_type', '=', 'measure')
        .where('object_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.kind);

  it('saves the text with its files together, each file audited and attached to the entry', async () => {
    const id = await started(0);
    const original = 'ab'.repeat(32);
    const photo = await stage('responsible', id, PNG, '整改后.png', original);
    expect(photo.statusCode, photo.body).toBe(201);
    const minutes = await staged('responsible', id, TEST_PDF, '会议纪要.pdf');
    const version = (await detail(id)).measure.version;
    // Staging writes nothing to the measure: its version is the same.
    const res = await record('responsible', id, version, '已召开专题会议并整改。', [
      photo.json<TStagedUpload>().token,
      minutes,
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<TMeasureDetail>();
    expect(d.measure.version).toBe(version + 1);
    expect(d.measure.progress).toBe('已召开专题会议并整改。');
    const entryId = d.progress[0]?.id;
    expect(d.evidence.map((e) => [e.fileName, e.progressEntryId])).toEqual(
      expect.arrayContaining([
        ['整改后.png', entryId],
        ['会议纪要.pdf', entryId],
      ]),
    );
    expect(d.evidence.find((e) => e.fileName === '整改后.png')?.originalSha256).toBe(original);
    expect(d.progress[0]?.correctableUntil).not.toBeNull();
    expect(
      await fx.db.selectFrom('staged_uploads').select('id').where('measure_id', '=', id).execute(),
    ).toEqual([]);
    const kinds = await auditKinds(id);
    expect(kinds.slice(-3)).toEqual(['measure.progress_recorded', 'evidence.uploaded', 'evidence.uploaded']);
    // A token is used once.
    const again = await record('responsible', id, d.measure.version, '再次提交。', [minutes]);
    expect(again.statusCode).toBe(422);
    expect(again.json<{ message: string }>().message).toMatch(/附件已失效/);
  });

  it('refuses a bad file before anything is saved, and the next 保存 is not a false conflict', async () => {
    const id = await started(1);
    const version = (await detail(id)).measure.version;
    const had = (await entries(id)).length; // the import's entries
    const bad = await stage('responsible', id, EXE, 'setup.exe');
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ message: string }>().message).toMatch(/可执行程序/);
    expect(await entries(id)).toHaveLength(had);
    expect((await detail(id)).measure.version).toBe(version);
    const good = await staged('responsible', id, PNG);
    const res = await record('responsible', id, version, '更换材料后提交。', [good]);
    expect(res.statusCode, res.body).toBe(201);
    expect(await entries(id)).toHaveLength(had + 1);
  });

  it('takes only the uploader’s own files for the same measure, and none twice when saved twice at once', async () => {
    const id = await started(2);
    const other = await started(3);
    const version = (await detail(id)).measure.version;
    const had = (await entries(id)).length;
    const leaders = await staged('leader', id, PNG);
    const elsewhere = await staged('responsible', other, PNG);
    for (const token of [leaders, elsewhere, 'x'.repeat(24)]) {
      const res = await record('responsible', id, version, '不应保存。', [token]);
      expect(res.statusCode, res.body).toBe(422);
    }
    expect(await entries(id)).toHaveLength(had);
    expect((await detail(id)).measure.version).toBe(version);
    const mine = await staged('responsible', id, PNG);
    const both = await Promise.all([
      record('responsible', id, version, '同时保存。', [mine]),
      record('responsible', id, version, '同时保存。', [mine]),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await entries(id)).toHaveLength(had + 1);
    const files = await fx.db.selectFrom('evidence').select('id').where('measure_id', '=', id).execute();
    expect(files).toHaveLength(1);
    // A file for another unit's measure cannot even be staged.
    const foreign = await stage('responsible', fx.otherMeasureIds[0] ?? 0, PNG);
    expect(foreign.statusCode).toBe(404);
    // Bad checksums of the original are refused.
    expect((await stage('responsible', id, PNG, 'a.png', 'not-a-hash')).statusCode).toBe(400);
  });

  it('lets the author correct an entry within the window, audited; nobody else, and not later', async () => {
    const id = await started(4);
    let d = (
      await record('responsible', id, (await detail(id)).measure.version, '初稿。')
    ).json<TMeasureDetail>();
    const entryId = d.progress[0]?.id ?? 0;
    const correct = (who: TRole, version: number, text: string) =>
      fx.app.inject({
        method: 'PATCH',
        url: `/api/measures/${id}/progress/${entryId}`,
        headers: authed(c(who)),
        payload: { entryDate: today, text, version },
      });
    for (const who of ['leader', 'coordinator', 'principal'] as const) {
      const res = await correct(who, d.measure.version, '别人改的。');
      expect(res.statusCode, `${who}: ${res.body}`).toBe(403);
    }
    const stale = await correct('responsible', d.measure.version - 1, '旧版本。');
    expect(stale.statusCode).toBe(409);
    const ok = await correct('responsible', d.measure.version, '更正后的进展。');
    expect(ok.statusCode, ok.body).toBe(200);
    d = ok.json<TMeasureDetail>();
    expect(d.measure.progress).toBe('更正后的进展。');
    expect(d.progress[0]).toMatchObject({ text: '更正后的进展。', withdrawnAt: null });
    expect(d.progress[0]?.editedAt).not.toBeNull();
    const audit = await fx.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('kind', '=', 'measure.progress_corrected')
      .where('object_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.before_json).toContain('初稿。');
    expect(audit.after_json).toContain('更正后的进展。');
    // The leader sees the entry but may not correct it.
    const asLeader = (
      await fx.app.inject({ method: 'GET', url: `/api/measures/${id}`, headers: authed(c('leader')) })
    ).json<TMeasureDetail>();
    expect(asLeader.progress[0]?.correctableUntil).toBeNull();
    // A day and a moment later the window is closed.
    await fx.db
      .updateTable('progress_entries')
      .set({ created_at: new Date(Date.now() - 24 * 3_600_000 - 1000).toISOString() })
      .where('id', '=', entryId)
      .execute();
    const late = await correct('responsible', d.measure.version, '太晚了。');
    expect(late.statusCode).toBe(422);
    expect(late.json<{ message: string }>().message).toMatch(/超过 24 小时/);
    expect((await detail(id)).progress[0]?.correctableUntil).toBeNull();
  });

  it('withdraws an entry with its files, the measure’s progress back to the entry before; not once submitted', async () => {
    const id = fx.measureIds[1] ?? 0; // in progress since the second test, with one entry and one file
    const before = await detail(id);
    const first = before.progress[0];
    const token = await staged('responsible', id, TEST_PDF, '错传的文件.pdf');
    const d = (
      await record('responsible', id, before.measure.version, '填错的进展。', [token])
    ).json<TMeasureDetail>();
    const wrong = d.progress[0];
    expect(wrong?.text).toBe('填错的进展。');
    const withdraw = (entryId: number, version: number, reason = '填错了措施。') =>
      fx.app.inject({
        method: 'POST',
        url: `/api/measures/${id}/progress/${entryId}/withdraw`,
        headers: authed(c('responsible')),
        payload: { reason, version },
      });
    expect((await withdraw(wrong?.id ?? 0, d.measure.version, '')).statusCode).toBe(400);
    const res = await withdraw(wrong?.id ?? 0, d.measure.version);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<TMeasureDetail>();
    expect(after.progress.find((p) => p.id === wrong?.id)?.withdrawnAt).not.toBeNull();
    expect(after.measure.progress).toBe(first?.text);
    expect(after.evidence.map((e) => e.fileName)).not.toContain('错传的文件.pdf');
    const row = await fx.db
      .selectFrom('measures')
      .select('last_progress_date')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_progress_date).toBe(first?.entryDate);
    const audit = await fx.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('kind', '=', 'measure.progress_withdrawn')
      .where('object_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.before_json).toContain('错传的文件.pdf');
    expect(audit.after_json).toContain('填错了措施。');
    // Twice is refused.
    expect((await withdraw(wrong?.id ?? 0, after.measure.version)).statusCode).toBe(422);
    // Files a 销号 request was submitted with cannot be withdrawn, and nothing changes during the review.
    const requested = await transition('responsible', id, 'request_close_out', '已完成');
    expect(requested.statusCode, requested.body).toBe(200);
    const during = await withdraw(first?.id ?? 0, (await detail(id)).measure.version);
    expect(during.statusCode).toBe(422);
    expect((await transition('leader', id, 'send_back', '请补充')).statusCode).toBe(200);
    const submitted = await withdraw(first?.id ?? 0, (await detail(id)).measure.version);
    expect(submitted.statusCode).toBe(422);
    expect(submitted.json<{ message: string }>().message).toMatch(/已随销号申请提交/);
  });

  it('keeps 整改目标 and 完成标准, shows them with the measure, and audits their change', async () => {
    const id = fx.measureIds[2] ?? 0;
    const res = await patch('coordinator', id, {
      goal: '制度健全、执行到位',
      doneCriteria: '印发制度文件并组织学习，抽查无违规',
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = (await detail(id, 'leader')).measure;
    expect(m).toMatchObject({
      goal: '制度健全、执行到位',
      doneCriteria: '印发制度文件并组织学习，抽查无违规',
    });
    const audit = await fx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('kind', '=', 'measure.updated')
      .where('object_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after_json).toContain('印发制度文件');
    expect((await patch('coordinator', id, { goal: 'x'.repeat(1001) })).statusCode).toBe(400);
    expect((await patch('responsible', id, { goal: '自己改目标' })).statusCode).toBe(403);
  });

  it('forgets staged files nobody saved after a day', async () => {
    const id = fx.measureIds[3] ?? 0;
    await staged('responsible', id, PNG);
    const count = async () =>
      (await fx.db.selectFrom('staged_uploads').select('id').where('measure_id', '=', id).execute()).length;
    expect(await count()).toBeGreaterThan(0);
    const config = { yellowDays: 7, snapshotHour: 25, reminderHour: 25 };
    await runDueJobs(fx.db, config, new Date(Date.now() + 23 * 3_600_000));
    expect(await count()).toBeGreaterThan(0);
    await runDueJobs(fx.db, config, new Date(Date.now() + 25 * 3_600_000));
    expect(await count()).toBe(0);
    expect(await upload('responsible', id)).toMatchObject({ statusCode: 201 });
  });
  it('lets only one of two withdrawals (or a withdrawal and a correction) sent at once through', async () => {
    const id = fx.measureIds[4] ?? 0;
    const d = (
      await record('responsible', id, (await detail(id)).measure.version, '将被撤回的进展。')
    ).json<TMeasureDetail>();
    const entryId = d.progress[0]?.id ?? 0;
    const withdraw = () =>
      fx.app.inject({
        method: 'POST',
        url: `/api/measures/${id}/progress/${entryId}/withdraw`,
        headers: authed(c('responsible')),
        payload: { reason: '重复填报。', version: d.measure.version },
      });
    const correct = () =>
      fx.app.inject({
        method: 'PATCH',
        url: `/api/measures/${id}/progress/${entryId}`,
        headers: authed(c('responsible')),
        payload: { entryDate: today, text: '同时更正。', version: d.measure.version },
      });
    const changes = async () =>
      (
        await fx.db
          .selectFrom('audit_events')
          .select('kind')
          .where('object_id', '=', id)
          .where('kind', 'in', ['measure.progress_withdrawn', 'measure.progress_corrected'])
          .execute()
      ).length;
    const before = await changes();
    const results = await Promise.all([withdraw(), withdraw(), correct()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(await changes()).toBe(before + 1);
  });

  it('keeps a standing measure’s next check date with its progress; refuses impossible dates, writing nothing', async () => {
    // Measure 1 as an earlier case left it (started, carried by the responsible person), or started now.
    const id =
      (await detail(fx.measureIds[1] ?? 0)).measure.state === 'not_started'
        ? await started(1)
        : (fx.measureIds[1] ?? 0);
    await fx.db
      .updateTable('measures')
      .set({ is_standing: 1, check_interval_days: 30 })
      .where('id', '=', id)
      .execute();
    const checkDue = async () =>
      (await fx.db.selectFrom('measures').select('check_due').where('id', '=', id).executeTakeFirstOrThrow())
        .check_due;
    const before = (await detail(id)).measure.version;
    for (const entryDate of ['2026-02-30', '2026-13-01', '2026-2-3', '２０２６-01-01', '2026-01-01\u0000']) {
      const res = await fx.app.inject({
        method: 'POST',
        url: `/api/measures/${id}/progress`,
        headers: authed(c('responsible')),
        payload: { entryDate, text: '进展', version: before },
      });
      expect(res.statusCode, entryDate).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await detail(id)).measure.version).toBe(before);
    const res = await record('responsible', id, before, '本期检查已完成。');
    expect(res.statusCode).toBe(201);
    expect(await checkDue()).toBe(addDays(today, 30));
  });
});
