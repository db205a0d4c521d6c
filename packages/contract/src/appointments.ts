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

// PostgreSQL has no year 0: reject it here rather than let the database fail.
const day = z.iso.date().refine((d) => !d.startsWith('0000'), { error: 'the year must be 0001 or later' });

export const appointmentListQuerySchema = pageQuerySchema
  .extend({
    from: day.optional().meta({ description: "First day of starts_at in the clinic's time zone, inclusive" }),
    to: day.optional().meta({ description: "Last day of starts_at in the clinic's time zone, inclusive" }),
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
