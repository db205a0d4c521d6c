// Pass-through that measures what reaches the file: sha256 and byte count, computed while streaming.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ReleaseEvery } from './memory-bound.ts';

export class DigestTransform extends Transform {
  readonly #hash = createHash('sha256');
  readonly #release = new ReleaseEvery();
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.bytes += chunk.length;
    this.#release.add(chunk.length);
    callback(null, chunk);
  }

  hex(): string {
    return this.#hash.digest('hex');
  }
}
