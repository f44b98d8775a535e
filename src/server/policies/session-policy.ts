/** The session and password rules: lock-out, lifetimes, when a password must be changed. */
import type { UserRow } from '../db/schema.ts';

/** Failed logins in a row that lock an account. */
export const MAX_FAILED_LOGINS = 5;
/** How long a lock lasts. */
export const LOCK_MINUTES = 15;

/** Session lifetimes and the password rules applied at each request. */
export type TSessionPolicy = {
  idleMinutes: number;
  maxHours: number;
  /** Days after which a password must be changed (0: never). */
  passwordMaxAgeDays: number;
  /** Demo mode: demo accounts may keep the printed demo password. */
  isDemo: boolean;
};

/** The session policy from the configuration. */
export function sessionPolicy(config: {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  passwordMaxAgeDays: number;
  isDemo: boolean;
}): TSessionPolicy {
  return {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
    passwordMaxAgeDays: config.passwordMaxAgeDays,
    isDemo: config.isDemo,
  };
}

/**
 * Why the user must change the password before anything else, or null: reset or created by an administrator,
 * older than the maximum age, or a demo account's printed password on a server that is not in demo mode.
 */
export function passwordChangeReason(user: UserRow, policy: TSessionPolicy, now = Date.now()): string | null {
  if (user.must_change_password === 1) return '首次登录或密码被重置后，请先修改密码';
  if (user.is_demo === 1 && !policy.isDemo) return '演示账号的初始密码已公开，请先修改密码';
  if (policy.passwordMaxAgeDays > 0) {
    const since = Date.parse(user.password_changed_at ?? user.created_at);
    if (now - since > policy.passwordMaxAgeDays * 86_400_000)
      return `密码已使用超过 ${policy.passwordMaxAgeDays} 天，请修改密码`;
  }
  return null;
}

/** The one answer to every failed login: it does not tell an unknown, a locked or a disabled account apart. */
export const LOGIN_FAILED_MESSAGE = `用户名或密码错误；连续错误 ${MAX_FAILED_LOGINS} 次，账号将锁定 ${LOCK_MINUTES} 分钟`;
