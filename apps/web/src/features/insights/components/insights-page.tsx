// The insights page: period and segment filters, one section at a time (kept in the URL, so a view can be
// shared), and for a clinic token only the sections about its own clinic.
import { useSearchParams } from 'react-router';
import { isApiError, type InsightQuery } from '@repo/api-client';
import { insightsPlanSchema } from '@repo/contract';
import { useClinic } from '../../auth/hooks/use-clinic.ts';
import { Loading } from '../../../shared/ui/loading.tsx';
import { useInsightsMessages, type InsightsMessages } from '../messages.ts';
import {
  CorrelationsSection,
  FunnelSection,
  HealthSection,
  LifecycleSection,
  NoShowSection,
  OverviewSection,
  RetentionSection,
} from './insights-sections.tsx';

type SectionKey = keyof InsightsMessages['sections'];
const INTERNAL: SectionKey[] = [
  'overview',
  'lifecycle',
  'retention',
  'funnel',
  'correlations',
  'noShow',
  'health',
];
const CLINIC: SectionKey[] = ['lifecycle', 'funnel', 'noShow', 'health'];
const PERIODS = ['all', 'last_365d', 'last_90d'] as const;

export function InsightsPage() {
  const { m } = useInsightsMessages();
  const clinic = useClinic();
  const [params, setParams] = useSearchParams();
  // A 403 on /v1/clinic is an internal user (product, cs): the cross-clinic sections are theirs.
  const internal = clinic.isError && isApiError(clinic.error) && clinic.error.kind === 'forbidden';
  if (clinic.isPending) return <Loading label={m.loading} />;
  const sections = internal ? INTERNAL : CLINIC;
  const requested = params.get('section') as SectionKey | null;
  const section = requested && sections.includes(requested) ? requested : (sections[0] ?? 'lifecycle');
  const plan = insightsPlanSchema.safeParse(params.get('plan')).data ?? 'all';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const period = PERIODS.find((p) => p === params.get('period')) ?? 'all';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const range: InsightQuery = {
    from: from || undefined,
    to: to || undefined,
    plan: internal ? plan : undefined,
  };

  return (
    <div className="insights">
      <h1>{m.title}</h1>
      <p>{m.subtitle}</p>
      <nav aria-label={m.title} className="insights-sections">
        {sections.map((key) => (
          <button key={key} type="button" aria-pressed={key === section} onClick={() => set('section', key)}>
            {m.sections[key]}
          </button>
        ))}
      </nav>
      <fieldset className="insights-filters">
        <legend>{m.filters}</legend>
        {section === 'noShow' ? (
          <label>
            {m.period}{' '}
            <select value={period} onChange={(e) => set('period', e.target.value)}>
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {m.periods[p]}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <label>
              {m.from} <input type="date" value={from} onChange={(e) => set('from', e.target.value)} />
            </label>
            <label>
              {m.to} <input type="date" value={to} onChange={(e) => set('to', e.target.value)} />
            </label>
          </>
        )}
        {internal && (
          <label>
            {m.plan}{' '}
            <select value={plan} onChange={(e) => set('plan', e.target.value)}>
              {insightsPlanSchema.options.map((p) => (
                <option key={p} value={p}>
                  {m.plans[p]}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      {section === 'overview' && <OverviewSection query={range} />}
      {section === 'lifecycle' && <LifecycleSection query={range} />}
      {section === 'retention' && <RetentionSection query={range} />}
      {section === 'funnel' && <FunnelSection query={range} />}
      {section === 'correlations' && <CorrelationsSection />}
      {section === 'noShow' && <NoShowSection query={{ period, plan: internal ? plan : undefined }} />}
      {section === 'health' && <HealthSection query={internal ? { plan, atRisk: 'true' } : {}} />}
    </div>
  );
}
