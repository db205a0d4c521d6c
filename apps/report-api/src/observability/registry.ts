// One Prometheus registry per API or worker instance (tests build many in one process), with Node's default
// metrics: event-loop lag (nodejs_eventloop_lag_*), process memory and CPU, GC, handles.
import { Registry, collectDefaultMetrics } from 'prom-client';

export interface RegistryOptions {
  /** Collect Node's default metrics; on unless false (tests turn them off). */
  defaultMetrics?: boolean;
  /** Event-loop lag sampling resolution in ms; prom-client's own default when unset. */
  eventLoopMonitoringPrecision?: number;
}

export function createRegistry(options: RegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics !== false) {
    const { eventLoopMonitoringPrecision } = options;
    // Only pass the precision when set: prom-client spreads the config over its default, so an explicit
    // undefined would replace it.
    collectDefaultMetrics({
      register: registry,
      ...(eventLoopMonitoringPrecision === undefined ? {} : { eventLoopMonitoringPrecision }),
    });
  }
  return registry;
}
