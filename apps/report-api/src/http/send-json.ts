// The hot reads' 200 JSON response. express's res.json gives the same bytes and headers here, but on every
// response it parses and re-formats its own Content-Type twice (res.send's charset step, then res.set's
// mime lookup) and consults the ETag and freshness settings this app turns off: about 15% of the API's CPU
// on GET /v1/clinic (decision 029). A HEAD request gets the headers without the body from node:http itself.
// Only for 200 answers with a body: express's handling of 204/304 and of other statuses is not repeated.
import type { Response } from 'express';

const JSON_UTF8 = 'application/json; charset=utf-8';

export function sendJson(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = 200;
  res.setHeader('Content-Type', JSON_UTF8);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
