// The docs site: pages from docs/ and playbooks/ (srcDir is the repo root, so relative links to source files
// work on GitHub and are checked), English and Brazilian Portuguese, local search, generated sidebars.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { repoLinksPlugin } from '../src/markdown-links.ts';
import { findRepoRoot, routeOf, srcExcludes } from '../src/repo.ts';
import { buildSidebar } from '../src/sidebar.ts';
import { repoUrl } from '../src/site-config.ts';

const root = findRepoRoot(fileURLToPath(new URL('.', import.meta.url)));
const repo = repoUrl(root);
const branch = process.env.DOCS_REPO_BRANCH ?? 'main';

export default defineConfig({
  title: 'Clinic reports',
  description: 'Playbooks, references and decisions of the clinic-reports monorepo',
  srcDir: '..',
  srcExclude: srcExcludes(root),
  rewrites: (page: string) => routeOf(page),
  cleanUrls: false,
  lastUpdated: false,
  // Dead links fail the build (VitePress default); links to localhost in examples are not pages.
  ignoreDeadLinks: 'localhostLinks',
  markdown: {
    config: (md) => {
      repoLinksPlugin(md, { root, repoUrl: repo, branch });
    },
  },
  vite: {
    // Vite 5's esbuild does not know the repo tsconfig's es2024 target.
    esbuild: { tsconfigRaw: { compilerOptions: { target: 'es2022' } } },
    server: {
      watch: {
        ignored: ['**/apps/**', '**/packages/**', '**/contracts/**', '**/node_modules/**', '**/.data/**'],
      },
    },
  },
  locales: {
    root: {
      label: 'English',
      lang: 'en',
      themeConfig: {
        sidebar: buildSidebar(root, 'en'),
        nav: [
          { text: 'Getting started', link: '/getting-started' },
          { text: 'Playbooks', link: '/playbooks/' },
          { text: 'Decisions', link: '/decisions/' },
          { text: 'Scorecard', link: '/quality/scorecard' },
        ],
        editLink: { pattern: `${repo}/edit/${branch}/:path`, text: 'Edit this page' },
      },
    },
    'pt-BR': {
      label: 'Português (Brasil)',
      lang: 'pt-BR',
      link: '/pt-BR/',
      themeConfig: {
        sidebar: buildSidebar(root, 'pt-BR'),
        nav: [
          { text: 'Comece aqui', link: '/pt-BR/getting-started' },
          { text: 'Playbooks', link: '/pt-BR/playbooks/team-development' },
          { text: 'Decisões', link: '/decisions/' },
        ],
        editLink: { pattern: `${repo}/edit/${branch}/:path`, text: 'Editar esta página' },
        outline: { label: 'Nesta página' },
        docFooter: { prev: 'Anterior', next: 'Próxima' },
        darkModeSwitchLabel: 'Aparência',
        sidebarMenuLabel: 'Menu',
        returnToTopLabel: 'Voltar ao topo',
        langMenuLabel: 'Idioma',
      },
    },
  },
  themeConfig: {
    search: {
      provider: 'local',
      options: {
        locales: {
          'pt-BR': {
            translations: {
              button: { buttonText: 'Buscar', buttonAriaLabel: 'Buscar' },
              modal: {
                noResultsText: 'Nenhum resultado para',
                resetButtonTitle: 'Limpar busca',
                footer: { selectText: 'selecionar', navigateText: 'navegar', closeText: 'fechar' },
              },
            },
          },
        },
      },
    },
    socialLinks: [{ icon: 'github', link: repo }],
    outline: { level: [2, 3] },
  },
});
