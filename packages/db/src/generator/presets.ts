// Named sizes of generated data. `demo` is what a developer clicks through; `target` is the scale the
// architecture is judged at; `test` is small enough for any test file to seed in well under a second.

export type PresetName = 'demo' | 'test' | 'target';

export interface Preset {
  companies: number;
  patients: number;
  appointments: number;
  appEvents: number;
  /** Size weights of the first companies (the rest are lognormal and capped below the smallest of these). */
  fixedSizeWeights: readonly number[];
  /** Rows per INSERT batch (a batch is a contiguous range of companies). */
  batchRows: number;
  /** Drop secondary indexes and foreign keys during the load and rebuild them after. */
  bulk: boolean;
}

export const presets: Record<PresetName, Preset> = {
  // Clinic A (company 1) takes ~40% of everything: tens of thousands of appointments; clinic B ~12%.
  demo: {
    companies: 10,
    patients: 6_000,
    appointments: 80_000,
    appEvents: 60_000,
    fixedSizeWeights: [14, 4],
    batchRows: 1_000_000,
    bulk: true,
  },
  test: {
    companies: 20,
    patients: 2_000,
    appointments: 20_000,
    appEvents: 20_000,
    fixedSizeWeights: [],
    batchRows: 1_000_000,
    bulk: false,
  },
  target: {
    companies: 10_000,
    patients: 1_000_000,
    appointments: 10_000_000,
    appEvents: 10_000_000,
    fixedSizeWeights: [],
    batchRows: 1_000_000,
    bulk: true,
  },
};

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(presets, name);
}
