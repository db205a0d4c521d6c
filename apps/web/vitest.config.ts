import react from '@vitejs/plugin-react';
import { domConfig } from '@repo/vitest-config/dom';

export default domConfig(import.meta.dirname, {
  plugins: [react()],
  test: {
    setupFiles: ['./src/test/setup.ts'],
    coverage: { exclude: ['src/test/**', 'src/main.tsx', 'src/app/mock/**'] },
  },
});
