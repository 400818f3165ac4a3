import type { Server } from 'node:http';
import request from 'supertest';
import { ADMINISTRATOR } from './auth';

/**
 * Opens an account as anyone can (self-registration), then gives it staff roles as an administrator would.
 * Returns the user's id.
 */
export async function registerAccount(
  server: Server,
  account: { email: string; password: string; displayName: string; roles?: string[]; scope?: string },
): Promise<string> {
  const { body } = await request(server)
    .post('/api/auth/register')
    .send({ email: account.email, password: account.password, displayName: account.displayName })
    .expect(201);
  if (account.roles && account.roles.length > 0)
    await request(server)
      .patch(`/api/admin/users/${body.user.id}`)
      .set(ADMINISTRATOR)
      .send({ roles: account.roles, scope: account.scope })
      .expect(200);
  return body.user.id;
}
