// The insights screens' strings, pt-BR first. Kept inside the feature so it ships in its own chunk.
import { useTranslation } from 'react-i18next';

const ptBR = {
  title: 'Insights',
  subtitle: 'Comportamento das clínicas, correlações e saúde da base — agregados, sem dados de pacientes.',
  anchor: 'Dados até {{date}}',
  filters: 'Filtros',
  from: 'De',
  to: 'Até',
  plan: 'Plano',
  plans: { all: 'Todos', free: 'Free', basic: 'Basic', pro: 'Pro', enterprise: 'Enterprise' },
  period: 'Período',
  periods: { all: 'Tudo', last_365d: 'Últimos 365 dias', last_90d: 'Últimos 90 dias' },
  sections: {
    overview: 'Visão geral',
    lifecycle: 'Ciclo de vida',
    retention: 'Retenção',
    funnel: 'Funil',
    correlations: 'Correlações',
    noShow: 'Faltas',
    health: 'Saúde (CS)',
  },
  questions: {
    overview: 'Quantas clínicas usam o produto, com que frequência, e o que acontece com a agenda?',
    lifecycle: 'Quantas clínicas foram novas, recorrentes, reativadas ou ficaram inativas a cada semana?',
    retention: 'Das clínicas que entraram em um mês, quantas seguem ativas N meses depois?',
    funnel: 'Quantas clínicas entram, criam um relatório e o baixam, a cada mês?',
    correlations: 'Quais comportamentos andam junto com cancelamento e crescimento? (correlação não é causa)',
    churnDrivers: 'Quanto maiores são as chances de cancelamento do lado arriscado de cada comportamento?',
    noShow: 'Quais consultas têm mais faltas: antecedência, dia da semana, idade, lembrete?',
    health: 'Quais clínicas precisam de atenção esta semana, e por quê?',
  },
  loading: 'Carregando insights…',
  empty: 'Ainda não há dados para estes filtros.',
  download: 'Baixar CSV',
  suppressed: 'oculto (menos de {{k}} pacientes)',
  suppressedNote: '{{count}} grupos com menos de {{k}} pacientes estão ocultos (LGPD).',
  columns: {
    month: 'Mês',
    week: 'Semana',
    activeClinicsMonthly: 'Clínicas ativas no mês',
    activeClinicsWeekly: 'Ativas por semana (média)',
    activeClinicsDaily: 'Ativas por dia (média)',
    stickiness: 'Aderência',
    reportsCreated: 'Relatórios',
    appointments: 'Consultas',
    noShowRate: 'Taxa de faltas',
    revenueCents: 'Receita',
    churnedClinics: 'Cancelamentos',
    new: 'Novas',
    returning: 'Recorrentes',
    resurrecting: 'Reativadas',
    dormant: 'Inativas',
    cohortMonth: 'Coorte',
    cohortSize: 'Clínicas',
    signedIn: 'Entraram',
    createdReport: 'Criaram relatório',
    downloaded: 'Baixaram',
    x: 'Comportamento',
    y: 'Resultado',
    n: 'n',
    pearsonR: 'Pearson r',
    ci: 'IC 95%',
    pValue: 'p',
    spearmanRho: 'Spearman ρ',
    flags: 'Alertas',
    driver: 'Fator',
    oddsRatio: 'Razão de chances',
    factor: 'Fator',
    bucket: 'Grupo',
    noShows: 'Faltas',
    patients: 'Pacientes',
    clinic: 'Clínica',
    score: 'Nota',
    trend: 'Tendência',
    reasons: 'O que puxa para baixo',
    atRisk: 'Em risco',
  },
  flags: { weak: 'fraca', small_n: 'n pequeno', not_significant: 'não significativa' },
  factors: {
    lead_time: 'Antecedência (dias)',
    weekday: 'Dia da semana',
    age_group: 'Faixa etária',
    reminder: 'Lembrete enviado',
    lead_time_reminder: 'Lembrete por antecedência',
  },
  reasons: {
    activity: 'pouco uso',
    breadth: 'poucos recursos',
    reports: 'poucos relatórios',
    volume_trend: 'agenda caindo',
    attendance: 'muitas faltas',
  },
  yes: 'sim',
  no: 'não',
};

export type InsightsMessages = typeof ptBR;

const en: InsightsMessages = {
  ...ptBR,
  subtitle: 'Clinic behaviour, correlations and account health — aggregates only, no patient data.',
  anchor: 'Data up to {{date}}',
  filters: 'Filters',
  from: 'From',
  to: 'To',
  plan: 'Plan',
  plans: { all: 'All', free: 'Free', basic: 'Basic', pro: 'Pro', enterprise: 'Enterprise' },
  period: 'Period',
  periods: { all: 'All time', last_365d: 'Last 365 days', last_90d: 'Last 90 days' },
  sections: {
    overview: 'Overview',
    lifecycle: 'Lifecycle',
    retention: 'Retention',
    funnel: 'Funnel',
    correlations: 'Correlations',
    noShow: 'No-shows',
    health: 'Health (CS)',
  },
  questions: {
    overview: 'How many clinics use the product, how often, and what happens to their schedules?',
    lifecycle: 'How many clinics were new, returning, resurrecting or went dormant each week?',
    retention: 'Of the clinics that joined in a month, how many are still active N months later?',
    funnel: 'How many clinics sign in, create a report and download it, each month?',
    correlations: 'Which behaviours move with churn and growth? (correlation is not causation)',
    churnDrivers: 'How much higher are the odds of churn on the risky side of each behaviour?',
    noShow: 'Which appointments are missed most: lead time, weekday, age, reminder?',
    health: 'Which clinics need attention this week, and why?',
  },
  loading: 'Loading insights…',
  empty: 'No data for these filters yet.',
  download: 'Download CSV',
  suppressed: 'hidden (fewer than {{k}} patients)',
  suppressedNote: '{{count}} groups with fewer than {{k}} patients are hidden (LGPD).',
  flags: { weak: 'weak', small_n: 'small n', not_significant: 'not significant' },
  yes: 'yes',
  no: 'no',
};

/** The insights strings in the active language, and a tiny {{name}} interpolation. */
export function useInsightsMessages(): {
  m: InsightsMessages;
  locale: string;
  fill: (text: string, values: Record<string, string | number>) => string;
} {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const m = locale.startsWith('en') ? en : ptBR;
  const fill = (text: string, values: Record<string, string | number>) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
  return { m, locale, fill };
}
