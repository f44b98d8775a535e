/**
 * Opinions from the public (监督意见) on both databases, without a login, tried as the public and as a script would:
 * a receipt code that reads over the phone and finds its opinion (never its author's contact); refusals with a
 * Chinese reason and nothing written — the hidden field, too fast, too long, a problem of another announcement, a
 * unit that is not public; the same words answered with the same code; an address limited per hour; many at once
 * each kept; the plain HTML form to its receipt.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TOpinionReceipt } from '@shared/opinions.ts';
import { CODE_ALPHABET } from '@shared/opinions.ts';
import { testEngines } from '../test-support/databases.ts';
import type { TFixture } from '../test-support/factories.ts';
import { publicSideCalls } from '../test-support/public-side.ts';
import { useRouteFixture } from '../test-support/route-suite.ts';
import { OPINION_LIMITS } from '../use-cases/public/submit-opinion.ts';

const CODE = new RegExp(`^[${CODE_ALPHABET}]{5}-[${CODE_ALPHABET}]{5}$`);

describe.each(testEngines())('opinions from the public on %s', (engine) => {
  const fixture = useRouteFixture(engine);
  let fx: TFixture;
  const { publish, setPublic, listedIds } = publicSideCalls(() => fx);
  let announcementId = 0;
  let address = 1;
  beforeAll(async () => {
    fx = fixture();
    await publish('第一版：制度已修订并印发。');
    await setPublic(true, { phone: '0513-85512445' });
    announcementId = (await listedIds())[0] ?? 0;
  });
  /** Each call from a new address unless one is given. */
  const send = (payload: Record<string, unknown>, from = `10.0.0.${address++}`) =>
    fx.app.inject({
      method: 'POST',
      url: '/api/public/opinions',
      headers: { 'x-requested-with': 'zhenggai' },
      remoteAddress: from,
      payload: { announcementId, shownAt: Date.now() - 30_000, ...payload },
    });
  const count = async () => (await fx.db.selectFrom('opinions').select('id').execute()).length;

  it('answers a code that reads over the phone and shows status, never the author', async () => {
    const res = await send({
      content: '建议公开公务用车使用台账，接受群众监督。',
      name: '张三',
      contact: '13800000000',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json<{ code: string }>();
    expect(code).toMatch(CODE);
    for (const typed of [code, code.toLowerCase(), code.replace('-', ''), ` ${code.replace('-', ' ')} `]) {
      const receipt = await fx.app.inject({
        method: 'GET',
        url: `/api/public/opinions/${encodeURIComponent(typed)}`,
      });
      expect(receipt.statusCode, typed).toBe(200);
      expect(receipt.json<TOpinionReceipt>()).toMatchObject({ code, status: 'received', answer: null });
      expect(receipt.body).not.toContain('13800000000');
      expect(receipt.body).not.toContain('张三');
    }
    const page = await fx.app.inject({ method: 'GET', url: `/public/opinions/${code}` });
    expect(page.body).toContain(code);
    expect(page.body).not.toContain('13800000000');
    expect((await fx.app.inject({ method: 'GET', url: '/api/public/opinions/22222-22222' })).statusCode).toBe(
      404,
    );
    const audit = await fx.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('kind', '=', 'opinion.received')
      .execute();
    expect(audit.map((a) => a.after_json).join()).toContain(code);
    expect(audit.map((a) => a.after_json).join()).not.toContain('13800000000');
  });

  it('refuses a script, a hurry, too many words, another announcement’s problem and a private unit, writing nothing', async () => {
    const before = await count();
    const refusals: Array<[Record<string, unknown>, number, RegExp]> = [
      [{ content: '机器人填写的内容很多很多', website: 'http://spam.example' }, 400, /提交未成功/],
      [{ content: '填写得太快的意见内容', shownAt: Date.now() - 500 }, 400, /填写时间过短/],
      [{ content: '长'.repeat(2001) }, 400, /不能超过 2000 个字/],
      [{ content: '短' }, 400, /至少 5 个字/],
      [{ content: '关于不存在问题的意见', problemId: 999_999 }, 400, /不属于该通报/],
      [{ content: '关于不存在通报的意见', announcementId: 999_999 }, 404, /未找到该通报/],
      [
        { content: '给不公开单位的意见', announcementId: undefined, unitId: fx.otherUnitId },
        404,
        /未找到该单位/,
      ],
    ];
    for (const [payload, status, words] of refusals) {
      const res = await send(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(res.json<{ message: string }>().message).toMatch(words);
    }
    expect(await count()).toBe(before);
  });

  it('answers the same words with the same code, limits one address, and keeps many sent at once', async () => {
    const first = await send({ content: '请核实文联办公室公车私用问题。' });
    const again = await send({ content: '请核实文联办公室 公车私用问题。' });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ code: string }>().code).toBe(first.json<{ code: string }>().code);
    const one = '192.0.2.7';
    for (let i = 0; i < OPINION_LIMITS.perAddressPerHour; i += 1)
      expect((await send({ content: `同一地址的第 ${i + 1} 条意见` }, one)).statusCode).toBe(201);
    const limited = await send({ content: '同一地址超出限制的意见' }, one);
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ message: string }>().message).toMatch(/提交过于频繁/);
    const before = await count();
    const many = await Promise.all(
      Array.from({ length: 8 }, (_, i) => send({ content: `同时提交的第 ${i + 1} 条不同意见` })),
    );
    expect(many.map((r) => r.statusCode)).toEqual(Array.from({ length: 8 }, () => 201));
    const codes = many.map((r) => r.json<{ code: string }>().code);
    expect(new Set(codes).size).toBe(8);
    expect(await count()).toBe(before + 8);
  });

  it('takes the plain HTML form to its receipt, and gives a refused form back with what was written', async () => {
    const page = await fx.app.inject({ method: 'GET', url: `/public/announcements/${announcementId}` });
    expect(page.body).toContain('action="/public/opinions"');
    expect(page.body).toContain('name="website"');
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(token).toMatch(/^\d+\./);
    const form = (fields: Record<string, string>) =>
      fx.app.inject({
        method: 'POST',
        url: '/public/opinions',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: `10.1.0.${address++}`,
        payload: new URLSearchParams(fields).toString(),
      });
    const before = await count();
    const hurried = await form({
      announcementId: String(announcementId),
      token,
      content: '表单里写下的意见内容',
    });
    expect(hurried.statusCode).toBe(400);
    expect(hurried.body).toContain('填写时间过短');
    expect(hurried.body).toContain('表单里写下的意见内容');
    // A script cannot claim it saw the form earlier, use the token of another page, or post without one (another
    // site's form): the time is the server's, signed with what the form is about.
    const [shown, mac] = token.split('.');
    const forged: Array<Record<string, string>> = [
      { announcementId: String(announcementId), token: `${Number(shown) - 60_000}.${mac}` },
      { unitId: String(fx.unitId), token },
      { announcementId: String(announcementId), shownAt: String(Date.now() - 60_000) },
      { announcementId: String(announcementId), token: `${shown}.${'A'.repeat(43)}` },
    ];
    for (const f of forged) {
      const res = await form({ ...f, content: '伪造的表单提交内容' });
      expect(res.statusCode, JSON.stringify(f)).toBe(400);
      expect(res.body).toContain('页面已过期或来源不明');
    }
    expect(await count()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const sent = await form({
      announcementId: String(announcementId),
      token,
      content: '表单提交的监督意见：建议公开整改台账。',
      contact: 'lisi@example.org',
    });
    expect(sent.statusCode, sent.body).toBe(303);
    const location = String(sent.headers.location);
    expect(location).toMatch(/^\/public\/opinions\/[A-Z0-9]{5}-[A-Z0-9]{5}\?new=1$/);
    const receipt = await fx.app.inject({ method: 'GET', url: location });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('查询码');
    expect(receipt.body).not.toContain('lisi@example.org');
    const lookup = await fx.app.inject({
      method: 'GET',
      url: `/public/opinions?code=${location.slice(17, 28)}`,
    });
    expect(lookup.statusCode).toBe(303);
  });
  it('refuses NUL bytes and oversized bodies on the API and the form, writing nothing', async () => {
    const before = await count();
    const nul = await send({ content: '含有空字符\u0000的意见内容' });
    expect(nul.statusCode).toBe(400);
    const huge = await send({ content: '大'.repeat(600_000) });
    expect([400, 413]).toContain(huge.statusCode);
    const form = await fx.app.inject({
      method: 'POST',
      url: '/public/opinions',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '10.2.0.1',
      payload: new URLSearchParams({
        announcementId: String(announcementId),
        token: '1.x',
        content: '表单里的空字符\u0000意见内容',
      }).toString(),
    });
    expect(form.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});
