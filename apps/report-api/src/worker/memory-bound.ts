// Keeps a streaming worker's resident memory flat. Every chunk that flows through a stream is a Buffer
// whose bytes live outside the V8 heap; V8 only collects them after ~64 MB of such garbage has piled up,
// so a fast stream's RSS saw-tooths far above what it actually holds. A cheap young-generation GC every
// few megabytes frees those chunks promptly (a scavenge takes about a millisecond here).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let gc: Gc | null | undefined;

function loadGc(): Gc | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Gc;
  } catch {
    return null; // not available: memory is still bounded, only by V8's own external-memory limit
  }
}

export class ReleaseEvery {
  readonly #everyBytes: number;
  #pending = 0;

  constructor(everyBytes = 8 * 1024 * 1024) {
    this.#everyBytes = everyBytes;
  }

  /** Counts bytes that went through; collects released chunks every `everyBytes`. */
  add(bytes: number): void {
    this.#pending += bytes;
    if (this.#pending < this.#everyBytes) return;
    this.#pending = 0;
    gc ??= loadGc();
    gc?.({ type: 'minor', execution: 'sync' });
  }
}
