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

// The demo users of `npm start`, as the development headers know them, used only while the API has no
// sign-in endpoint (it answers 404): the identities match those the demo data acted with.
const DEMO_PASSWORD = 'Grantflow@2026';
const DEMO_USERS: Record<string, Omit<SessionUser, 'email'>> = {
  'district@demo.grantflow.cn': {
    id: 'demo-district-coordinator',
    displayName: '区级协调员',
    roles: ['coordinator:district'],
    organizations: [],
  },
  'street@demo.grantflow.cn': {
    id: 'demo-coordinator-湖滨街道',
    displayName: '湖滨街道协调员',
    roles: ['coordinator:street'],
    scope: '湖滨街道',
    organizations: [],
  },
  'leader@demo.grantflow.cn': {
    id: 'demo-leader',
    displayName: '区领导',
    roles: ['leadership'],
    organizations: [],
  },
  'purchaser@demo.grantflow.cn': {
    id: 'demo-purchaser',
    displayName: '采购单位',
    roles: ['purchaser'],
    organizations: [],
  },
  'admin@demo.grantflow.cn': {
    id: 'demo-admin',
    displayName: '系统管理员',
    roles: ['admin'],
    organizations: [],
  },
  'applicant@demo.grantflow.cn': {
    id: 'demo-applicant',
    displayName: '申报单位',
    roles: ['applicant'],
    organizations: [],
  },
};

function demoUser(email: string): Omit<SessionUser, 'email'> | undefined {
  const expert = /^expert(\d+)@demo\.grantflow\.cn$/.exec(email);
  if (expert)
    return {
      id: `expert-district-${expert[1].padStart(2, '0')}`,
      displayName: `评审专家 ${expert[1]}`,
      roles: ['reviewer'],
      organizations: [],
    };
  return DEMO_USERS[email];
}

async function post(path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
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
  const normalized = email.trim().toLowerCase();
  const response = await post('/api/auth/login', { email: normalized, password });
  if (response.status === 404) {
    const user = demoUser(normalized);
    if (!user || password !== DEMO_PASSWORD)
      throw new ApiError({
        status: 401,
        title: currentLanguage() === 'en' ? 'Wrong e-mail or password' : '邮箱或密码错误',
      });
    const session: Session = { user: { ...user, email: normalized } };
    setSession(session);
    return session;
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  const session = sessionFrom((await response.json()) as TokenResponse);
  setSession(session);
  return session;
}

/** Exchanges the refresh token for new tokens; signs out when it is no longer valid. */
export async function refresh(): Promise<Session | null> {
  const session = getSession();
  if (!session?.refreshToken) return session;
  const response = await post('/api/auth/refresh', { refreshToken: session.refreshToken });
  if (!response.ok) {
    setSession(null);
    return null;
  }
  const next = sessionFrom((await response.json()) as TokenResponse, session.organizationId);
  setSession(next);
  return next;
}

/** Signs out here and, with tokens, on the server too. */
export async function logout(): Promise<void> {
  const session = getSession();
  setSession(null);
  if (session?.refreshToken)
    await post('/api/auth/logout', { refreshToken: session.refreshToken }).catch(() => {});
}
