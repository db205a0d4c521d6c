// An unexpected console.error fails the test; a test that expects one declares it first.
import { vi } from 'vitest';

let expected: RegExp[] = [];
let unexpected: string[] = [];

export function expectConsoleError(pattern: RegExp): void {
  expected.push(pattern);
}

export function startConsoleGuard(): void {
  expected = [];
  unexpected = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ');
    if (!expected.some((pattern) => pattern.test(text))) unexpected.push(text);
  });
}

export function stopConsoleGuard(): void {
  vi.restoreAllMocks();
  if (unexpected.length > 0) {
    throw new Error(`Unexpected console.error during the test:\n${unexpected.join('\n')}`);
  }
}
