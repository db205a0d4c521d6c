import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStorage } from './local-storage.ts';
import type { ReportStorage } from './report-storage.ts';

let root: string;
let storage: ReportStorage;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'storage-'));
  storage = createLocalStorage(root);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('local report storage', () => {
  it('shows a file under its key only after commit, and reads byte ranges of it', async () => {
    const draft = await storage.createDraft('1/run/attempt-1.csv');
    draft.stream.end('hello,world\r\n');
    expect(await storage.stat('1/run/attempt-1.csv')).toBeUndefined();
    expect(await draft.commit()).toEqual({ size: 13 });
    expect(await text(storage.open('1/run/attempt-1.csv', { start: 6, end: 10 }))).toBe('world');
    await storage.remove('1/run/attempt-1.csv');
    await storage.remove('1/run/attempt-1.csv');
    expect(await storage.stat('1/run/attempt-1.csv')).toBeUndefined();
  });

  it('deletes an aborted draft, and aborting twice is harmless', async () => {
    const draft = await storage.createDraft('1/run/attempt-2.csv');
    draft.stream.write('partial');
    await draft.abort();
    await draft.abort();
    expect(readdirSync(join(root, '.drafts'))).toEqual([]);
  });

  it('sweeps drafts left by a crashed writer once they are old enough', async () => {
    expect(await storage.sweepDrafts(1000)).toBe(0);
    const old = await storage.createDraft('1/run/attempt-3.csv');
    old.stream.end('x');
    await new Promise((resolve) => old.stream.once('finish', resolve));
    const [name] = readdirSync(join(root, '.drafts'));
    utimesSync(join(root, '.drafts', name!), new Date(0), new Date(0));
    const fresh = await storage.createDraft('1/run/attempt-4.csv');
    fresh.stream.end('y');
    await new Promise((resolve) => fresh.stream.once('finish', resolve));
    expect(await storage.sweepDrafts(60_000)).toBe(1);
    expect(readdirSync(join(root, '.drafts'))).toHaveLength(1);
  });

  it.each(['../etc/passwd', '/abs', 'a//b', '', 'a/../b'])('refuses the unsafe key %j', async (key) => {
    await expect(storage.createDraft(key)).rejects.toThrow(/unsafe storage key/);
  });
});
