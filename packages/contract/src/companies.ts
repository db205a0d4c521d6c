// The clinic (company) as its own users see it: GET /v1/clinic.
import { z } from 'zod';

export const companyPlans = ['free', 'basic', 'pro', 'enterprise'] as const;
export const companyStatuses = ['active', 'churned'] as const;

/** Resource ids are PostgreSQL bigints, sent as decimal strings (JSON numbers lose precision above 2^53). */
export const idSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,17}$/, { error: 'must be a positive integer id' })
  .meta({ description: 'Resource id: a positive integer as a string', example: '42' });

export const clinicSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    plan: z.enum(companyPlans),
    specialty: z.string(),
    city: z.string(),
    state: z.string().length(2),
    status: z.enum(companyStatuses),
    createdAt: z.iso.datetime({ offset: true }),
    churnedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Clinic', description: "The calling clinic's profile" });
export type Clinic = z.infer<typeof clinicSchema>;
