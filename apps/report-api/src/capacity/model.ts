// The capacity model as code: from business inputs (clinics, logins, activity, report mix, patients) to
// the load the API and PostgreSQL must carry and the resources that carry it with headroom. Pure functions:
// the CLI (cli.ts) parses flags and renders; docs/reference/capacity.md quotes its output.

export interface CapacityInputs {
  /** Companies (clinics) on the platform. */
  clinics: number;
  /** Logins per clinic (one today). */
  loginsPerClinic: number;
  /** Share of logins issuing actions in the peak minute (0..1). */
  peakActiveShare: number;
  /** Actions (screens, searches, saves) one active login issues per minute at peak. */
  actionsPerMinute: number;
  /** Database queries per action today (the challenge says 5). */
  queriesPerActionToday: number;
  /** Database queries per action after the rewrite (one round trip). */
  queriesPerActionTarget: number;
  /** Share of read actions answered by the cache in the target design (0..1). */
  cacheHitRatio: number;
  /** Share of actions that are reads (cacheable). */
  readShare: number;
  /** Mean database time of one query, milliseconds (indexed, company-scoped). */
  queryMs: number;
  /** Mean non-database time per action in the API process, milliseconds (today, sequential queries). */
  appMsPerAction: number;
  /** Patients across all clinics. */
  patients: number;
  /** Future: share of patients active in the peak minute once patients log in (0..1). */
  patientPeakActiveShare: number;
  /** Future: actions per minute of an active patient. */
  patientActionsPerMinute: number;
  /** Appointments per patient per year (data growth). */
  appointmentsPerPatientYear: number;
  /** App events per clinic per day (data growth). */
  eventsPerClinicDay: number;
  /** Years of data to size the database for. */
  years: number;
  /** Reports requested per clinic per day. */
  reportsPerClinicDay: number;
  /** Share of the day's reports requested in the peak hour (0..1). */
  reportPeakHourShare: number;
  /** Mean rows per report (most are small; a few large clinics export millions). */
  meanRowsPerReport: number;
  /** Rows per second one report worker streams (measured by bench:reports). */
  workerRowsPerSecond: number;
  /** Requests per second one API process serves on the main clinic read within SLO (measured). */
  measuredRpsPerProcess: number;
  /** Queries per second the primary sustains for these indexed queries (measured or vendor figure). */
  dbMaxQueriesPerSecond: number;
  /** Utilisation we plan to run at (0..1); the rest is headroom for bursts and failures. */
  targetUtilisation: number;
  /** Connections each API process keeps in its pool. */
  poolSizePerProcess: number;
  /** PostgreSQL max_connections. */
  dbMaxConnections: number;
}

/** Defaults reflect the challenge: 10,000 clinics with one login each, 5 queries per action, 1M patients. */
export const defaultInputs: CapacityInputs = {
  clinics: 10_000,
  loginsPerClinic: 1,
  peakActiveShare: 0.5,
  actionsPerMinute: 6,
  queriesPerActionToday: 5,
  queriesPerActionTarget: 1,
  cacheHitRatio: 0.5,
  readShare: 0.9,
  queryMs: 1.5,
  appMsPerAction: 2,
  patients: 1_000_000,
  patientPeakActiveShare: 0.01,
  patientActionsPerMinute: 2,
  appointmentsPerPatientYear: 10,
  eventsPerClinicDay: 300,
  years: 3,
  reportsPerClinicDay: 2,
  reportPeakHourShare: 0.2,
  meanRowsPerReport: 5_000,
  workerRowsPerSecond: 150_000,
  measuredRpsPerProcess: 1_500,
  dbMaxQueriesPerSecond: 20_000,
  targetUtilisation: 0.6,
  poolSizePerProcess: 10,
  dbMaxConnections: 100,
};

export interface DesignLoad {
  /** Database queries per second reaching PostgreSQL. */
  queriesPerSecond: number;
  /** Busy connections on average (Little's law: L = lambda x W). */
  busyConnections: number;
  /** Share of the primary's query capacity used. */
  dbUtilisation: number;
}

export interface CapacityOutputs {
  activeLoginsAtPeak: number;
  clinicActionsPerSecond: number;
  patientActionsPerSecond: number;
  /** Interactive requests per second at peak (clinics today; clinics + patients in the future). */
  peakRequestsPerSecond: number;
  futurePeakRequestsPerSecond: number;
  today: DesignLoad & { connectionsHeldPerAction: number };
  target: DesignLoad;
  future: DesignLoad;
  apiProcessesNeeded: number;
  futureApiProcessesNeeded: number;
  /** Spare capacity at peak with the planned processes (0.5 = 50% more traffic fits). */
  apiHeadroom: number;
  poolConnectionsTotal: number;
  needsPgBouncer: boolean;
  reportsPerSecondAtPeak: number;
  reportWorkerSecondsPerSecond: number;
  reportWorkersNeeded: number;
  database: {
    appointments: number;
    appEvents: number;
    sizeGb: number;
    /** Single primary is enough while the working set fits in memory and writes fit one node. */
    citusRecommended: boolean;
  };
}

