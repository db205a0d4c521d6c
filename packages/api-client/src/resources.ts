// The platform's read endpoints (issue #3): schemas come from @repo/contract; the list query is the
// client-side input shape (everything optional, limit defaults on the server).
import type { Appointment } from '@repo/contract';

export {
  appointmentPageSchema,
  appointmentSchema,
  clinicSchema,
  type Appointment,
  type AppointmentPage,
  type Clinic,
} from '@repo/contract';

export interface AppointmentListQuery {
  limit?: number;
  cursor?: string;
  from?: string;
  to?: string;
  status?: Appointment['status'];
  professional?: string;
  specialty?: string;
  patientId?: string;
}
