import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('listens on port 3000 and allows the Vite dev origin by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      webOrigin: 'http://localhost:5173',
      bodyLimitBytes: 102_400,
      rateLimitPerMinute: 600,
      statementTimeoutMs: 5_000,
      poolMax: 10,
      trustProxy: false,
      databaseUrl: undefined,
    });
    expect(config.reportsDir).toMatch(/\/\.data\/reports$/);
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      WEB_ORIGIN: 'https://app.example.com/some/path',
      RATE_LIMIT_PER_MINUTE: '5',
      REQUEST_TIMEOUT_MS: '2000',
      HEADERS_TIMEOUT_MS: '9000',
      TRUST_PROXY: 'true',
      DATABASE_URL: 'postgres://x@h/db',
      REPORTS_DIR: '/var/reports',
    });
    expect(config).toMatchObject({
      port: 8080,
      webOrigin: 'https://app.example.com',
      rateLimitPerMinute: 5,
      requestTimeoutMs: 2000,
      headersTimeoutMs: 2000, // never above the request timeout
      trustProxy: true,
      databaseUrl: 'postgres://x@h/db',
      reportsDir: '/var/reports',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('fails at start with a message naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'http', POOL_MAX: '0', WEB_ORIGIN: 'nope' })).toThrow(
      /Invalid configuration:\n {2}PORT: .*\n {2}WEB_ORIGIN: .*\n {2}POOL_MAX: /,
    );
  });
});
