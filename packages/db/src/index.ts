export * from './schema.ts';
export * from './connection.ts';
export * from './migrate.ts';
export * from './embedded.ts';
export * from './resolve.ts';
export * from './tokens.ts';
export * from './schema-report-runs.ts';
export * from './insights/index.ts';
