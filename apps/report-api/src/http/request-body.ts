// Request bodies are JSON only: a body with another media type is a 415 before any parsing, a body above
// the limit a 413, malformed JSON a 400 (mapped in errors.ts).
import express, { type RequestHandler } from 'express';
import { HttpProblem } from './problem.ts';

const JSON_TYPES = ['application/json', 'application/*+json'];

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return typeof length === 'string' && length !== '0';
}

/**
 * The request body, in one middleware: a request with no body passes untouched (the reads: no parser
 * runs); a body that is not JSON is a 415 before any parsing; a JSON body is parsed (express.json). A
 * bodyless POST (e.g. .../cancel) passes.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const parse: RequestHandler = express.json({ limit: limitBytes, strict: true, type: JSON_TYPES });
  return (req, res, next) => {
    // The parser's own test for "a body follows" (type-is hasBody): a Content-Length, even 0, or chunks.
    if (req.headers['transfer-encoding'] === undefined && req.headers['content-length'] === undefined) {
      next();
      return;
    }
    if (hasBody(req.headers) && !req.is(JSON_TYPES)) {
      throw new HttpProblem('unsupported-media-type', {
        detail: 'Send the request body as application/json',
        headers: { 'Accept-Post': 'application/json' },
      });
    }
    parse(req, res, next);
  };
}
