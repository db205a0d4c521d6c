// Route-level error element: render errors inside any route land here (react-router catches them before
// the top-level boundary), are reported with their request id, and show the same crash screen.
import { useEffect, useMemo } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { CrashScreen } from '../shared/errors/error-boundary.tsx';
import { NotFoundState } from '../shared/errors/error-state.tsx';
import { reportError, requestIdOf } from '../shared/errors/report-error.ts';

export function RouteError() {
  const error = useRouteError();
  const requestId = useMemo(() => requestIdOf(error), [error]);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  useEffect(() => {
    if (!notFound) reportError(error, requestId);
  }, [error, requestId, notFound]);
  return notFound ? <NotFoundState /> : <CrashScreen requestId={requestId} />;
}
