// PostgreSQL's COPY ... CSV output is RFC 4180 except for its record separator (LF). This transform turns
// every record-ending LF into CRLF and leaves line breaks inside quoted fields untouched. It keeps one bit
// of state across chunks (inside quotes or not) and copies bytes, so it costs one pass and no buffering.
import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export class CrlfTransform extends Transform {
  #inQuotes = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const breaks: number[] = [];
    if (!this.#inQuotes && !chunk.includes(QUOTE)) {
      // Fast path: no quoted field in this chunk, every LF ends a record.
      for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) breaks.push(i);
    } else {
      let inQuotes = this.#inQuotes;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) inQuotes = !inQuotes;
        else if (byte === LF && !inQuotes) breaks.push(i);
      }
      this.#inQuotes = inQuotes;
    }
    if (breaks.length === 0) {
      callback(null, chunk);
      return;
    }
    const out = Buffer.allocUnsafe(chunk.length + breaks.length);
    let src = 0;
    let dst = 0;
    for (const at of breaks) {
      dst += chunk.copy(out, dst, src, at);
      out[dst++] = CR;
      src = at;
    }
    chunk.copy(out, dst, src);
    callback(null, out);
  }
}
