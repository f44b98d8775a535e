/**
 * The back office of opinions in the permission matrix: who reads an opinion (its unit's coordinator, principal
 * and supervisor, the inspection office over it, and the person it is assigned to), who triages, assigns and
 * publishes (coordinator, principal), who drafts (they and the assignee). Everyone else in scope who may read gets
 * 403; anyone who may not read the opinion finds nothing (404).
 */
import type { TRole } from '@shared/domain.ts';
import { answerDueOf } from '@shared/opinions.ts';
import { ALL, type TCtx, type TRule, type TWhere, unitOf } from './permission-rules.ts';

/** A fresh opinion to the actor's own or the other unit, assigned to that unit's leader (own) or a person there. */
export async function freshOpinion(
  c: TCtx,
  status: 'received' | 'accepted' = 'received',
  answer: string | null = null,
): Promise<number> {
  const at = new Date().toISOString();
  const { id } = await c.fx.db
    .insertInto('opinions')
    .values({
      code: `M${String(c.n).padStart(4, '0')}-${c.where === 'own' ? 'OWN' : 'OTH'}${Math.floor(Math.random() * 1e6)}`,
      unit_id: unitOf(c),
      public_announcement_id: null,
      problem_id: null,
      problem_title: null,
      content: '矩阵测试的意见内容',
      name: '张三',
      contact: '13800000000',
      content_hash: `h${c.n}${c.where}`,
      address_hash: 'matrix',
      status,
      answer,
      answer_published_at: null,
      created_at: at,
      answer_due: answerDueOf(at),
      handler_person_id: c.where === 'own' ? c.fx.leaderId : c.ids.otherPerson,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const READERS_IN_UNIT: readonly TRole[] = ['coordinator', 'principal', 'supervisor', 'leader'];

/** Readers get `ok` when allowed, else 403; those who may not read the opinion get 404. */
export const opinionRule = (ok: number, allowed: readonly TRole[]) => (role: TRole, where: TWhere) => {
  const reads = role === 'inspection_office' || (where === 'own' && READERS_IN_UNIT.includes(role));
  if (!reads) return 404;
  return allowed.includes(role) ? ok : 403;
};

const post = (path: string, id: number, payload: Record<string, unknown>) => ({
  method: 'POST' as const,
  url: `/api/opinions/${id}/${path}`,
  payload: { version: 1, ...payload },
});

export const OPINION_ROUTE_RULES: Record<string, TRule> = {
  'GET /api/opinions': {
    request: async (c) => {
      await freshOpinion(c);
      return { method: 'GET', url: `/api/opinions?unit=${unitOf(c)}` };
    },
    // Another unit's opinions are simply not listed (tested in opinion-inbox.test.ts).
    expect: ALL(200),
  },
  'GET /api/opinions/:id': {
    request: async (c) => ({ method: 'GET', url: `/api/opinions/${await freshOpinion(c)}` }),
    expect: opinionRule(200, ['inspection_office', ...READERS_IN_UNIT]),
  },
  'POST /api/opinions/:id/triage': {
    request: async (c) => post('triage', await freshOpinion(c), { decision: 'accept' }),
    expect: opinionRule(200, ['coordinator', 'principal']),
  },
  'POST /api/opinions/:id/assign': {
    request: async (c) =>
      post('assign', await freshOpinion(c, 'accepted'), {
        personId: c.where === 'own' ? c.fx.personId : c.ids.otherPerson,
      }),
    expect: opinionRule(200, ['coordinator', 'principal']),
  },
  'POST /api/opinions/:id/answer': {
    request: async (c) =>
      post('answer', await freshOpinion(c, 'accepted'), { answer: '经核查，已按要求整改。' }),
    expect: opinionRule(200, ['coordinator', 'principal', 'leader']),
  },
  'POST /api/opinions/:id/publish': {
    request: async (c) => post('publish', await freshOpinion(c, 'accepted', '经核查，已按要求整改。'), {}),
    expect: opinionRule(200, ['coordinator', 'principal']),
  },
};
