import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { credentialHeaders, getSession, setSession } from './session';
import { currentLanguage } from '../i18n';
import { refresh } from './auth';

/** An RFC 9457 problem as the API renders it, in the language the request asked for. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field: string; code: string; message: string }[];
}

/** A refused or failed request; `problem` carries the API's reason for the user. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

const withCredentials: Middleware = {
  async onRequest({ request }) {
    // Renew an access token about to expire before it is refused.
    const session = getSession();
    if (session?.refreshToken && session.expiresAt && session.expiresAt - Date.now() < 30_000)
      await refresh();
    for (const [name, value] of Object.entries(credentialHeaders(getSession())))
      request.headers.set(name, value);
    // Problems come back in the language the user reads.
    request.headers.set('Accept-Language', currentLanguage() === 'en' ? 'en' : 'zh-CN');
    return request;
  },
};

/** The API client, typed by the OpenAPI document the build generates from the server's controllers. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(withCredentials);

function toProblem(error: unknown, status: number): Problem {
  if (error && typeof error === 'object' && 'title' in error) return error as Problem;
  return { title: status === 0 ? '网络错误 · Network error' : `HTTP ${status}`, status };
}

/** Unwraps an openapi-fetch result: the data, or an ApiError with the problem. */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch {
    throw new ApiError(toProblem(undefined, 0));
  }
  // A token the server no longer accepts (expired session, revoked account) ends the session here too.
  if (result.response.status === 401 && getSession()) setSession(null);
  if (result.error !== undefined || !result.response.ok)
    throw new ApiError(toProblem(result.error, result.response.status));
  return result.data as T;
}

/** Like `call` for a paginated list: the page, and the `X-Total-Count` the API sends with it (if any). */
export async function callPage<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ items: T; total?: number }> {
  let response: Response | undefined;
  const items = await call(pending.then((result) => ((response = result.response), result)));
  const header = response?.headers.get('X-Total-Count');
  return { items, total: header === null || header === undefined ? undefined : Number(header) };
}

/** A fresh key for a command, so a retried click is answered once by the server. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/** The problem to show for whatever a call threw: the API's reason, or a plain one for anything else. */
export function problemOf(error: unknown): Problem {
  return error instanceof ApiError ? error.problem : { title: String(error), status: 0 };
}
