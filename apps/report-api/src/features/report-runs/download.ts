// GET /v1/report-runs/:id/file: streams a finished report with its validators (ETag and Repr-Digest from
// the sha256 recorded at generation) and single byte ranges (RFC 9110 §14). The file stream is piped with
// stream.pipeline, so a client that disconnects destroys it and its file handle is closed at once.
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { ReportRunRow } from '@repo/db';
import { HttpProblem } from '../../http/problem.ts';
import type { ByteRange, ReportStorage } from '../../storage/report-storage.ts';
import { contentTypes } from './report-definitions.ts';

export type RangeResult =
  { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

/** Parses a Range header for a file of `size` bytes. Anything we do not serve as one range is ignored. */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: 'full' }; // other units, multiple ranges, bad syntax: serve the whole file
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'full' }; // invalid range: ignore it
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end } };
}

export function etagOf(sha256: string): string {
  return `"${sha256}"`;
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** Checks that the run has a file that may be served; throws the problem a client should see. */
export function assertDownloadable(
  run: ReportRunRow,
  now: Date = new Date(),
): asserts run is ReportRunRow & {
  storage_key: string;
  sha256: string;
} {
  if (run.status === 'expired' || (run.status === 'succeeded' && run.expires_at && run.expires_at <= now)) {
    throw new HttpProblem('gone', {
      detail: 'The report file expired and was deleted; create a new report run',
    });
  }
  if (run.status !== 'succeeded' || !run.storage_key || !run.sha256) {
    throw new HttpProblem('conflict', {
      detail:
        run.status === 'queued' || run.status === 'running'
          ? `The report run is ${run.status}; poll it until it succeeds, then download`
          : `The report run is ${run.status} and has no file`,
      headers: run.status === 'queued' || run.status === 'running' ? { 'Retry-After': '2' } : {},
    });
  }
}

export interface ServedFile {
  status: 200 | 206 | 304;
  range?: ByteRange;
}

export async function sendReportFile(
  req: Request,
  res: Response,
  run: ReportRunRow & { storage_key: string; sha256: string },
  storage: ReportStorage,
): Promise<ServedFile> {
  const stored = await storage.stat(run.storage_key);
  if (!stored) {
    throw new HttpProblem('gone', {
      detail: 'The report file is no longer available; create a new report run',
    });
  }
  const etag = etagOf(run.sha256);
  res.setHeader('ETag', etag);
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(run.sha256, 'hex').toString('base64')}:`);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Type', run.content_type ?? contentTypes[run.format]);
  res.setHeader('Content-Disposition', contentDisposition(run.file_name ?? `${run.id}.${run.format}`));

  if (matchesEtag(req.get('if-none-match'), etag)) {
    res.status(304).end();
    return { status: 304 };
  }
  const ifRange = req.get('if-range');
  const result =
    ifRange && ifRange !== etag ? ({ kind: 'full' } as const) : parseRange(req.get('range'), stored.size);
  if (result.kind === 'unsatisfiable') {
    throw new HttpProblem('range-not-satisfiable', {
      detail: `The file has ${stored.size} bytes`,
      headers: { 'Content-Range': `bytes */${stored.size}` },
    });
  }
  const range = result.kind === 'partial' ? result.range : undefined;
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${stored.size}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    res.status(200);
    res.setHeader('Content-Length', String(stored.size));
  }
  if (req.method === 'HEAD' || stored.size === 0) {
    res.end();
    return range ? { status: 206, range } : { status: 200 };
  }
  try {
    await pipeline(storage.open(run.storage_key, range), res);
  } catch (error) {
    // The client went away: pipeline already destroyed the file stream (and closed its handle).
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
  return range ? { status: 206, range } : { status: 200 };
}
