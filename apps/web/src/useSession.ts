import { useEffect, useState } from 'react';
import { getSession, onSessionChange, type Session } from './api/session';

/** The signed-in session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | null {
  const [session, setSession] = useState(getSession());
  useEffect(() => onSessionChange(setSession), []);
  return session;
}

export const isCoordinator = (roles: string[]) =>
  roles.some((role) => role.startsWith('coordinator:') || role === 'admin');
export const isReviewer = (roles: string[]) => roles.includes('reviewer');
export const isLeadership = (roles: string[]) =>
  roles.some((role) => role === 'leadership' || role === 'admin' || role === 'coordinator:district');
export const isApplicant = (session: Session) =>
  session.user.roles.includes('applicant') || session.user.organizations.length > 0;
