/**
 * Opinions from the public still owed an answer: when the answer deadline is near (the yellow of the opinion's
 * colour) the person handling it is reminded — or, while nobody is assigned, the unit's handlers — and once more
 * when it has passed, then the unit's handlers as well. Paged by id; each reminder once per opinion, deadline and
 * recipient.
 */
import type { Kysely } from 'kysely';
import { addDays } from '@shared/chinese.ts';
import { OPINION_YELLOW_DAYS } from '@shared/opinions.ts';
import type { TReminderRule } from '@shared/reminders.ts';
import type { Database } from '../../db/schema.ts';
import { opinionsDueBy } from '../../repositories/opinion-inbox.repository.ts';
import { activeAccountsOfPeople, activeAccountsOfUnits } from '../../repositories/user.repository.ts';
import { OPINION_HANDLERS } from '../opinions/handle-opinion.ts';
import { eachPageInTransaction, remindAbout } from './object-reminders.ts';

const PAGE = 500;

/** Runs the opinion rules for `day`. */
export async function remindOpinions(
  db: Kysely<Database>,
  day: string,
  at: string,
  count: (rule: TReminderRule, n: number) => void,
): Promise<void> {
  await eachPageInTransaction(
    db,
    PAGE,
    (afterId) => opinionsDueBy(db, addDays(day, OPINION_YELLOW_DAYS), afterId, PAGE),
    async (trx, page) => {
      const people = [
        ...new Set(page.flatMap((o) => (o.handler_person_id === null ? [] : [o.handler_person_id]))),
      ];
      const byPerson = new Map<number, number[]>();
      for (const u of await activeAccountsOfPeople(trx, people))
        if (u.person_id !== null) byPerson.set(u.person_id, [...(byPerson.get(u.person_id) ?? []), u.id]);
      const byUnit = new Map<number, number[]>();
      const units = [...new Set(page.map((o) => o.unit_id))];
      for (const u of await activeAccountsOfUnits(trx, OPINION_HANDLERS, units))
        byUnit.set(u.unit_id ?? 0, [...(byUnit.get(u.unit_id ?? 0) ?? []), u.id]);
      for (const o of page) {
        const late = o.answer_due < day;
        const rule: TReminderRule = late ? 'opinion_overdue' : 'opinion_due';
        const handler = o.handler_person_id === null ? [] : (byPerson.get(o.handler_person_id) ?? []);
        const handlers = byUnit.get(o.unit_id) ?? [];
        const recipients = late || handler.length === 0 ? [...handler, ...handlers] : handler;
        const what = `群众监督意见（查询码 ${o.code}）`;
        const text = late
          ? `【意见答复逾期】${what}应于 ${o.answer_due} 前答复，现已逾期，请尽快答复`
          : `【意见答复提醒】${what}请于 ${o.answer_due} 前答复`;
        const object = { type: 'opinion' as const, id: o.id, link: `/opinions/${o.id}` };
        count(
          rule,
          await remindAbout(
            trx,
            object,
            { rule, subject: `answer:${o.answer_due}`, day, at, text },
            recipients,
          ),
        );
      }
    },
  );
}
