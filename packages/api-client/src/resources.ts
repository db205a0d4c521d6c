// Response schemas of the platform's read endpoints (issue #3). They move to @repo/contract
// (companies.ts, appointments.ts) when the platform engineer lands them; until then they are kept minimal
// and loose here, so an extra field from the API never breaks the client.
import { z } from 'zod';
import { appointmentStatuses, pageOf, pageQuerySchema } from '@repo/contract';

export const clinicSchema = z
  .object({
    id: z.string(),
    name: z.string(),
  })
  .loose();
export type Clinic = z.infer<typeof clinicSchema>;

export const appointmentSchema = z
  .object({
    id: z.string(),
    startsAt: z.string(),
    status: z.enum(appointmentStatuses),
  })
  .loose();
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentPageSchema = pageOf(appointmentSchema);
export type AppointmentPage = z.infer<typeof appointmentPageSchema>;

export const appointmentListQuerySchema = pageQuerySchema.extend({
  from: z.string().optional(),
  to: z.string().optional(),
  status: z.enum(appointmentStatuses).optional(),
});
export interface AppointmentListQuery {
  limit?: number;
  cursor?: string;
  from?: string;
  to?: string;
  status?: Appointment['status'];
}
