import { nodeConfig } from '@repo/vitest-config/node';

// Gate tests build throwaway git repositories and run real CLIs (git, commitlint, lint-staged).
export default nodeConfig(import.meta.dirname, { test: { testTimeout: 60_000 } });
