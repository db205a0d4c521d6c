// Default theme plus two small components: the owner/review line on every page and the decisions index.
import { h } from 'vue';
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import DecisionIndex from './DecisionIndex.vue';
import PageMeta from './PageMeta.vue';

const theme: Theme = {
  extends: DefaultTheme,
  Layout: () => h(DefaultTheme.Layout, null, { 'doc-before': () => h(PageMeta) }),
  enhanceApp({ app }) {
    app.component('DecisionIndex', DecisionIndex);
  },
};

export default theme;
