// Happy-path MSW handlers of GET /v1/insights/*, with fixture rows checked against the contract schemas
// (a contract change the fixtures do not follow fails here). Failure scenarios come from
// @repo/api-client/msw with a `path` target, e.g. serverError({ path: '/v1/insights/*' }).
import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  churnDriversResponseSchema,
  correlationsResponseSchema,
  funnelResponseSchema,
  healthResponseSchema,
  kpisResponseSchema,
  lifecycleResponseSchema,
  noShowResponseSchema,
  retentionResponseSchema,
  type InsightsMeta,
} from '@repo/contract';
import { apiPath } from '@repo/api-client/msw';

const meta = (overrides: Partial<InsightsMeta> = {}): InsightsMeta => ({
  anchorAt: '2026-11-28T18:00:00.000Z',
  scope: 'all',
  minPatientsPerGroup: 10,
  suppressedRows: 0,
  ...overrides,
});

export const insightsFixtures = {
  kpis: kpisResponseSchema.parse({
    data: [
      {
        month: '2026-09-01',
        plan: 'all',
        activeClinicsDaily: 40.5,
        activeClinicsWeekly: 80,
        activeClinicsMonthly: 95,
        stickiness: 0.43,
        reportsCreated: 310,
        reportsDownloaded: 250,
        appointments: 5120,
        noShowRate: 0.18,
        medianLeadDays: 6,
        revenueCents: 76800000,
        churnedClinics: 2,
        suppressed: false,
      },
      {
        month: '2026-10-01',
        plan: 'all',
        activeClinicsDaily: 42,
        activeClinicsWeekly: 83,
        activeClinicsMonthly: 97,
        stickiness: 0.43,
        reportsCreated: 322,
        reportsDownloaded: 260,
        appointments: 5230,
        noShowRate: 0.17,
        medianLeadDays: 6,
        revenueCents: 78450000,
        churnedClinics: 1,
        suppressed: false,
      },
    ],
    meta: meta(),
  }),
  lifecycle: lifecycleResponseSchema.parse({
    data: [
      { week: '2026-11-09', plan: 'all', new: 3, returning: 80, resurrecting: 4, dormant: 5 },
      { week: '2026-11-16', plan: 'all', new: 2, returning: 82, resurrecting: 2, dormant: 3 },
    ],
    meta: meta(),
  }),
  retention: retentionResponseSchema.parse({
    data: [
      {
        cohortMonth: '2026-08-01',
        plan: 'all',
        monthsSince: 0,
        cohortSize: 10,
        activeClinics: 10,
        retention: 1,
      },
      {
        cohortMonth: '2026-08-01',
        plan: 'all',
        monthsSince: 1,
        cohortSize: 10,
        activeClinics: 8,
        retention: 0.8,
      },
      {
        cohortMonth: '2026-09-01',
        plan: 'all',
        monthsSince: 0,
        cohortSize: 12,
        activeClinics: 12,
        retention: 1,
      },
    ],
    meta: meta(),
  }),
  funnel: funnelResponseSchema.parse({
    data: [
      {
        month: '2026-10-01',
        plan: 'all',
        signedIn: 90,
        createdReport: 60,
        downloaded: 45,
        signInToReport: 0.667,
        reportToDownload: 0.75,
        medianMinutesToReport: 12,
        medianMinutesToDownload: 3,
      },
    ],
    meta: meta(),
  }),
  correlations: correlationsResponseSchema.parse({
    data: [
      {
        x: 'reports_per_week',
        y: 'churned',
        n: 9800,
        pearsonR: -0.21,
        pearsonCiLow: -0.23,
        pearsonCiHigh: -0.19,
        pValue: 0,
        spearmanRho: -0.25,
        spearmanCiLow: -0.27,
        spearmanCiHigh: -0.23,
        slope: -0.04,
        r2: 0.044,
        flags: ['weak'],
      },
      {
        x: 'feature_breadth',
        y: 'growth',
        n: 24,
        pearsonR: 0.35,
        pearsonCiLow: -0.06,
        pearsonCiHigh: 0.66,
        pValue: 0.09,
        spearmanRho: 0.3,
        spearmanCiLow: -0.1,
        spearmanCiHigh: 0.62,
        slope: 0.1,
        r2: 0.12,
        flags: ['small_n', 'not_significant'],
      },
    ],
    meta: meta(),
  }),
  churnDrivers: churnDriversResponseSchema.parse({
    data: [
      {
        driver: 'low_report_use',
        n: 10000,
        exposedChurned: 900,
        exposedRetained: 4100,
        unexposedChurned: 400,
        unexposedRetained: 4600,
        oddsRatio: 2.52,
        ciLow: 2.22,
        ciHigh: 2.86,
        flags: [],
      },
    ],
    meta: meta(),
  }),
  noShow: noShowResponseSchema.parse({
    data: [
      {
        period: 'all',
        plan: 'all',
        factor: 'lead_time',
        bucket: '0',
        appointments: 3000,
        noShows: 150,
        noShowRate: 0.05,
        patients: 900,
        suppressed: false,
      },
      {
        period: 'all',
        plan: 'all',
        factor: 'lead_time',
        bucket: '31+',
        appointments: 1000,
        noShows: 320,
        noShowRate: 0.32,
        patients: 600,
        suppressed: false,
      },
      {
        period: 'all',
        plan: 'all',
        factor: 'age_group',
        bucket: 'unknown',
        appointments: null,
        noShows: null,
        noShowRate: null,
        patients: null,
        suppressed: true,
      },
    ],
    meta: meta({ suppressedRows: 1 }),
  }),
  health: healthResponseSchema.parse({
    data: [
      {
        companyId: '7',
        name: 'Clínica Horizonte',
        plan: 'basic',
        status: 'active',
        score: 31,
        previousScore: 58,
        trend: -27,
        atRisk: true,
        reasons: ['reports', 'activity'],
        activity: 20,
        breadth: 60,
        reports: 10,
        volumeTrend: 80,
        attendance: 70,
        noShowRate: 0.12,
        patients: 140,
        suppressed: false,
      },
    ],
    meta: meta(),
  }),
};

const byName: Record<string, unknown> = {
  kpis: insightsFixtures.kpis,
  lifecycle: insightsFixtures.lifecycle,
  retention: insightsFixtures.retention,
  funnel: insightsFixtures.funnel,
  correlations: insightsFixtures.correlations,
  'churn-drivers': insightsFixtures.churnDrivers,
  'no-show': insightsFixtures.noShow,
  health: insightsFixtures.health,
};

/** Every insights endpoint answers its fixture; `empty` answers no rows; CSV exports answer a small file. */
export function insightsHandlers(options: { empty?: boolean } = {}): HttpHandler[] {
  return [
    http.get(
      apiPath('/v1/insights/:name/export.csv'),
      ({ params }) =>
        new HttpResponse('month,value\r\n2026-10-01,1\r\n', {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="insights-${String(params.name)}.csv"`,
          },
        }),
    ),
    http.get(apiPath('/v1/insights/:name'), ({ params }) => {
      const body = byName[String(params.name)];
      if (!body) return HttpResponse.json({}, { status: 404 });
      return HttpResponse.json(options.empty ? { data: [], meta: meta() } : body);
    }),
  ];
}
