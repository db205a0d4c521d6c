// Report files in a local folder (default <repo>/.data/reports). Drafts are written under .drafts/ in the
// same file system, so commit() is an atomic rename: a reader sees the whole file or none of it.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  assertSafeKey,
  type ByteRange,
  type Draft,
  type ReportStorage,
  type StoredFile,
} from './report-storage.ts';

const DRAFTS = '.drafts';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export function createLocalStorage(root: string): ReportStorage {
  const pathOf = (key: string): string => {
    assertSafeKey(key);
    return join(root, key);
  };

  return {
    async createDraft(key: string): Promise<Draft> {
      const target = pathOf(key);
      const draftPath = join(root, DRAFTS, `${randomUUID()}.part`);
      await mkdir(dirname(draftPath), { recursive: true });
      await mkdir(dirname(target), { recursive: true });
      const stream = createWriteStream(draftPath, { flags: 'wx' });
      let settled = false;
      return {
        stream,
        async commit(): Promise<StoredFile> {
          if (!stream.writableFinished) await finished(stream);
          // fsync before rename: after a power loss the renamed file is never an empty shell.
          const handle = await open(draftPath, 'r+');
          try {
            await handle.sync();
          } finally {
            await handle.close();
          }
          await rename(draftPath, target);
          settled = true;
          const { size } = await stat(target);
          return { size };
        },
        async abort(): Promise<void> {
          if (settled) return;
          settled = true;
          // The file is opened asynchronously: wait for the stream to close, or a late open would recreate the
          // draft after we removed it.
          if (!stream.closed) {
            const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
            stream.destroy();
            await closed;
          }
          await rm(draftPath, { force: true });
        },
      };
    },

    async stat(key: string): Promise<StoredFile | undefined> {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? { size: info.size } : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    open(key: string, range?: ByteRange) {
      return createReadStream(pathOf(key), range ? { start: range.start, end: range.end } : {});
    },

    async remove(key: string): Promise<void> {
      await rm(pathOf(key), { force: true });
    },

    async sweepDrafts(maxAgeMs: number): Promise<number> {
      const dir = join(root, DRAFTS);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isMissing(error)) return 0;
        throw error;
      }
      let removed = 0;
      const cutoff = Date.now() - maxAgeMs;
      for (const name of names) {
        const file = join(dir, name);
        const info = await stat(file).catch(() => undefined);
        if (info && info.mtimeMs < cutoff) {
          await rm(file, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
