// Layer rules enforced by lint (imported by eslint.config.js and by the test that proves them).

/** Named exports only. */
export const NAMED_EXPORTS_ONLY = { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' };

const SQL_MESSAGE =
  'SQL is built only in src/server/repositories (and src/server/db migrations): add a repository function and call it.';

/** Query-building syntax: the query builder's entry points, raw `sql` templates, importing `sql` from kysely. */
export const SQL_SYNTAX = [
  {
    selector:
      'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]',
    message: SQL_MESSAGE,
  },
  { selector: "TaggedTemplateExpression[tag.name='sql']", message: SQL_MESSAGE },
  { selector: "TaggedTemplateExpression[tag.object.name='sql']", message: SQL_MESSAGE },
  {
    selector: "ImportDeclaration[source.value='kysely'] ImportSpecifier[imported.name='sql']",
    message: SQL_MESSAGE,
  },
];

/** Where SQL may not be built: all server and CLI code except repositories, migrations and test set-up. */
export const SQL_RESTRICTED_FILES = ['src/server/**/*.ts', 'src/cli/**/*.ts'];
export const SQL_ALLOWED_FILES = [
  'src/server/repositories/**',
  'src/server/db/**',
  'src/server/test-support/**',
  // Tests build queries on purpose: they tamper with rows (audit trail, versions) to prove the rules hold.
  '**/*.test.ts',
];
