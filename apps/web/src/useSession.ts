import { useEffect, useState } from 'react';
import { getSession, onSessionChange, type Session } from './api/session';

/** The signed-in session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | null {
  const [session, setSession] = useState(getSession());
  useEffect(() => onSessionChange(setSession), []);
  return session;
}

// Purchasing departments own their programs like district coordinators; their tenders have pages of their own.
export const isCoordinator = (roles: string[]) =>
  roles.some((role) => role.startsWith('coordinator:') || role === 'admin' || role === 'purchaser');
export const isPurchaser = (roles: string[]) => roles.includes('purchaser') || roles.includes('admin');
export const isReviewer = (roles: string[]) => roles.includes('reviewer');
export const isEvaluator = (roles: string[]) => roles.includes('evaluator');
export const isLeadership = (roles: string[]) =>
  roles.some((role) => role === 'leadership' || role === 'admin' || role === 'coordinator:district');
// A company's member in the funder role (企业出资) follows the projects its company pays for.
export const isFunder = (roles: string[]) => roles.includes('funder');
// A new account without staff roles is an applicant-to-be: its home registers its organization. A funder's
// organization is the company paying, which applies for nothing, so its membership does not make it one.
export const isApplicant = (session: Session) =>
  (session.user.organizations.length > 0 && !isFunder(session.user.roles)) ||
  session.user.roles.every((role) => role === 'applicant');