const BYTES = { appointment: 160, appEvent: 110, patient: 140, indexOverhead: 0.6 };

function design(queriesPerSecond: number, queryMs: number, dbMax: number): DesignLoad {
  return {
    queriesPerSecond,
    busyConnections: (queriesPerSecond * queryMs) / 1000,
    dbUtilisation: queriesPerSecond / dbMax,
  };
}

function processesFor(rps: number, i: CapacityInputs): number {
  // N+1: enough processes at the planned utilisation, plus one to lose during a deploy or a crash.
  return Math.max(2, Math.ceil(rps / (i.measuredRpsPerProcess * i.targetUtilisation)) + 1);
}

export function validateInputs(i: CapacityInputs): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(i)) {
    if (!Number.isFinite(value) || value < 0) errors.push(`${key} must be a non-negative number`);
  }
  for (const key of [
    'peakActiveShare',
    'cacheHitRatio',
    'readShare',
    'patientPeakActiveShare',
    'reportPeakHourShare',
    'targetUtilisation',
  ] as const) {
    if (i[key] > 1) errors.push(`${key} is a share and must be between 0 and 1`);
  }
  for (const key of ['measuredRpsPerProcess', 'dbMaxQueriesPerSecond', 'targetUtilisation'] as const) {
    if (i[key] === 0) errors.push(`${key} must be greater than 0`);
  }
  return errors;
}

export function computeCapacity(i: CapacityInputs): CapacityOutputs {
  const errors = validateInputs(i);
  if (errors.length > 0) throw new RangeError(errors.join('; '));

  const activeLoginsAtPeak = i.clinics * i.loginsPerClinic * i.peakActiveShare;
  const clinicActionsPerSecond = (activeLoginsAtPeak * i.actionsPerMinute) / 60;
  const patientActionsPerSecond = (i.patients * i.patientPeakActiveShare * i.patientActionsPerMinute) / 60;

  // Today: every action runs N sequential queries and holds its connection in between.
  const todayQps = clinicActionsPerSecond * i.queriesPerActionToday;
  const connectionsHeldPerAction = (i.queriesPerActionToday * i.queryMs + i.appMsPerAction) / 1000;
  const today = {
    ...design(todayQps, i.queryMs, i.dbMaxQueriesPerSecond),
    busyConnections: clinicActionsPerSecond * connectionsHeldPerAction,
    connectionsHeldPerAction,
  };

  const cacheMiss = 1 - i.readShare * i.cacheHitRatio;
  const targetQps = clinicActionsPerSecond * i.queriesPerActionTarget * cacheMiss;
  const target = design(targetQps, i.queryMs, i.dbMaxQueriesPerSecond);
  const futureQps = (clinicActionsPerSecond + patientActionsPerSecond) * i.queriesPerActionTarget * cacheMiss;
  const future = design(futureQps, i.queryMs, i.dbMaxQueriesPerSecond);

  const apiProcessesNeeded = processesFor(clinicActionsPerSecond, i);
  const futureApiProcessesNeeded = processesFor(clinicActionsPerSecond + patientActionsPerSecond, i);
  const apiHeadroom = ((apiProcessesNeeded - 1) * i.measuredRpsPerProcess) / clinicActionsPerSecond - 1;
  const poolConnectionsTotal = futureApiProcessesNeeded * i.poolSizePerProcess;

  const reportsPerSecondAtPeak = (i.clinics * i.reportsPerClinicDay * i.reportPeakHourShare) / 3600;
  const reportWorkerSecondsPerSecond = (reportsPerSecondAtPeak * i.meanRowsPerReport) / i.workerRowsPerSecond;
  const reportWorkersNeeded = Math.max(2, Math.ceil(reportWorkerSecondsPerSecond / i.targetUtilisation) + 1);

  const appointments = i.patients * i.appointmentsPerPatientYear * i.years;
  const appEvents = i.clinics * i.eventsPerClinicDay * 365 * i.years;
  const rawBytes = appointments * BYTES.appointment + appEvents * BYTES.appEvent + i.patients * BYTES.patient;
  const sizeGb = (rawBytes * (1 + BYTES.indexOverhead)) / 1024 ** 3;

  return {
    activeLoginsAtPeak,
    clinicActionsPerSecond,
    patientActionsPerSecond,
    peakRequestsPerSecond: clinicActionsPerSecond,
    futurePeakRequestsPerSecond: clinicActionsPerSecond + patientActionsPerSecond,
    today,
    target,
    future,
    apiProcessesNeeded,
    futureApiProcessesNeeded,
    apiHeadroom,
    poolConnectionsTotal,
    needsPgBouncer: poolConnectionsTotal > i.dbMaxConnections * 0.8,
    reportsPerSecondAtPeak,
    reportWorkerSecondsPerSecond,
    reportWorkersNeeded,
    database: {
      appointments,
      appEvents,
      sizeGb,
      citusRecommended: sizeGb > 1024 || future.dbUtilisation > 0.7,
    },
  };
}
