// Where report files live. The worker writes through a Draft (temp file, then an atomic commit); the API
// streams files back with byte ranges. Local folder today; an object store fits the same interface.
import type { Readable, Writable } from 'node:stream';

export interface StoredFile {
  size: number;
}

export interface Draft {
  /** Byte stream of the new file. Nothing is visible under the key until commit(). */
  stream: Writable;
  /** Makes the file visible under its key atomically (fsync + rename). */
  commit: () => Promise<StoredFile>;
  /** Removes the partial file; safe to call more than once and after a failed write. */
  abort: () => Promise<void>;
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export interface ReportStorage {
  createDraft: (key: string) => Promise<Draft>;
  stat: (key: string) => Promise<StoredFile | undefined>;
  /** Opens the file (or one inclusive byte range of it) for reading. Destroying the stream closes it. */
  open: (key: string, range?: ByteRange) => Readable;
  /** Deletes a file; a missing file is not an error. */
  remove: (key: string) => Promise<void>;
  /** Removes drafts left behind by a crashed writer that are older than maxAgeMs. */
  sweepDrafts: (maxAgeMs: number) => Promise<number>;
}

/** Storage keys are relative, slash-separated and never climb out of the storage root. */
export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) || key.includes('..')) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}
