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

/** 415 unless a request that carries a body declares it JSON. Bodyless POSTs (e.g. .../cancel) pass. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (hasBody(req.headers) && !req.is(JSON_TYPES)) {
    throw new HttpProblem('unsupported-media-type', {
      detail: 'Send the request body as application/json',
      headers: { 'Accept-Post': 'application/json' },
    });
  }
  next();
};

export function jsonBody(limitBytes: number): RequestHandler {
  return express.json({ limit: limitBytes, strict: true, type: JSON_TYPES });
}
