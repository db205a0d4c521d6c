// What the report-runs routes need beyond the platform's deps: the queue producer, the file storage and
// the settings. Built once by server.ts (startReportRunsModule) and passed as the optional
// AppDeps.reportRuns field; tests build it with their own database and folder.
import type { PgBoss } from 'pg-boss';
import type { ReportStorage } from '../../storage/report-storage.ts';
import { createLocalStorage } from '../../storage/local-storage.ts';
import { createBoss, ensureQueues } from './queue.ts';
import { loadReportRunSettings, type ReportRunSettings } from './settings.ts';

export interface ReportRunsModule {
  boss: PgBoss;
  storage: ReportStorage;
  settings: ReportRunSettings;
  stop: () => Promise<void>;
}

export interface ReportRunsModuleOptions {
  databaseUrl: string;
  reportsDir: string;
  settings?: ReportRunSettings;
  onError?: (error: unknown) => void;
}

/** Starts the API's pg-boss producer (no polling, no maintenance) and the storage. */
export async function startReportRunsModule(options: ReportRunsModuleOptions): Promise<ReportRunsModule> {
  const settings = options.settings ?? loadReportRunSettings();
  const boss = createBoss(options.databaseUrl, 'api', settings);
  boss.on('error', options.onError ?? (() => undefined));
  await boss.start();
  await ensureQueues(boss, settings);
  return {
    boss,
    storage: createLocalStorage(options.reportsDir),
    settings,
    stop: () => boss.stop({ graceful: true, timeout: 5_000 }),
  };
}
