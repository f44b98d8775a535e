/**
 * The back office's steps on an opinion from the public: triage (受理, linked to a problem or measure of the unit; or
 * 不属于受理范围 with a reason the public is told), assign a handler, draft the answer, publish it to the code's page.
 * Each step goes through `opinionStep` (the one rule), checks the actor on the opinion's unit, refuses a stale
 * version, writes its audit entry in the same transaction and tells the people who act next.
 */
import type { Kysely } from 'kysely';
import { opinionStep, type TOpinionAction, type TOpinionStatus } from '@shared/opinions.ts';
import { ROLES } from '@shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can, ruleOf, type TPolicyAction } from '../../policies/policy.ts';
import { appendAudit, auditActor } from '../../repositories/audit.repository.ts';
import { insertNotifications } from '../../repositories/notification.repository.ts';
import {
  measureOfUnit,
  personOfUnit,
  problemOfUnit,
  type TOpinionRow,
  updateOpinionIfVersion,
} from '../../repositories/opinion-inbox.repository.ts';
import { activeAccountsOfPeople, activeUsersOfUnit } from '../../repositories/user.repository.ts';
import { inTransaction, nowIso } from '../transaction.ts';
import { opinionObject, readableOpinion } from './read-opinions.ts';

type Db = Kysely<Database>;

const STALE = '该意见已被他人处理，请刷新后重试';
/** Who triages and publishes: the roles whose rule for `opinion.handle` is `all`. */
export const OPINION_HANDLERS = ROLES.filter((r) => ruleOf(r, 'opinion.handle') === 'all');

/** Tells these accounts about the opinion (a link to it in the back office). */
export async function noticeOpinion(db: Db, userIds: number[], opinionId: number, text: string, at: string) {
  await insertNotifications(
    db,
    [...new Set(userIds)].map((userId) => ({
      user_id: userId,
      text,
      measure_id: null,
      link: `/opinions/${opinionId}`,
      created_at: at,
      read_at: null,
    })),
  );
}

/** The accounts of the unit's handlers (who triage and publish) — the recipients of a new opinion. */
export async function handlersOfUnit(db: Db, unitId: number): Promise<number[]> {
  return activeUsersOfUnit(db, OPINION_HANDLERS, unitId);
}

async function accountsOfPerson(db: Db, personId: number, except: number | null): Promise<number[]> {
  return (await activeAccountsOfPeople(db, [personId])).map((u) => u.id).filter((id) => id !== except);
}

/** Tells the person now handling the opinion (their accounts, but not the one assigning). */
async function askToHandle(db: Db, personId: number, actor: TActor, o: TOpinionRow, at: string) {
  const text = `请承办群众监督意见（查询码 ${o.code}），于 ${o.answer_due} 前拟写答复`;
  await noticeOpinion(db, await accountsOfPerson(db, personId, actor.userId), o.id, text, at);
}

type TStep = {
  db: Db;
  actor: TActor;
  opinionId: number;
  version: number;
  action: TOpinionAction;
  permission: TPolicyAction;
  forbidden: string;
};

/** Reads the opinion, checks the actor, the step and the version; runs `write` in the same transaction. */
async function step<T>(
  s: TStep,
  write: (trx: Db, o: TOpinionRow, to: TOpinionStatus, at: string) => Promise<T>,
): Promise<T> {
  return inTransaction(s.db, async (trx) => {
    const o = await readableOpinion(trx, s.actor, s.opinionId);
    if (!can(s.actor, s.permission, opinionObject(o))) throw new AppError('FORBIDDEN', s.forbidden);
    const next = opinionStep(o.status as TOpinionStatus, s.action, { answer: (o.answer ?? '') !== '' });
    if (!next.ok) throw new AppError('CONFLICT', next.reason);
    if (o.version !== s.version) throw new AppError('CONFLICT', STALE);
    return write(trx, o, next.to, nowIso());
  });
}

async function audit(
  trx: Db,
  actor: TActor,
  kind: Parameters<typeof appendAudit>[1]['kind'],
  o: TOpinionRow,
  change: { before: Record<string, unknown>; after: Record<string, unknown> },
  at: string,
) {
  await appendAudit(trx, {
    kind,
    ...auditActor(actor),
    objectType: 'opinion',
    objectId: o.id,
    unitId: o.unit_id,
    before: { code: o.code, ...change.before },
    after: { code: o.code, ...change.after },
    at,
  });
}

const FORBIDDEN_HANDLE = '只有本单位整改联络员或第一责任人可以受理、指派和发布答复';

