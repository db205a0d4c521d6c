import type { ReportRun } from '@repo/contract';

export const REPORT_PAGE_SIZE = 10;

export const reportRunKeys = {
  all: ['report-runs'] as const,
  lists: () => [...reportRunKeys.all, 'list'] as const,
  list: (cursor: string | null) => [...reportRunKeys.lists(), { cursor }] as const,
  detail: (id: string) => [...reportRunKeys.all, 'detail', id] as const,
};

export function isActive(run: Pick<ReportRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}
