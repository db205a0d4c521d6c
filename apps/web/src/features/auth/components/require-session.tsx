import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../hooks/use-session.tsx';

/** Sends a signed-out visitor to sign in, remembering where to come back to. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { token, expired } = useSession();
  const location = useLocation();
  if (token) return children;
  const returnTo = `${location.pathname}${location.search}`;
  const params = new URLSearchParams({ returnTo });
  if (expired) params.set('expired', '1');
  return <Navigate to={`/sign-in?${params.toString()}`} replace />;
}
