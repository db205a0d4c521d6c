// Settings of the insights feature, read from the environment when the router is built.
import { z } from 'zod';
import { DEFAULT_MIN_PATIENTS_PER_GROUP } from '@repo/db';

export interface InsightsConfig {
  /** k of the k-anonymity rule: groups with fewer patients are suppressed (decision 061). */
  minPatientsPerGroup: number;
}

const schema = z.object({
  INSIGHTS_MIN_PATIENTS_PER_GROUP: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(DEFAULT_MIN_PATIENTS_PER_GROUP),
});

export function loadInsightsConfig(env: NodeJS.ProcessEnv = process.env): InsightsConfig {
  const value = env.INSIGHTS_MIN_PATIENTS_PER_GROUP;
  const parsed = schema.safeParse({ INSIGHTS_MIN_PATIENTS_PER_GROUP: value === '' ? undefined : value });
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration: INSIGHTS_MIN_PATIENTS_PER_GROUP must be an integer from 1 to 10000`,
    );
  }
  return { minPatientsPerGroup: parsed.data.INSIGHTS_MIN_PATIENTS_PER_GROUP };
}
