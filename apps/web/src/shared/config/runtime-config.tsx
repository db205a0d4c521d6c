// Timing knobs of the UI (polling backoff, connectivity probes). Tests shrink them; production keeps defaults.
import { createContext, useContext, type ReactNode } from 'react';

export interface RuntimeConfig {
  /** Polling interval of a fresh active report run; grows by `pollFactor` per 5 s of the run's age. */
  pollBaseMs: number;
  pollFactor: number;
  pollMaxMs: number;
  /** First delay before probing the API again after a network failure; doubles up to `probeMaxMs`. */
  probeBaseMs: number;
  probeMaxMs: number;
  /** After this long, a loading state says the server is slow. */
  slowHintMs: number;
  /** Show the demo tokens on the sign-in page (development and mock mode only). */
  showDemoTokens: boolean;
}

export const defaultRuntimeConfig: RuntimeConfig = {
  pollBaseMs: 1_000,
  pollFactor: 1.5,
  pollMaxMs: 10_000,
  probeBaseMs: 2_000,
  probeMaxMs: 15_000,
  slowHintMs: 3_000,
  showDemoTokens: false,
};

const RuntimeConfigContext = createContext<RuntimeConfig>(defaultRuntimeConfig);

export function RuntimeConfigProvider({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  return <RuntimeConfigContext value={config}>{children}</RuntimeConfigContext>;
}

export function useRuntimeConfig(): RuntimeConfig {
  return useContext(RuntimeConfigContext);
}
