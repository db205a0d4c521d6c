// Paces a CSV byte stream to the worker's row budget: each chunk waits for as many rows as it ends
// (line feeds; a line break inside a quoted field counts too, which only makes the pace a little slower).
// Holding a chunk back holds back COPY, so PostgreSQL's side of the export slows down with it.
import { Transform, type TransformCallback } from 'node:stream';
import type { RowBudget } from './row-budget.ts';

const LF = 0x0a;

function lineFeeds(chunk: Buffer): number {
  let count = 0;
  for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) count++;
  return count;
}

export class RowPacer extends Transform {
  readonly #budget: RowBudget;
  readonly #signal: AbortSignal | undefined;

  constructor(budget: RowBudget, signal?: AbortSignal) {
    super();
    this.#budget = budget;
    this.#signal = signal;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#budget.take(lineFeeds(chunk), this.#signal).then(
      () => callback(null, chunk),
      (error: unknown) => callback(error as Error),
    );
  }
}
