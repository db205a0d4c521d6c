// Runtime configuration of the API, read once from the environment and validated: a bad value stops the
// process at start with a message naming the variable, instead of failing later under load.
import { resolve } from 'node:path';
import { repoRoot } from '@repo/db';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: int(0, 65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  WEB_ORIGIN: z.url().default('http://localhost:5173'),
  BODY_LIMIT_BYTES: int(1, 10 * 1024 * 1024).default(100 * 1024),
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  REQUEST_TIMEOUT_MS: int(100, 600_000).default(30_000),
  HEADERS_TIMEOUT_MS: int(100, 600_000).default(10_000),
  KEEP_ALIVE_TIMEOUT_MS: int(100, 600_000).default(5_000),
  SHUTDOWN_TIMEOUT_MS: int(100, 600_000).default(25_000),
  STATEMENT_TIMEOUT_MS: int(10, 600_000).default(5_000),
  POOL_ACQUIRE_TIMEOUT_MS: int(10, 600_000).default(2_000),
  POOL_MAX: int(1, 500).default(10),
  REPORTS_DIR: z.string().min(1).default('.data/reports'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  RATE_LIMIT_PREFIX: z.string().min(1).default('report-api:rl:'),
});

export interface Config {
  port: number;
  host: string;
  /** The only origin CORS lets a browser call the API from. */
  webOrigin: string;
  bodyLimitBytes: number;
  /** Requests per company (per IP when unauthenticated) per minute. */
  rateLimitPerMinute: number;
  /** Server-side limit on receiving a whole request (node:http requestTimeout). */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How long graceful shutdown waits for in-flight requests before closing their connections. */
  shutdownTimeoutMs: number;
  /** PostgreSQL statement_timeout of every pooled connection. */
  statementTimeoutMs: number;
  /** How long a request waits for a free pool connection before it fails with 503. */
  poolAcquireTimeoutMs: number;
  poolMax: number;
  /** Absolute folder where report files are written (relative values resolve from the repo root). */
  reportsDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Whether X-Forwarded-For is trusted for the client address (behind a proxy only). */
  trustProxy: boolean;
  /** Unset: the embedded PostgreSQL (see @repo/db resolveDatabase). */
  databaseUrl: string | undefined;
  /** Redis shared by the API processes (rate-limit counters; the cache reads REDIS_URL too). */
  redisUrl: string | undefined;
  /** Key prefix of the rate-limit counters in Redis. */
  rateLimitPrefix: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(defined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    webOrigin: new URL(e.WEB_ORIGIN).origin,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: Math.min(e.HEADERS_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS),
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    poolAcquireTimeoutMs: e.POOL_ACQUIRE_TIMEOUT_MS,
    poolMax: e.POOL_MAX,
    reportsDir: resolve(repoRoot(), e.REPORTS_DIR),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    rateLimitPrefix: e.RATE_LIMIT_PREFIX,
  };
}
