// Who is signed in, kept in localStorage so a reload keeps the session. The only place that knows how a
// session turns into request credentials is `credentialHeaders` below.

export type OrganizationRole = 'admin' | 'member';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  scope?: string;
  organizations: { id: string; name: string; role: OrganizationRole }[];
}

export interface Session {
  user: SessionUser;
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, ms since the epoch. */
  expiresAt: number;
  /** The organization the user acts for, one of `user.organizations`. */
  organizationId?: string;
}

const STORAGE_KEY = 'grantflow.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

let current: Session | null = readStored();

function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The credentials of a request: the bearer token, and the organization the user acts for. */
export function credentialHeaders(session: Session | null): Record<string, string> {
  if (!session?.accessToken) return {};
  const headers: Record<string, string> = { Authorization: `Bearer ${session.accessToken}` };
  if (session.organizationId) headers['X-Organization-Id'] = session.organizationId;
  return headers;
}
