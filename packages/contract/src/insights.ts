// Insights API (issue 7): query and response schemas of GET /v1/insights/*, shared by the API, the web app
// and MSW scenarios. Every endpoint answers { data, meta } as JSON, or the same rows as CSV with ?format=csv.
// Rows carry aggregates only; groups of fewer than meta.minPatientsPerGroup patients come back with their
// measures null and `suppressed: true` (k-anonymity, decision 061).
import { z } from 'zod';
import { registerRoute, jsonResponse, type OpenAPIRegistry } from './openapi.ts';

export const insightsPlanSchema = z.enum(['all', 'free', 'basic', 'pro', 'enterprise']);
export type InsightsPlan = z.infer<typeof insightsPlanSchema>;
export const insightsFormatSchema = z.enum(['json', 'csv']).default('json');

const isoDate = z.iso.date();

const rangeShape = {
  from: isoDate.optional().describe('First day included (YYYY-MM-DD)'),
  to: isoDate.optional().describe('Last day included (YYYY-MM-DD)'),
  plan: insightsPlanSchema.default('all').describe('Segment: one plan, or all'),
  format: insightsFormatSchema,
};
const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }) =>
  q.from === undefined || q.to === undefined || q.from <= q.to;
const fromBeforeToError = { message: '`from` must not be after `to`', path: ['from'] };

export const insightsRangeQuerySchema = z.object(rangeShape).refine(fromBeforeTo, fromBeforeToError);
export type InsightsRangeQuery = z.infer<typeof insightsRangeQuerySchema>;

export const correlationsQuerySchema = z.object({
  outcome: z.enum(['churned', 'growth']).optional().describe('Only pairs whose y is this outcome'),
  format: insightsFormatSchema,
});

export const noShowPeriodSchema = z.enum(['all', 'last_365d', 'last_90d']);
export const noShowFactorSchema = z.enum([
  'lead_time',
  'weekday',
  'age_group',
  'reminder',
  'lead_time_reminder',
]);
export const noShowQuerySchema = z.object({
  period: noShowPeriodSchema.default('all'),
  plan: insightsPlanSchema.default('all'),
  factor: noShowFactorSchema.optional(),
  format: insightsFormatSchema,
});

