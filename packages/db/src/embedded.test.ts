import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('loading embedded PostgreSQL', () => {
  it('keeps the exit code of a process that failed (no exit hook forcing 0)', () => {
    // A test runner sets process.exitCode = 1 when a test failed and then lets the event loop drain.
    const script = `
      const { loadEmbeddedPostgres } = await import(${JSON.stringify(join(import.meta.dirname, 'embedded.ts'))});
      await loadEmbeddedPostgres();
      process.exitCode = 7;
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(7);
  });
});
