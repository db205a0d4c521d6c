export * from './catalog.ts';
export * from './refresh.ts';
