// The scenario table every data hook and screen is tested against, named as in @repo/api-client/msw.
import type { HttpHandler } from 'msw';
import type { ApiErrorKind } from '@repo/api-client';
import {
  conflict,
  forbidden,
  malformedJson,
  networkError,
  notFound,
  rateLimited,
  serverError,
  slow,
  timeout,
  unauthorized,
  validationError,
  type ScenarioName,
} from '@repo/api-client/msw';

export interface TestScenario {
  name: ScenarioName;
  handlers: () => HttpHandler[];
  /** The ApiError kind a call ends with under this scenario; null when it succeeds. */
  kind: ApiErrorKind | null;
}

/** Slower than the slow-hint delay, faster than the client timeout (see render-app.tsx). */
export const SLOW_MS = 250;

export const testScenarios: TestScenario[] = [
  { name: 'success', handlers: () => [], kind: null },
  { name: 'serverError', handlers: () => serverError(), kind: 'server' },
  { name: 'networkError', handlers: () => networkError(), kind: 'network' },
  { name: 'timeout', handlers: () => timeout(), kind: 'timeout' },
  { name: 'rateLimited', handlers: () => rateLimited(30), kind: 'rate-limited' },
  { name: 'validationError', handlers: () => validationError(), kind: 'validation' },
  { name: 'unauthorized', handlers: () => unauthorized(), kind: 'unauthorized' },
  { name: 'forbidden', handlers: () => forbidden(), kind: 'forbidden' },
  { name: 'notFound', handlers: () => notFound(), kind: 'not-found' },
  { name: 'conflict', handlers: () => conflict(), kind: 'conflict' },
  { name: 'malformedJson', handlers: () => malformedJson(), kind: 'unexpected' },
  { name: 'slow', handlers: () => slow(SLOW_MS), kind: null },
];

/** The designed state's title (pt-BR) for each error kind. */
export const stateTitle: Record<ApiErrorKind, RegExp | null> = {
  network: /sem conexão com o servidor/i,
  timeout: /demorou demais para responder/i,
  aborted: null,
  validation: /dados inválidos/i,
  unauthorized: /sessão expirada/i,
  forbidden: /acesso negado/i,
  'not-found': /não encontrado/i,
  conflict: /não foi possível concluir/i,
  'rate-limited': /muitas requisições/i,
  server: /o servidor encontrou um erro/i,
  unexpected: /algo deu errado/i,
};
