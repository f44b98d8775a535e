/**
 * An opinion from the public (监督意见), received without a login: refused with a Chinese reason when a script filled
 * the hidden field, when it came faster than a person writes, from an address or to a unit too often, or about an
 * announcement or unit that is not public; the same words to the same unit within a week answer the code already
 * given. Otherwise it is written — with its audit entry, in one transaction — before its code is returned, so a
 * code once shown always finds its opinion. The address is kept only as a salted hash, for the rate limit.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  answerDueOf,
  CODE_ALPHABET,
  CODE_LENGTH,
  MIN_FILL_MS,
  normaliseCode,
  OPINION_STATUS_LABELS,
  OPINION_STATUSES,
  type TOpinionReceipt,
  type TOpinionRequest,
  type TOpinionStatus,
} from '@shared/opinions.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { systemActor } from '../../policies/actor.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import {
  insertOpinion,
  opinionByCode,
  opinionsFromAddress,
  opinionsToUnit,
  sameOpinion,
} from '../../repositories/opinion.repository.ts';
import { getPublicAnnouncement, getPublicUnit } from '../../repositories/public.repository.ts';
import { handlersOfUnit, noticeOpinion } from '../opinions/handle-opinion.ts';
import { inTransaction } from '../transaction.ts';

/** Opinions one address may send in an hour, and one unit may receive in a day. */
export const OPINION_LIMITS = { perAddressPerHour: 5, perUnitPerDay: 200 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A fresh receipt code, e.g. K7M2Q-9XWT4. */
export function newCode(): string {
  const chars = Array.from(
    { length: CODE_LENGTH },
    () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)] ?? '2',
  );
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Where the opinion goes: its unit, the announcement and the problem it concerns. */
async function targetOf(db: Kysely<Database>, input: TOpinionRequest) {
  if (input.announcementId !== undefined) {
    const a = await getPublicAnnouncement(db, input.announcementId);
    if (!a || a.withdrawn_at !== null) throw new AppError('NOT_FOUND', '未找到该通报，或已撤回');
    const problems = JSON.parse(a.problems_json ?? '[]') as Array<{
      id: number;
      number: string;
      title: string;
    }>;
    const problem = input.problemId === null ? null : problems.find((p) => p.id === input.problemId);
    if (problem === undefined) throw new AppError('BAD_REQUEST', '所选问题不属于该通报');
    return { unitId: a.unit_id, announcementId: a.id, problem };
  }
  if (input.unitId !== undefined && (await getPublicUnit(db, input.unitId)))
    return { unitId: input.unitId, announcementId: null, problem: null };
  throw new AppError('NOT_FOUND', '未找到该单位的公开页面');
}

/** Receives the opinion; answers its code (and whether the same one had been received already). */
export async function submitOpinion(
  db: Kysely<Database>,
  input: TOpinionRequest,
  from: { address: string; now?: Date },
): Promise<{ code: string; isDuplicate: boolean }> {
  const now = from.now ?? new Date();
  if (input.website !== '') throw new AppError('BAD_REQUEST', '提交未成功，请刷新页面后重新填写');
  const elapsed = now.getTime() - input.shownAt;
  if (elapsed < MIN_FILL_MS || elapsed > 7 * 86_400_000)
    throw new AppError('BAD_REQUEST', '填写时间过短或页面已过期，请确认内容后再提交');
  const target = await targetOf(db, input);
  const addressHash = sha256(`zhenggai-opinion:${from.address}`);
  const hour = new Date(now.getTime() - 3_600_000).toISOString();
  if ((await opinionsFromAddress(db, addressHash, hour)) >= OPINION_LIMITS.perAddressPerHour)
    throw new AppError('RATE_LIMITED', '提交过于频繁，请一小时后再试；如情况紧急，请拨打页面上的联系电话');
  const day = new Date(now.getTime() - 86_400_000).toISOString();
  if ((await opinionsToUnit(db, target.unitId, day)) >= OPINION_LIMITS.perUnitPerDay)
    throw new AppError('RATE_LIMITED', '该单位今日收到的意见较多，请明天再试，或通过页面上的电话、信箱反映');
  const contentHash = sha256(input.content.replace(/\s+/g, ''));
  const week = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const earlier = await sameOpinion(db, target.unitId, contentHash, week);
  if (earlier !== null) return { code: earlier, isDuplicate: true };
  const at = now.toISOString();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = newCode();
    const written = await inTransaction(db, async (trx) => {
      const id = await insertOpinion(trx, {
        code,
        unit_id: target.unitId,
        public_announcement_id: target.announcementId,
        problem_id: target.problem?.id ?? null,
        problem_title: target.problem ? `${target.problem.number}. ${target.problem.title}` : null,
        content: input.content,
        name: input.name === '' ? null : input.name,
        contact: input.contact === '' ? null : input.contact,
        content_hash: contentHash,
        address_hash: addressHash,
        status: 'received',
        answer: null,
        answer_published_at: null,
        created_at: at,
        answer_due: answerDueOf(at),
      });
      if (id === null) return false;
      // The audit entry names the opinion by its code; the submitter's name and contact stay out of it.
      await appendAudit(trx, {
        kind: 'opinion.received',
        ...auditActor(systemActor('public')),
        objectType: 'opinion',
        objectId: id,
        unitId: target.unitId,
        after: { code, announcementId: target.announcementId, problemId: target.problem?.id ?? null },
        at,
      });
      await noticeOpinion(
        trx,
        await handlersOfUnit(trx, target.unitId),
        id,
        `收到群众监督意见（查询码 ${code}），请于 ${answerDueOf(at)} 前答复`,
        at,
      );
      return true;
    });
    if (written) return { code, isDuplicate: false };
  }
  throw new AppError('CONFLICT', '系统繁忙，请稍后再试');
}

/** What the holder of a code sees: status and published answer, never the submitter's name or contact. */
export async function opinionReceipt(db: Kysely<Database>, rawCode: string): Promise<TOpinionReceipt> {
  const code = normaliseCode(rawCode);
  const o = code === null ? undefined : await opinionByCode(db, code);
  if (!o) throw new AppError('NOT_FOUND', '查询码不存在，请核对后重新输入');
  const status = (OPINION_STATUSES as readonly string[]).includes(o.status)
    ? (o.status as TOpinionStatus)
    : 'received';
  const published = o.answer_published_at !== null;
  return {
    code: o.code,
    unitName: o.party_org_name ?? o.unit_name ?? '',
    status,
    statusLabel: OPINION_STATUS_LABELS[status],
    receivedAt: o.created_at,
    problemTitle: o.problem_title,
    answer: published ? o.answer : null,
    answeredAt: published ? o.answer_published_at : null,
  };
}
