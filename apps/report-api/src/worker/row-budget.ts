// A rows-per-second budget for report generation, shared by every run of one worker process: a token
// bucket holding a tenth of a second of rows (short bursts, so the CPU the exports take stays smooth). On
// a host the worker shares with the API and PostgreSQL, it bounds how much CPU exports take at once:
// PostgreSQL produces rows only as fast as the worker reads them, and the worker reads only as fast as the
// budget allows (REPORT_ROWS_PER_SECOND, 0 = unlimited).
// Runs take their rows in arrival order; a batch larger than the bucket is taken in installments.

export interface RowBudget {
  readonly limited: boolean;
  /** The most rows taken at once (the bucket's size); cursor reads fetch no more than this per batch. */
  readonly burst: number;
  /** Resolves once `rows` rows may be written; rejects with the signal's reason when it aborts. */
  take: (rows: number, signal?: AbortSignal) => Promise<void>;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createRowBudget(rowsPerSecond: number, burstSeconds = 0.1): RowBudget {
  if (rowsPerSecond <= 0) return { limited: false, burst: Infinity, take: () => Promise.resolve() };
  const capacity = Math.max(1, Math.round(rowsPerSecond * burstSeconds));
  let tokens = capacity;
  let refilledAt = Date.now();
  let tail: Promise<void> = Promise.resolve();

  const refill = (): void => {
    const now = Date.now();
    tokens = Math.min(capacity, tokens + ((now - refilledAt) * rowsPerSecond) / 1000);
    refilledAt = now;
  };

  const consume = async (rows: number, signal: AbortSignal | undefined): Promise<void> => {
    let left = rows;
    while (left > 0) {
      signal?.throwIfAborted();
      refill();
      const part = Math.min(left, capacity);
      if (tokens >= part) {
        tokens -= part;
        left -= part;
      } else {
        await sleep(Math.ceil(((part - tokens) * 1000) / rowsPerSecond), signal);
      }
    }
  };

  return {
    limited: true,
    burst: capacity,
    take(rows, signal) {
      const turn = tail.then(() => consume(rows, signal));
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
