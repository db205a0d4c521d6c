// '@repo/api-client/msw': the scenario library shared by unit tests (setupServer), mock mode
// (setupWorker) and the contract suite.
export * from './fixtures.ts';
export * from './mock-api.ts';
export * from './scenarios.ts';
