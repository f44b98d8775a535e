/** `zhenggai admin create --username NAME [--password P] [--display-name N] [--db URL]`. */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { systemActor } from '@server/policies/actor.ts';
import { createUser } from '@server/use-cases/users/create-user.ts';
import { CliUsageError, out, parseFlags } from './cli-io.ts';
import { withDatabase } from './database-url.ts';

/** Creates a system administrator; prints a generated password when none is given. */
export async function runAdmin(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create')
    throw new CliUsageError(
      '用法：zhenggai admin create --username NAME [--password P] [--display-name 名称] [--db URL]',
    );
  const { values } = parseFlags(rest, {
    username: { type: 'string' },
    password: { type: 'string' },
    'display-name': { type: 'string' },
    db: { type: 'string' },
  });
  const username = typeof values.username === 'string' ? values.username : undefined;
  if (!username) throw new CliUsageError('请用 --username 指定用户名');
  const generated = typeof values.password !== 'string';
  const password =
    typeof values.password === 'string' ? values.password : randomBytes(12).toString('base64url');
  return withDatabase(typeof values.db === 'string' ? values.db : undefined, async ({ db }) => {
    const id = await createUser({
      db,
      actor: systemActor(`cli:${userInfo().username}`),
      username,
      displayName: typeof values['display-name'] === 'string' ? values['display-name'] : '系统管理员',
      password,
      role: 'admin',
      unitId: null,
      // A generated password is only a way in: the administrator chooses their own at first login.
      mustChangePassword: generated,
    });
    out(`已创建系统管理员 ${username}（#${id}）`);
    if (generated) out(`初始密码：${password}（首次登录后须修改）`);
    return 0;
  });
}
