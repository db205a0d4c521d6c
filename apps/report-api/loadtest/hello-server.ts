// The baseline: an express 5 hello world, run as its own process like the API, on PORT (0 = any free port).
// Prints "listening <port>" once ready.
import type { AddressInfo } from 'node:net';
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/', (_req, res) => {
  res.json({ hello: 'world' });
});
app.get('/metrics', (_req, res) => {
  res
    .type('text/plain')
    .send(
      `process_cpu_seconds_total ${String(process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6)}\n`,
    );
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${String((server.address() as AddressInfo).port)}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
