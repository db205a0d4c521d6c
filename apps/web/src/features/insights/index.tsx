// Entry of the insights feature, lazy-loaded by features/insights-slot under /insights/*.
import { Route, Routes } from 'react-router';
import { InsightsPage } from './components/insights-page.tsx';

export function InsightsRoot() {
  return (
    <Routes>
      <Route index element={<InsightsPage />} />
    </Routes>
  );
}
