/**
 * The lint rule that keeps SQL in the repositories: a query built in a use case, route, audit module or CLI
 * command fails lint; the same query in a repository passes. (Tests themselves may build queries to tamper.)
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

async function sqlMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath });
  const messages = result?.messages ?? [];
  // A parsing error would make the check meaningless: fail loudly instead of passing on no messages.
  expect(messages.filter((m) => m.fatal === true)).toEqual([]);
  return messages.filter((m) => SQL_RULE.test(m.message)).map((m) => m.message);
}

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
