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

/** Measure writes through one door each: state changes in apply-transition.ts, field edits in measure-snapshot.ts. */
export const MEASURE_WRITE_DOORS = {
  files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
  ignores: [
    'src/server/repositories/**',
    'src/server/use-cases/measures/apply-transition.ts',
    'src/server/use-cases/measures/measure-snapshot.ts',
    'src/server/test-support/**',
    '**/*.test.ts',
  ],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/repositories/measure.repository.ts'],
            importNames: ['insertTransition', 'updateMeasureAtVersion'],
            message:
              'Measures change state through applyTransition() and fields through updateMeasureAudited(): the doors that keep the rules.',
          },
        ],
      },
    ],
  },
};
