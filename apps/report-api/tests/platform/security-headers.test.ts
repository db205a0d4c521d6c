// The security headers are helmet's, computed once (src/http/security-headers.ts): a response through
// securityHeaders() must carry exactly what helmet() itself sets for the same options, over real HTTP.
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { API_SECURITY_HEADERS, helmetHeaders, securityHeaders } from '../../src/http/security-headers.ts';

const VOLATILE = new Set(['date', 'connection', 'keep-alive']);

/** The response headers of GET / on an express app with this middleware (Date and connection removed). */
async function headersThrough(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${String(port)}/`);
    await response.arrayBuffer();
    return Object.fromEntries([...response.headers].filter(([name]) => !VOLATILE.has(name)));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('security headers computed once from helmet', () => {
  it("sets exactly helmet's headers for the API's options", async () => {
    const ours = await headersThrough(securityHeaders());
    expect(ours).toEqual(await headersThrough(helmet(API_SECURITY_HEADERS)));
    expect(ours['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it("sets exactly helmet's headers for helmet's defaults too, including its removal of X-Powered-By", async () => {
    const ours = await headersThrough(securityHeaders({}));
    expect(ours).toEqual(await headersThrough(helmet()));
    expect(ours['x-powered-by']).toBeUndefined();
    expect(helmetHeaders({}).removed).toContain('X-Powered-By');
  });

  it('refuses options that helmet refuses, when the app is built rather than on a request', () => {
    const invalid = { xFrameOptions: { action: 'allow-everyone' } } as unknown as Parameters<
      typeof securityHeaders
    >[0];
    expect(() => securityHeaders(invalid)).toThrow(/X-Frame-Options/);
  });
});
