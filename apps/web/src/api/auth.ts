import type { Problem } from './client';
import { ApiError } from './client';
import { getSession, setSession, type Session, type SessionUser } from './session';
import { currentLanguage } from '../i18n';

interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

// Sign-in calls go around the typed client: its middleware renews tokens, which must not recurse here.
async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN',
    },
    body: JSON.stringify(body),
  });
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { title: `HTTP ${response.status}`, status: response.status };
  }
}

function sessionFrom(tokens: TokenResponse, organizationId?: string): Session {
  const organizations = tokens.user.organizations;
  return {
    user: tokens.user,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    organizationId: organizations.some((o) => o.id === organizationId)
      ? organizationId
      : organizations[0]?.id,
  };
}

/** Signs in; throws an ApiError with the API's reason (wrong password 401, too many tries 429). */
export async function login(email: string, password: string): Promise<Session> {
  const response = await post('/api/auth/login', { email: email.trim().toLowerCase(), password });
  if (!response.ok) throw new ApiError(await problemOf(response));
  const session = sessionFrom((await response.json()) as TokenResponse);
  setSession(session);
  return session;
}

// One renewal at a time: parallel requests near expiry share it (a refresh token works once).
let renewing: Promise<Session | null> | undefined;

/** Exchanges the refresh token for new tokens (and fresh memberships); signs out when it is no longer valid. */
export function refresh(): Promise<Session | null> {
  renewing ??= renew().finally(() => (renewing = undefined));
  return renewing;
}

async function renew(): Promise<Session | null> {
  const session = getSession();
  if (!session) return null;
  const response = await post('/api/auth/refresh', { refreshToken: session.refreshToken });
  if (!response.ok) {
    setSession(null);
    return null;
  }
  const next = sessionFrom((await response.json()) as TokenResponse, session.organizationId);
  setSession(next);
  return next;
}

/** Signs out here and on the server, which revokes the refresh token. */
export async function logout(): Promise<void> {
  const session = getSession();
  setSession(null);
  if (session) await post('/api/auth/logout', { refreshToken: session.refreshToken }).catch(() => {});
}

/** Acts for another of the user's organizations. */
export function actFor(organizationId: string): void {
  const session = getSession();
  if (session?.user.organizations.some((organization) => organization.id === organizationId))
    setSession({ ...session, organizationId });
}
