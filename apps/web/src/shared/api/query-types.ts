// Every query and mutation error in this app is an ApiError: the client never throws anything else.
import type { ApiError } from '@repo/api-client';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}
