import { nodeConfig } from '@repo/vitest-config/node';

export default nodeConfig(import.meta.dirname);
