// The hot reads' JSON response. express's res.json gives the same bytes and headers here, but on every
// response it parses and re-formats its own Content-Type twice (res.send's charset step, then res.set's
// mime lookup) and consults the ETag and freshness settings this app turns off: 7-9% of the API's CPU on
// GET /v1/clinic (decision 029). A HEAD request gets the headers without the body from node:http itself.
import type { Response } from 'express';

const JSON_UTF8 = 'application/json; charset=utf-8';

export function sendJson(res: Response, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', JSON_UTF8);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
