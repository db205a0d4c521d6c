import { node } from '@repo/eslint-config/node';

export default [
  // VitePress build output and cache; the theme's .vue files are checked by the build itself.
  { ignores: ['.vitepress/cache/**', '.vitepress/dist/**'] },
  ...node(import.meta.dirname),
];
