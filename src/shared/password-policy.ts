/** The password policy, shared by the server (enforcing) and the web (explaining as the user types). */

/** Minimum length. */
export const MIN_PASSWORD_LENGTH = 10;

/** Passwords too common to allow, compared case-insensitively. */
const COMMON = new Set([
  '1234567890',
  '12345678910',
  '123456789a',
  'a123456789',
  '0123456789',
  '9876543210',
  '1111111111',
  '1q2w3e4r5t',
  'qwertyuiop',
  'qwerty123456',
  'asdfghjkl;',
  'zxcvbnm123',
  'password123',
  'password1234',
  'passw0rd123',
  'p@ssw0rd123',
  'admin12345',
  'admin123456',
  'administrator',
  'abc1234567',
  'abcd123456',
  'abcdefghij',
  'iloveyou123',
  'woaini1314',
  'woaini123456',
  'qq123456789',
  'aa123456789',
  'zhenggai123',
  'zhenggai2026',
  'welcome123',
  'changeme123',
  'letmein1234',
  '1qaz2wsx3edc',
  '1qaz@wsx3edc',
  'qazwsxedc123',
]);

/**
 * Words that common passwords are built from ("Password@123", "Admin#2024", "Woaini1314!"): a password that is one
 * of them once digits and symbols are taken away (and 0/1/3/4/5/@/$ read as letters) is refused.
 */
const COMMON_WORDS = new Set([
  'password',
  'passwd',
  'admin',
  'administrator',
  'root',
  'qwerty',
  'qwertyuiop',
  'asdf',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'qazwsx',
  'qazwsxedc',
  'qaz',
  'wsx',
  'abc',
  'abcd',
  'abcde',
  'abcdef',
  'welcome',
  'iloveyou',
  'woaini',
  'letmein',
  'changeme',
  'test',
  'guest',
  'user',
  'master',
  'dragon',
  'monkey',
  'shadow',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'trustno',
  'hello',
  'china',
  'beijing',
  'shanghai',
  'system',
  'manager',
  'p',
  'a',
  'q',
  'qq',
  'aa',
  'aaa',
  'wang',
  'zhang',
  'li',
  'liu',
  'chen',
]);

/** Character classes counted by the policy: lower case, upper case, digits, others. */
const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** The letters a password is built from, with the usual substitutions read back. */
function baseWord(password: string): string {
  const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '@': 'a', $: 's' };
  const trimmed = password.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, '');
  return [...trimmed]
    .map((ch) => leet[ch] ?? ch)
    .join('')
    .replace(/[^a-z]/g, '');
}

/** The problems with a proposed password, in Chinese; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`密码至少 ${MIN_PASSWORD_LENGTH} 位`);
  if (CLASSES.filter((c) => c.test(password)).length < 3)
    problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('密码不能包含用户名');
  if (COMMON.has(password.toLowerCase()) || COMMON_WORDS.has(baseWord(password)))
    problems.push('该密码过于常见，请换一个');
  if (/^(.)\1+$/.test(password)) problems.push('密码不能是同一个字符的重复');
  return problems;
}
