// The MSW server shared by every test file: the happy-path mock API is installed fresh before each test;
// a test prepends a scenario with server.use(...) to break what it needs.
import { setupServer } from 'msw/node';

export const server = setupServer();
