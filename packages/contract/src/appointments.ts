// Appointments of the calling clinic: GET /v1/appointments (cursor pagination, filters), GET /v1/appointments/{id}.
import { z } from 'zod';
import { idSchema } from './companies.ts';
import { pageOf, pageQuerySchema } from './pagination.ts';
import { appointmentStatuses } from './report-runs.ts';

export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const appointmentSchema = z
  .object({
    id: idSchema,
    patientId: idSchema,
    professional: z.string(),
    specialty: z.string(),
    status: z.enum(appointmentStatuses),
    bookedAt: z.iso.datetime({ offset: true }),
    startsAt: z.iso.datetime({ offset: true }),
    priceCents: z.number().int().nonnegative(),
    reminderSent: z.boolean(),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentListQuerySchema = pageQuerySchema
  .extend({
    from: z.iso.date().optional().meta({ description: 'First day (UTC) of starts_at, inclusive' }),
    to: z.iso.date().optional().meta({ description: 'Last day (UTC) of starts_at, inclusive' }),
    status: z.enum(appointmentStatuses).optional(),
    professional: z.string().min(1).max(200).optional(),
    specialty: z.string().min(1).max(100).optional(),
    patientId: idSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from must be on or before to', path: ['to'] });
export type AppointmentListQuery = z.infer<typeof appointmentListQuerySchema>;

export const appointmentPageSchema = pageOf(appointmentSchema).meta({
  id: 'AppointmentPage',
  description: 'Newest first (starts_at desc, id desc). nextCursor is null on the last page.',
});
export type AppointmentPage = z.infer<typeof appointmentPageSchema>;

export const appointmentParamsSchema = z.object({ id: idSchema });
