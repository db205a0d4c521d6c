// What the app knows about its connection: the browser's navigator.onLine, and whether the last request
// to the API failed without a response. The app feeds it from the query cache; banners read it.
import { useSyncExternalStore } from 'react';
import type { ApiError } from '@repo/api-client';

export interface Connectivity {
  browserOnline: boolean;
  /** The last API call ended with kind "network" and no call has succeeded since. */
  apiUnreachable: boolean;
}

export interface ConnectivityStore {
  get: () => Connectivity;
  subscribe: (listener: () => void) => () => void;
  reportNetworkFailure: () => void;
  reportSuccess: () => void;
  /** Starts following the browser's online/offline events; returns the stop function. */
  watchBrowser: (target?: Window) => () => void;
}

export function createConnectivityStore(initialOnline = globalThis.navigator.onLine): ConnectivityStore {
  let state: Connectivity = { browserOnline: initialOnline, apiUnreachable: false };
  const listeners = new Set<() => void>();
  const set = (next: Partial<Connectivity>): void => {
    const merged = { ...state, ...next };
    if (merged.browserOnline === state.browserOnline && merged.apiUnreachable === state.apiUnreachable)
      return;
    state = merged;
    for (const listener of listeners) listener();
  };
  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportNetworkFailure: () => set({ apiUnreachable: true }),
    reportSuccess: () => set({ apiUnreachable: false }),
    watchBrowser: (target = window) => {
      const online = (): void => set({ browserOnline: true });
      const offline = (): void => set({ browserOnline: false });
      target.addEventListener('online', online);
      target.addEventListener('offline', offline);
      set({ browserOnline: target.navigator.onLine });
      return () => {
        target.removeEventListener('online', online);
        target.removeEventListener('offline', offline);
      };
    },
  };
}

export function useConnectivity(store: ConnectivityStore): Connectivity {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/**
 * The API did not answer: no response at all, or a gateway (vite preview, nginx) answering 502/503/504
 * without a problem body because the API behind it is down.
 */
export function isApiUnreachable(error: ApiError): boolean {
  if (error.kind === 'network') return true;
  return error.kind === 'server' && !error.problem && [502, 503, 504].includes(error.status);
}
