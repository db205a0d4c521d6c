// The signed-in company's bearer token. Kept in localStorage so a reload keeps the session; `expired`
// records that the API rejected it, so the sign-in page can say why and send the person back.
export interface Session {
  token: string | null;
  expired: boolean;
}

export interface SessionStore {
  get: () => Session;
  subscribe: (listener: () => void) => () => void;
  signIn: (token: string) => void;
  signOut: () => void;
  /** The API answered 401: drop the token but remember why. */
  expire: () => void;
  getToken: () => string | null;
}

const STORAGE_KEY = 'clinic-reports.token';

export function createSessionStore(storage: Storage = globalThis.localStorage): SessionStore {
  let session: Session = { token: storage.getItem(STORAGE_KEY) ?? null, expired: false };
  const listeners = new Set<() => void>();
  const set = (next: Session): void => {
    session = next;
    if (next.token) storage.setItem(STORAGE_KEY, next.token);
    else storage.removeItem(STORAGE_KEY);
    for (const listener of listeners) listener();
  };
  return {
    get: () => session,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn: (token) => set({ token, expired: false }),
    signOut: () => set({ token: null, expired: false }),
    expire: () => {
      if (session.token) set({ token: null, expired: true });
    },
    getToken: () => session.token,
  };
}
