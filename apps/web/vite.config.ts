import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API is reached same-origin through `/v1` (proxied here in dev and preview), or cross-origin when the
// build sets VITE_API_URL. API_URL picks the proxy target; `npm start` passes it.
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/v1': { target: apiTarget, changeOrigin: true } };

export default defineConfig(({ mode }) => ({
  plugins: [react()],
  server: { port: 5173, proxy: mode === 'mock' ? {} : proxy },
  preview: { port: 5173, proxy },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 600 },
}));
