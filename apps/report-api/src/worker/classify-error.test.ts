import { describe, expect, it } from 'vitest';
import { RunTimeoutError, classifyError } from './classify-error.ts';

const pgError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('classifyError', () => {
  it('reports a statement timeout as query_timeout, not retryable', () => {
    expect(classifyError(pgError('57014', 'canceling statement due to statement timeout'), 60_000)).toEqual({
      code: 'query_timeout',
      message: 'The report query ran longer than 60 s; narrow the period or filters',
      retryable: false,
    });
  });

  it('reports the per-run timeout as run_timeout, also when it is the cause', () => {
    expect(classifyError(new RunTimeoutError(5000), 1).code).toBe('run_timeout');
    expect(classifyError(new Error('aborted', { cause: new RunTimeoutError(5000) }), 1).retryable).toBe(
      false,
    );
  });

  it.each([
    pgError('57P01', 'terminating connection due to administrator command'),
    pgError('ECONNRESET', 'read ECONNRESET'),
    pgError('08006', 'connection failure'),
    new Error('Connection terminated unexpectedly'),
  ])('reports a lost connection as database_unavailable, retryable (%s)', (error) => {
    expect(classifyError(error, 1)).toMatchObject({ code: 'database_unavailable', retryable: true });
  });

  it('reports a full disk as storage_error and anything else as internal, both retryable', () => {
    expect(classifyError(pgError('ENOSPC', 'no space left on device'), 1)).toMatchObject({
      code: 'storage_error',
      retryable: true,
    });
    expect(classifyError('boom', 1)).toEqual({
      code: 'internal',
      message: 'Unexpected error: boom',
      retryable: true,
    });
  });
});
