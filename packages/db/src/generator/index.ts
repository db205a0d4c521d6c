export * from './seed.ts';
export * from './planted-effects.ts';
export * from './presets.ts';
export { cities, specialties, GENERAL_PRACTICE, holidays } from './reference-data.ts';
