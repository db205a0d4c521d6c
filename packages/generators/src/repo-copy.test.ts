import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inParallel, linkNodeModules, run } from './repo-copy.ts';

const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'repo-copy-'));
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('run', () => {
  it('returns the exit code and the combined output without throwing on failure', async () => {
    const result = await run(
      process.execPath,
      ['-e', 'console.log("out"); console.error("err"); process.exit(3)'],
      tmpdir(),
    );
    expect(result.code).toBe(3);
    expect(result.output).toContain('out');
    expect(result.output).toContain('err');
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('rejects when the command does not exist', async () => {
    await expect(run('/no/such/command', [], tmpdir())).rejects.toThrow(/ENOENT/);
  });
});

describe('inParallel', () => {
  it('runs at most `limit` tasks at a time and returns results in task order', async () => {
    let running = 0;
    let peak = 0;
    const task = (value: number, ms: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return value;
    };
    const results = await inParallel([task(1, 30), task(2, 5), task(3, 10), task(4, 1)], 2);
    expect(results).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
  });
});

describe('linkNodeModules', () => {
  it('links every package, and @repo/* and workspace node_modules to the copy, not the original', () => {
    const from = temp();
    const to = temp();
    mkdirSync(join(from, 'node_modules', '@repo'), { recursive: true });
    mkdirSync(join(from, 'node_modules', 'zod'));
    symlinkSync('../../packages/contract', join(from, 'node_modules', '@repo', 'contract'));
    for (const root of [from, to]) {
      mkdirSync(join(root, 'packages', 'contract'), { recursive: true });
      mkdirSync(join(root, 'apps', 'web'), { recursive: true });
      mkdirSync(join(root, 'docs'), { recursive: true });
    }
    mkdirSync(join(from, 'apps', 'web', 'node_modules'));
    writeFileSync(join(to, 'packages', 'contract', 'marker'), 'copy');

    linkNodeModules(from, to);

    expect(readlinkSync(join(to, 'node_modules', 'zod'))).toBe(join(from, 'node_modules', 'zod'));
    expect(realpathSync(join(to, 'node_modules', '@repo', 'contract'))).toBe(
      realpathSync(join(to, 'packages', 'contract')),
    );
    expect(existsSync(join(to, 'node_modules', '@repo', 'contract', 'marker'))).toBe(true);
    expect(readlinkSync(join(to, 'apps', 'web', 'node_modules'))).toBe(
      join(from, 'apps', 'web', 'node_modules'),
    );
    expect(existsSync(join(to, 'docs', 'node_modules'))).toBe(false);
  });
});
