/**
 * Reading the back office's opinions: one page of the inbox in the reader's scope (only those assigned to them for
 * readers whose rule is `own`), and one opinion with what the reader may do. The submitter's name and contact are
 * sent only to readers the permission matrix lets see them.
 */
import type { Kysely } from 'kysely';
import type { TOpinionList, TOpinionListItem, TOpinionListQuery, TOpinionView } from '@shared/api.ts';
import { todayInChina } from '@shared/chinese.ts';
import {
  OPINION_STATUS_LABELS,
  OPINION_STATUSES,
  opinionStep,
  type TOpinionStatus,
} from '@shared/opinions.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TActor } from '../../policies/actor.ts';
import { can, ruleOf, type TPolicyObject } from '../../policies/policy.ts';
import {
  getOpinion,
  listOpinions,
  peopleOfUnit,
  problemsOfUnit,
  type TOpinionRow,
} from '../../repositories/opinion-inbox.repository.ts';
import { unitPathOf } from '../../repositories/unit.repository.ts';

type Db = Kysely<Database>;

export const OPINION_NOT_FOUND = '该意见不存在';
const CHOICES_LIMIT = 500;

const statusOf = (s: string): TOpinionStatus =>
  (OPINION_STATUSES as readonly string[]).includes(s) ? (s as TOpinionStatus) : 'received';

/** The policy object of an opinion: its unit, and its handler for rules that read `own`. */
export function opinionObject(o: { unit_id: number; handler_person_id: number | null }): TPolicyObject {
  return { unitId: o.unit_id, personId: o.handler_person_id };
}

/** An opinion the actor may read, or 404 (another unit's, or not assigned to a reader whose rule is `own`). */
export async function readableOpinion(db: Db, actor: TActor, id: number): Promise<TOpinionRow> {
  const o = await getOpinion(db, id, actor.scope, todayInChina());
  if (!o || !can(actor, 'opinion.read', opinionObject(o))) throw new AppError('NOT_FOUND', OPINION_NOT_FOUND);
  return o;
}

function line(r: {
  id: number;
  code: string;
  unit_id: number;
  unit_name: string;
  status: string;
  colour: TOpinionListItem['colour'];
  answer_due: string;
  created_at: string;
  content: string;
  problem_title: string | null;
  handler_name: string | null;
}): TOpinionListItem {
  const status = statusOf(r.status);
  return {
    id: r.id,
    code: r.code,
    unitId: r.unit_id,
    unitName: r.unit_name,
    status,
    statusLabel: OPINION_STATUS_LABELS[status],
    colour: r.colour,
    answerDue: r.answer_due,
    receivedAt: r.created_at,
    excerpt: r.content.length > 60 ? `${r.content.slice(0, 60)}…` : r.content,
    problemTitle: r.problem_title,
    handlerName: r.handler_name,
  };
}

/** One page of the inbox. */
export async function listOpinionInbox(
  db: Db,
  actor: TActor,
  query: TOpinionListQuery,
): Promise<TOpinionList> {
  const today = todayInChina();
  const page = { page: query.page, pageSize: query.pageSize };
  const rule = ruleOf(actor.role, 'opinion.read');
  if (rule === 'none' || rule === 'led' || (rule === 'own' && actor.personId === null))
    return { total: 0, ...page, items: [] };
  // The scope is applied in SQL as well: a unit outside it finds nothing.
  const unitPath = query.unit === undefined ? undefined : await unitPathOf(db, query.unit);
  if (query.unit !== undefined && unitPath === undefined) return { total: 0, ...page, items: [] };
  const { total, rows } = await listOpinions(
    db,
    actor.scope,
    {
      status: query.status,
      colour: query.colour,
      unitPath,
      q: query.q,
      handlerPersonId: rule === 'own' ? (actor.personId ?? undefined) : undefined,
      today,
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { total, ...page, items: rows.map(line) };
}

/** One opinion, as the reader may see it. */
export async function readOpinion(db: Db, actor: TActor, id: number): Promise<TOpinionView> {
  const o = await readableOpinion(db, actor, id);
  const object = opinionObject(o);
  const status = statusOf(o.status);
  const has = { answer: (o.answer ?? '') !== '' };
  const handles = can(actor, 'opinion.handle', object);
  const showContact = can(actor, 'opinion.read_contact', object);
  const [problems, people] = handles
    ? await Promise.all([
        problemsOfUnit(db, o.unit_id, CHOICES_LIMIT),
        peopleOfUnit(db, o.unit_id, CHOICES_LIMIT),
      ])
    : [[], []];
  return {
    ...line(o),
    version: o.version,
    content: o.content,
    name: showContact ? o.name : null,
    contact: showContact ? o.contact : null,
    contactHidden: !showContact && (o.name !== null || o.contact !== null),
    publicAnnouncementId: o.public_announcement_id,
    problemId: o.problem_id,
    measure:
      o.measure_id === null || o.measure_inspection_id === null
        ? null
        : { id: o.measure_id, inspectionId: o.measure_inspection_id, content: o.measure_content ?? '' },
    handlerPersonId: o.handler_person_id,
    triageNote: o.triage_note,
    answer: o.answer,
    answerDraftedAt: o.answer_drafted_at,
    answerPublishedAt: o.answer_published_at,
    choices: {
      problems: problems.map((p) => ({ id: p.id, label: `${p.inspection_title}：${p.number}. ${p.title}` })),
      people: people.map((p) => ({ id: p.id, name: p.name })),
    },
    can: {
      triage: handles && opinionStep(status, 'accept', has).ok,
      assign: handles && opinionStep(status, 'assign', has).ok,
      answer: can(actor, 'opinion.answer', object) && opinionStep(status, 'draft_answer', has).ok,
      publish: handles && opinionStep(status, 'publish_answer', has).ok,
    },
  };
}
