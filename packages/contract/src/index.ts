export * from './problem.ts';
export * from './pagination.ts';
export * from './report-runs.ts';
