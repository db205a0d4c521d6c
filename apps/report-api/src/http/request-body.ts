// Request bodies are JSON only: a body with another media type is a 415 before any parsing, a body above
// the limit a 413, malformed JSON a 400 (mapped in errors.ts).
import express, { type RequestHandler } from 'express';
import { HttpProblem } from './problem.ts';

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * The request body, in one middleware: a request with no body passes untouched (the reads: no parser
 * runs); a body that is not JSON is a 415 before any parsing; a JSON body is parsed (express.json). A
 * bodyless POST (e.g. .../cancel) passes.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const parse: RequestHandler = express.json({ limit: limitBytes, strict: true, type: JSON_TYPES });
  return (req, res, next) => {
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const length = req.headers['content-length'];
    // The parser's own test for "a body follows" (type-is hasBody): a Content-Length, even 0, or chunks.
    if (!chunked && length === undefined) {
      next();
      return;
    }
    // An empty body (Content-Length: 0) needs no media type.
    if ((chunked || length !== '0') && !req.is(JSON_TYPES)) {
      throw new HttpProblem('unsupported-media-type', {
        detail: 'Send the request body as application/json',
        headers: { 'Accept-Post': 'application/json' },
      });
    }
    parse(req, res, next);
  };
}
