export * from './catalog.ts';
export * from './refresh.ts';
export { FIXTURE_ANCHOR, fixturePlantedEffects, seedInsightsFixture } from './fixture.ts';