export const healthQuerySchema = z.object({
  plan: insightsPlanSchema.default('all'),
  atRisk: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('true: only clinics at risk'),
  status: z.enum(['active', 'churned', 'any']).default('active'),
  limit: z.coerce.number().int().min(1).max(20_000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  format: insightsFormatSchema,
});
export type HealthQuery = z.infer<typeof healthQuerySchema>;

export const insightsFormatOnlyQuerySchema = z.object({ format: insightsFormatSchema });

export const insightsMetaSchema = z.object({
  /** The instant relative windows end at (newest app event); null before the first refresh. */
  anchorAt: z.string().nullable(),
  /** all: every clinic (internal roles); clinic: only the calling clinic's figures. */
  scope: z.enum(['all', 'clinic']),
  minPatientsPerGroup: z.number().int(),
  suppressedRows: z.number().int(),
});
export type InsightsMeta = z.infer<typeof insightsMetaSchema>;

const num = z.number();
const nullableNum = z.number().nullable();

export const lifecycleRowSchema = z.object({
  week: z.string(),
  plan: z.string(),
  new: z.number().int(),
  returning: z.number().int(),
  resurrecting: z.number().int(),
  dormant: z.number().int(),
});

export const retentionRowSchema = z.object({
  cohortMonth: z.string(),
  plan: z.string(),
  monthsSince: z.number().int(),
  cohortSize: z.number().int(),
  activeClinics: z.number().int(),
  retention: num,
});

export const funnelRowSchema = z.object({
  month: z.string(),
  plan: z.string(),
  signedIn: z.number().int(),
  createdReport: z.number().int(),
  downloaded: z.number().int(),
  signInToReport: nullableNum,
  reportToDownload: nullableNum,
  medianMinutesToReport: nullableNum,
  medianMinutesToDownload: nullableNum,
});

export const correlationFlagSchema = z.enum(['weak', 'small_n', 'not_significant']);
export const correlationRowSchema = z.object({
  x: z.string(),
  y: z.string(),
  n: z.number().int(),
  pearsonR: nullableNum,
  pearsonCiLow: nullableNum,
  pearsonCiHigh: nullableNum,
  pValue: nullableNum,
  spearmanRho: nullableNum,
  spearmanCiLow: nullableNum,
  spearmanCiHigh: nullableNum,
  slope: nullableNum,
  r2: nullableNum,
  flags: z.array(correlationFlagSchema),
});
export type CorrelationRow = z.infer<typeof correlationRowSchema>;

export const churnDriverRowSchema = z.object({
  driver: z.string(),
  n: z.number().int(),
  exposedChurned: z.number().int(),
  exposedRetained: z.number().int(),
  unexposedChurned: z.number().int(),
  unexposedRetained: z.number().int(),
  oddsRatio: num,
  ciLow: num,
  ciHigh: num,
  flags: z.array(correlationFlagSchema),
});

export const noShowRowSchema = z.object({
  period: noShowPeriodSchema,
  plan: z.string(),
  factor: noShowFactorSchema,
  bucket: z.string(),
  appointments: z.number().int().nullable(),
  noShows: z.number().int().nullable(),
  noShowRate: nullableNum,
  patients: z.number().int().nullable(),
  suppressed: z.boolean(),
});
export type NoShowRow = z.infer<typeof noShowRowSchema>;

export const kpiRowSchema = z.object({
  month: z.string(),
  plan: z.string(),
  activeClinicsDaily: num,
  activeClinicsWeekly: num,
  activeClinicsMonthly: z.number().int(),
  stickiness: nullableNum,
  reportsCreated: z.number().int(),
  reportsDownloaded: z.number().int(),
  appointments: z.number().int().nullable(),
  noShowRate: nullableNum,
  medianLeadDays: nullableNum,
  revenueCents: z.number().int().nullable(),
  churnedClinics: z.number().int(),
  /** Appointment measures are null when the month × plan counts fewer than k patients. */
  suppressed: z.boolean(),
});

export const featureAdoptionRowSchema = z.object({
  month: z.string(),
  plan: z.string(),
  action: z.string(),
  clinics: z.number().int(),
  activeClinics: z.number().int(),
  adoption: nullableNum,
});

export const healthComponentNameSchema = z.enum([
  'activity',
  'breadth',
  'reports',
  'volume_trend',
  'attendance',
]);
export const healthRowSchema = z.object({
  companyId: z.string(),
  name: z.string(),
  plan: z.string(),
  status: z.enum(['active', 'churned']),
  score: z.number().int(),
  previousScore: z.number().int(),
  trend: z.number().int(),
  atRisk: z.boolean(),
  /** Components below 50, weakest first: what pulls the score down. */
  reasons: z.array(healthComponentNameSchema),
  activity: z.number().int(),
  breadth: z.number().int(),
  reports: z.number().int(),
  volumeTrend: z.number().int(),
  attendance: z.number().int().nullable(),
  noShowRate: nullableNum,
  patients: z.number().int().nullable(),
  suppressed: z.boolean(),
});
export type HealthRow = z.infer<typeof healthRowSchema>;

export const metricDefinitionSchema = z.object({
  name: z.string(),
  title: z.string(),
  meaning: z.string(),
  grain: z.string(),
  owner: z.string(),
  unit: z.string(),
  view: z.string(),
  column: z.string(),
  sql: z.string(),
});

export function insightsResponseSchema<T extends z.ZodType>(row: T) {
  return z.object({ data: z.array(row), meta: insightsMetaSchema });
}

export const lifecycleResponseSchema = insightsResponseSchema(lifecycleRowSchema);
export const retentionResponseSchema = insightsResponseSchema(retentionRowSchema);
export const funnelResponseSchema = insightsResponseSchema(funnelRowSchema);
export const correlationsResponseSchema = insightsResponseSchema(correlationRowSchema);
export const churnDriversResponseSchema = insightsResponseSchema(churnDriverRowSchema);
export const noShowResponseSchema = insightsResponseSchema(noShowRowSchema);
export const kpisResponseSchema = insightsResponseSchema(kpiRowSchema);
export const featureAdoptionResponseSchema = insightsResponseSchema(featureAdoptionRowSchema);
export const healthResponseSchema = insightsResponseSchema(healthRowSchema);
export const metricCatalogResponseSchema = insightsResponseSchema(metricDefinitionSchema);

export type LifecycleResponse = z.infer<typeof lifecycleResponseSchema>;
export type RetentionResponse = z.infer<typeof retentionResponseSchema>;
export type FunnelResponse = z.infer<typeof funnelResponseSchema>;
export type CorrelationsResponse = z.infer<typeof correlationsResponseSchema>;
export type ChurnDriversResponse = z.infer<typeof churnDriversResponseSchema>;
export type NoShowResponse = z.infer<typeof noShowResponseSchema>;
export type KpisResponse = z.infer<typeof kpisResponseSchema>;
export type FeatureAdoptionResponse = z.infer<typeof featureAdoptionResponseSchema>;
export type HealthResponse = z.infer<typeof healthResponseSchema>;
export type MetricCatalogResponse = z.infer<typeof metricCatalogResponseSchema>;

interface InsightsEndpoint {
  path: string;
  operationId: string;
  summary: string;
  /** Whether a clinic token may call it (then it sees only its own clinic). */
  clinic: boolean;
  query: z.ZodType;
  /** One row of `data`; its keys are the CSV columns, in order. */
  row: z.ZodObject;
  response: z.ZodType;
}

/** Every insights endpoint: the router, the OpenAPI document and the docs list them from here. */
export const insightsEndpoints: readonly InsightsEndpoint[] = [
  {
    path: '/v1/insights/metrics',
    operationId: 'listInsightsMetrics',
    summary: 'The metric catalog: name, meaning, SQL, grain and owning team of every metric',
    clinic: true,
    query: insightsFormatOnlyQuerySchema,
    row: metricDefinitionSchema,
    response: metricCatalogResponseSchema,
  },
  {
    path: '/v1/insights/kpis',
    operationId: 'listInsightsKpis',
    summary: 'Catalog metrics per month and plan',
    clinic: false,
    query: insightsRangeQuerySchema,
    row: kpiRowSchema,
    response: kpisResponseSchema,
  },
  {
    path: '/v1/insights/feature-adoption',
    operationId: 'listInsightsFeatureAdoption',
    summary: 'Clinics using each action per month, and the share of active clinics',
    clinic: false,
    query: insightsRangeQuerySchema,
    row: featureAdoptionRowSchema,
    response: featureAdoptionResponseSchema,
  },
  {
    path: '/v1/insights/lifecycle',
    operationId: 'listInsightsLifecycle',
    summary: 'Clinics new, returning, resurrecting and dormant per week',
    clinic: true,
    query: insightsRangeQuerySchema,
    row: lifecycleRowSchema,
    response: lifecycleResponseSchema,
  },
  {
    path: '/v1/insights/retention',
    operationId: 'listInsightsRetention',
    summary:
      'Retention cohorts by signup month (from/to filter the cohort month; default: the last 24 cohorts)',
    clinic: false,
    query: insightsRangeQuerySchema,
    row: retentionRowSchema,
    response: retentionResponseSchema,
  },
  {
    path: '/v1/insights/funnel',
    operationId: 'listInsightsFunnel',
    summary: 'Sign in → create report → download, clinics per month',
    clinic: true,
    query: insightsRangeQuerySchema,
    row: funnelRowSchema,
    response: funnelResponseSchema,
  },
  {
    path: '/v1/insights/correlations',
    operationId: 'listInsightsCorrelations',
    summary: 'Pearson and Spearman between per-clinic behaviours and outcomes, with n, CI and p',
    clinic: false,
    query: correlationsQuerySchema,
    row: correlationRowSchema,
    response: correlationsResponseSchema,
  },
  {
    path: '/v1/insights/churn-drivers',
    operationId: 'listInsightsChurnDrivers',
    summary: 'Odds ratios of churn for clinics on the risky side of each behaviour, strongest first',
    clinic: false,
    query: insightsFormatOnlyQuerySchema,
    row: churnDriverRowSchema,
    response: churnDriversResponseSchema,
  },
  {
    path: '/v1/insights/no-show',
    operationId: 'listInsightsNoShow',
    summary: 'No-show rate by lead-time bucket, weekday, age group and reminder, with counts',
    clinic: true,
    query: noShowQuerySchema,
    row: noShowRowSchema,
    response: noShowResponseSchema,
  },
  {
    path: '/v1/insights/health',
    operationId: 'listInsightsHealth',
    summary: 'Customer Success health score per clinic (0-100), weakest first, with reasons and trend',
    clinic: true,
    query: healthQuerySchema,
    row: healthRowSchema,
    response: healthResponseSchema,
  },
];

export function registerInsightsPaths(registry: OpenAPIRegistry): void {
  for (const endpoint of insightsEndpoints) {
    registerRoute(registry, {
      method: 'get',
      path: endpoint.path,
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      description:
        (endpoint.clinic
          ? 'Internal roles (product, cs) see every clinic; a clinic token sees only its own figures. '
          : 'Internal roles (product, cs) only; a clinic token gets 403. ') +
        'Add format=csv for the same rows as text/csv.',
      tags: ['insights'],
      request: { query: endpoint.query as z.ZodObject },
      problems: ['bad-request', 'forbidden'],
      responses: {
        200: {
          ...jsonResponse('Rows and meta', endpoint.response),
          content: {
            'application/json': { schema: endpoint.response },
            'text/csv': { schema: z.string() },
          },
        },
      },
    });
    registerRoute(registry, {
      method: 'get',
      path: `${endpoint.path}/export.csv`,
      operationId: `${endpoint.operationId}Csv`,
      summary: `${endpoint.summary} (CSV download)`,
      description: 'The same rows as text/csv, as a file download; same query parameters and roles.',
      tags: ['insights'],
      request: { query: endpoint.query as z.ZodObject },
      problems: ['bad-request', 'forbidden'],
      responses: { 200: { description: 'Rows as CSV', content: { 'text/csv': { schema: z.string() } } } },
    });
  }
}
