export * from './problem.ts';
export * from './pagination.ts';
export * from './report-runs.ts';
export * from './companies.ts';
export * from './appointments.ts';
export * from './openapi.ts';
export * from './insights.ts';
