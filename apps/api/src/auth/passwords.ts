import { hash, verify, Algorithm } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 30 ms here, far too slow to guess at scale.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password as an argon2id PHC string (parameters and salt inside). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified when the account does not exist, so that the answer takes as long as for a wrong password and
// response times do not tell which e-mail addresses have accounts.
const UNKNOWN_ACCOUNT_HASH = hashPassword('grantflow: no such account');

/** True when the password matches; false for no stored hash (an invitation not yet accepted). */
export async function passwordMatches(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await UNKNOWN_ACCOUNT_HASH, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Rules for a new password, as field problems' codes; empty when acceptable. */
export function passwordWeaknesses(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('too_short');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) problems.push('too_simple');
  const mailbox = email?.split('@')[0].toLowerCase() ?? '';
  if (mailbox.length >= 4 && password.toLowerCase().includes(mailbox)) problems.push('contains_email');
  return problems;
}
