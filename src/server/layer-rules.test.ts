/**
 * The lint rules that keep the layers true: a query built in a use case, route, audit module or CLI command fails
 * lint, the same query in a repository passes (tests themselves may build queries to tamper); a measure's state or
 * fields are written only through applyTransition() and updateMeasureAudited().
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const SQL_RULE = /SQL is built only in src\/server\/repositories/;

const PROBES = {
  builder: [
    "import type { Kysely } from 'kysely';",
    "import type { Database } from '../../db/schema.ts';",
    "export const probe = (db: Kysely<Database>) => db.selectFrom('users').selectAll().execute();",
  ].join('\n'),
  update: [
    "import type { Kysely } from 'kysely';",
    "import type { Database } from '../../db/schema.ts';",
    "export const probe = (db: Kysely<Database>) => db.updateTable('users').set({ is_active: 0 }).execute();",
  ].join('\n'),
  raw: ["import { sql } from 'kysely';", 'export const probe = sql`select 1`;'].join('\n'),
};

async function messagesMatching(filePath: string, code: string, rule: RegExp): Promise<string[]> {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath });
  const messages = result?.messages ?? [];
  // A parsing error would make the check meaningless: fail loudly instead of passing on no messages.
  expect(messages.filter((m) => m.fatal === true)).toEqual([]);
  return messages.filter((m) => rule.test(m.message)).map((m) => m.message);
}
const sqlMessages = (filePath: string, code: string) => messagesMatching(filePath, code, SQL_RULE);

describe('SQL only in repositories (lint)', () => {
  it.each([
    'src/server/use-cases/measures/comment-measure.ts',
    'src/server/routes/auth.routes.ts',
    'src/server/audit/audit-chain.ts',
    'src/server/presenters/measure.presenter.ts',
    'src/cli/main.ts',
  ])(
    'fails a query built in %s',
    async (filePath) => {
      for (const code of Object.values(PROBES))
        expect((await sqlMessages(filePath, code)).length).toBeGreaterThan(0);
    },
    60_000,
  );

  it.each(['src/server/repositories/measure.repository.ts', 'src/server/db/schema.ts'])(
    'lets %s build queries',
    async (filePath) => {
      for (const code of Object.values(PROBES)) expect(await sqlMessages(filePath, code)).toEqual([]);
    },
    60_000,
  );
});

describe('measure writes through their doors (lint)', () => {
  const DOOR_RULE = /applyTransition\(\) and fields through updateMeasureAudited\(\)/;
  const probe = [
    "import { insertTransition, updateMeasureAtVersion } from '../../repositories/measure.repository.ts';",
    'export const probe = [insertTransition, updateMeasureAtVersion];',
  ].join('\n');

  it.each([
    'src/server/use-cases/measures/record-progress.ts',
    'src/server/use-cases/lookbacks/lookbacks.ts',
  ])(
    'refuses the raw state and version writes in %s',
    async (filePath) => {
      expect((await messagesMatching(filePath, probe, DOOR_RULE)).length).toBe(2);
    },
    60_000,
  );

  it('lets the door itself use them', async () => {
    expect(
      await messagesMatching('src/server/use-cases/measures/apply-transition.ts', probe, DOOR_RULE),
    ).toEqual([]);
  }, 60_000);
});
