// Runs ONE kata's failing spec (`npm run kata -- <name>`). Katas live in playbooks/katas and are never part of
// `npm test`: their specs fail until the person doing the kata makes them pass.
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const kata = process.env.KATA ?? '';

export default defineConfig({
  // Keep Vite's cache in the docs workspace, not in node_modules/ folders inside playbooks/katas.
  cacheDir: join(import.meta.dirname, 'node_modules', '.vite-katas'),
  test: {
    root: join(import.meta.dirname, '..', 'playbooks', 'katas', kata),
    include: ['*.test.ts'],
    coverage: { enabled: false },
    reporters: ['default'],
  },
});
