import { nodeConfig } from '@repo/vitest-config/node';

// @repo/vitest-config is deliberately not a declared dependency here: it lints itself with this package,
// and turbo rejects a dependency cycle. npm workspaces link it anyway, and turbo.json hashes its src/.
// Type-checked linting builds a TypeScript program per preset: slow on a busy 2-core machine.
export default nodeConfig(import.meta.dirname, { test: { testTimeout: 90_000 } });