/** 受理 (linked to a problem or measure of the unit, optionally assigned) or 不属于受理范围 (the reason is published). */
export async function triageOpinion(
  db: Db,
  actor: TActor,
  opinionId: number,
  input: {
    version: number;
    decision: 'accept' | 'out_of_scope';
    problemId: number | null;
    measureId: number | null;
    handlerPersonId: number | null;
    reason: string;
  },
): Promise<void> {
  const action: TOpinionAction = input.decision === 'accept' ? 'accept' : 'out_of_scope';
  const s = { db, actor, opinionId, version: input.version, action, permission: 'opinion.handle' as const };
  await step({ ...s, forbidden: FORBIDDEN_HANDLE }, async (trx, o, to, at) => {
    if (action === 'out_of_scope') {
      const set = { status: to, triage_note: input.reason, answer: input.reason, answer_published_at: at };
      if (
        !(await updateOpinionIfVersion(trx, o.id, o.version, {
          ...set,
          triaged_by: actor.userId,
          triaged_at: at,
        }))
      )
        throw new AppError('CONFLICT', STALE);
      await audit(trx, actor, 'opinion.out_of_scope', o, { before: { status: o.status }, after: set }, at);
      return;
    }
    let problemId = input.problemId ?? o.problem_id;
    let problemTitle = o.problem_title;
    if (input.measureId !== null) {
      const m = await measureOfUnit(trx, o.unit_id, input.measureId);
      if (!m) throw new AppError('UNPROCESSABLE', '所选措施不属于该单位');
      if (input.problemId !== null && input.problemId !== m.problem_id)
        throw new AppError('UNPROCESSABLE', '所选措施不属于所选问题');
      problemId = m.problem_id;
      problemTitle = `${m.number}. ${m.title}`;
    } else if (input.problemId !== null) {
      const p = await problemOfUnit(trx, o.unit_id, input.problemId);
      if (!p) throw new AppError('UNPROCESSABLE', '所选问题不属于该单位');
      problemTitle = `${p.number}. ${p.title}`;
    }
    const handler =
      input.handlerPersonId === null ? null : await personOfUnit(trx, o.unit_id, input.handlerPersonId);
    if (input.handlerPersonId !== null && !handler) throw new AppError('UNPROCESSABLE', '承办人不属于该单位');
    const set = {
      status: to,
      problem_id: problemId,
      problem_title: problemTitle,
      measure_id: input.measureId,
      handler_person_id: handler?.id ?? o.handler_person_id,
      triage_note: input.reason === '' ? null : input.reason,
    };
    if (
      !(await updateOpinionIfVersion(trx, o.id, o.version, {
        ...set,
        triaged_by: actor.userId,
        triaged_at: at,
      }))
    )
      throw new AppError('CONFLICT', STALE);
    await audit(
      trx,
      actor,
      'opinion.accepted',
      o,
      {
        before: { status: o.status, problemId: o.problem_id, measureId: o.measure_id },
        after: { status: to, problemId, measureId: input.measureId, handlerPersonId: set.handler_person_id },
      },
      at,
    );
    if (handler && handler.id !== o.handler_person_id) await askToHandle(trx, handler.id, actor, o, at);
  });
}

/** Names (or changes) the person who handles an accepted opinion; they are told. */
export async function assignOpinion(
  db: Db,
  actor: TActor,
  opinionId: number,
  input: { version: number; personId: number },
): Promise<void> {
  const s = { db, actor, opinionId, version: input.version, action: 'assign' as const };
  await step({ ...s, permission: 'opinion.handle', forbidden: FORBIDDEN_HANDLE }, async (trx, o, _to, at) => {
    const person = await personOfUnit(trx, o.unit_id, input.personId);
    if (!person) throw new AppError('UNPROCESSABLE', '承办人不属于该单位');
    if (!(await updateOpinionIfVersion(trx, o.id, o.version, { handler_person_id: person.id })))
      throw new AppError('CONFLICT', STALE);
    const change = {
      before: { handlerPersonId: o.handler_person_id },
      after: { handlerPersonId: person.id },
    };
    await audit(trx, actor, 'opinion.assigned', o, change, at);
    await askToHandle(trx, person.id, actor, o, at);
  });
}

/** Drafts (or redrafts) the answer; a handler's draft is put before the unit's handlers to publish. */
export async function draftOpinionAnswer(
  db: Db,
  actor: TActor,
  opinionId: number,
  input: { version: number; answer: string },
): Promise<void> {
  const forbidden = '只有承办人、整改联络员或第一责任人可以拟写答复';
  const s = { db, actor, opinionId, version: input.version, action: 'draft_answer' as const };
  await step({ ...s, permission: 'opinion.answer', forbidden }, async (trx, o, _to, at) => {
    const set = { answer: input.answer, answer_drafted_by: actor.userId, answer_drafted_at: at };
    if (!(await updateOpinionIfVersion(trx, o.id, o.version, set))) throw new AppError('CONFLICT', STALE);
    await audit(
      trx,
      actor,
      'opinion.answer_drafted',
      o,
      { before: { answer: o.answer }, after: { answer: input.answer } },
      at,
    );
    if (!can(actor, 'opinion.handle', opinionObject(o)))
      await noticeOpinion(
        trx,
        (await handlersOfUnit(trx, o.unit_id)).filter((id) => id !== actor.userId),
        o.id,
        `群众监督意见（查询码 ${o.code}）的答复已拟好，请审核发布`,
        at,
      );
  });
}

/** Publishes the drafted answer: the code's public page shows it from now on. */
export async function publishOpinionAnswer(
  db: Db,
  actor: TActor,
  opinionId: number,
  input: { version: number },
): Promise<void> {
  const s = { db, actor, opinionId, version: input.version, action: 'publish_answer' as const };
  await step({ ...s, permission: 'opinion.handle', forbidden: FORBIDDEN_HANDLE }, async (trx, o, to, at) => {
    const set = { status: to, answer_published_at: at, answer_published_by: actor.userId };
    if (!(await updateOpinionIfVersion(trx, o.id, o.version, set))) throw new AppError('CONFLICT', STALE);
    const change = { before: { status: o.status }, after: { status: to, answer: o.answer } };
    await audit(trx, actor, 'opinion.answer_published', o, change, at);
    if (o.handler_person_id !== null)
      await noticeOpinion(
        trx,
        await accountsOfPerson(trx, o.handler_person_id, actor.userId),
        o.id,
        `群众监督意见（查询码 ${o.code}）的答复已发布`,
        at,
      );
  });
}
