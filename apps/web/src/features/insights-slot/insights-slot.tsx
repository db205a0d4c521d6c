// The navigation slot for the insights feature (issue #6). The insights engineer owns
// src/features/insights/; when it has an `index.tsx` exporting `InsightsRoot` (a component that renders its
// own descendant <Routes> under /insights/*), it is picked up here at build time and lazy-loaded in its own
// chunk. Until then /insights shows a placeholder. Nothing in this folder needs to change for it.
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { InsightsPlaceholder } from './components/insights-placeholder.tsx';

interface InsightsModule {
  InsightsRoot: ComponentType;
}

const modules = import.meta.glob<InsightsModule>('../insights/index.tsx');
const load = Object.values(modules)[0];

export const insightsAvailable = load !== undefined;

export const insightsNavItem = { to: '/insights', labelKey: 'app.nav.insights' } as const;

export const insightsRoute: RouteObject = {
  path: 'insights/*',
  lazy: async () => (load ? { Component: (await load()).InsightsRoot } : { Component: InsightsPlaceholder }),
};
