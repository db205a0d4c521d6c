// The documented CSV layout of `npm run import:appointments` and the column mapping that adapts another
// export to it (docs/reference/insights.md#import). A mapping names, for each field of the layout, the
// header that holds it in the file, and may rewrite raw values before they are parsed.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Fields of the layout. Required: appointment_ref, patient_ref, booked_at, starts_at, and status or no_show. */
export const layoutFields = [
  'clinic_ref',
  'clinic_name',
  'appointment_ref',
  'patient_ref',
  'booked_at',
  'starts_at',
  'status',
  'no_show',
  'sex',
  'age',
  'birth_year',
  'neighbourhood',
  'hypertension',
  'diabetes',
  'alcoholism',
  'handicap',
  'reminder_sent',
  'price',
  'price_cents',
  'professional',
  'specialty',
] as const;
export type LayoutField = (typeof layoutFields)[number];

export const layoutFieldDocs: Record<LayoutField, string> = {
  clinic_ref: 'External reference of the clinic (companies.external_ref); else --company applies',
  clinic_name: 'Name for a clinic created on first sight (default: its reference)',
  appointment_ref: 'Required. Unique per clinic; re-importing a row with the same reference updates it',
  patient_ref: 'Required. Patient reference, unique per clinic; a patient may appear in many rows',
  booked_at: 'Required. When the booking was made: timestamp with or without zone, or a date',
  starts_at: 'Required. When the appointment starts (same formats)',
  status: 'scheduled, completed, cancelled or no_show (also agendado, realizado, cancelado, faltou)',
  no_show: 'Boolean instead of status: true = no_show, false = completed',
  sex: 'F, M or X (also female/male, feminino/masculino)',
  age: 'Age in years at the appointment; stored as a birth year',
  birth_year: 'Birth year (instead of age)',
  neighbourhood: 'Neighbourhood of the patient',
  hypertension: 'Boolean',
  diabetes: 'Boolean',
  alcoholism: 'Boolean',
  handicap: 'Boolean',
  reminder_sent: 'Boolean: a reminder (SMS, WhatsApp) was sent',
  price: 'Price in reais (150, 150.00 or 150,00)',
  price_cents: 'Price in cents (instead of price)',
  professional: 'Professional who sees the patient (default "unknown")',
  specialty: 'Specialty of the appointment (default "general")',
};

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const mappingSchema = z.strictObject({
  /** Field of the layout -> header in the file (matched case-insensitively). Unlisted fields use their own name. */
  columns: z.partialRecord(z.enum(layoutFields), z.string().min(1)).default({}),
  /** Field -> { raw value -> replacement } applied before parsing, e.g. handicap levels "2" -> "1". */
  values: z.partialRecord(z.enum(layoutFields), z.record(z.string(), z.string())).default({}),
  /** Zone of timestamps written without one. */
  timeZone: z
    .string()
    .min(1)
    .default('America/Sao_Paulo')
    .refine(isTimeZone, 'unknown time zone: use an IANA name such as America/Sao_Paulo'),
  /** Fields whose time part is ignored (the export writes a date as midnight UTC). */
  dateOnly: z.array(z.enum(['booked_at', 'starts_at'])).default([]),
  /** Attributes of clinics the import creates. */
  company: z
    .strictObject({
      plan: z.enum(['free', 'basic', 'pro', 'enterprise']).default('free'),
      specialty: z.string().min(1).max(100).default('general'),
      city: z.string().min(1).max(100).default('unknown'),
      state: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .default('XX'),
    })
    .default({ plan: 'free', specialty: 'general', city: 'unknown', state: 'XX' }),
});
export type Mapping = z.infer<typeof mappingSchema>;

/** The public "Medical Appointment No Shows" export (Kaggle; Vitória, Brazil). */
export const kaggleNoShowMapping: Mapping = mappingSchema.parse({
  columns: {
    patient_ref: 'PatientId',
    appointment_ref: 'AppointmentID',
    sex: 'Gender',
    booked_at: 'ScheduledDay',
    starts_at: 'AppointmentDay',
    age: 'Age',
    neighbourhood: 'Neighbourhood',
    hypertension: 'Hipertension',
    diabetes: 'Diabetes',
    alcoholism: 'Alcoholism',
    handicap: 'Handcap',
    reminder_sent: 'SMS_received',
    no_show: 'No-show',
  },
  // Handcap counts disabilities (0-4): any is true.
  values: { handicap: { '2': '1', '3': '1', '4': '1' } },
  timeZone: 'America/Sao_Paulo',
  // AppointmentDay holds dates written as midnight UTC (T00:00:00Z): the day is what it means.
  dateOnly: ['starts_at'],
  company: { plan: 'free', specialty: 'general', city: 'Vitória', state: 'ES' },
});

export const builtInMappings: Record<string, Mapping> = { 'kaggle-noshow': kaggleNoShowMapping };

export const defaultMapping: Mapping = mappingSchema.parse({});

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A built-in mapping name, or a path to a JSON file in the mapping format. */
export async function loadMapping(nameOrPath: string | undefined): Promise<Mapping> {
  if (nameOrPath === undefined) return defaultMapping;
  const builtIn = builtInMappings[nameOrPath];
  if (builtIn) return builtIn;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(nameOrPath, 'utf8'));
  } catch (error) {
    throw new ImportError(`cannot read mapping ${nameOrPath}: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ImportError(`mapping ${nameOrPath} is invalid:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

/** Column index of every mapped field present in the header; fails when a required field is missing. */
export function resolveColumns(header: string[], mapping: Mapping): Partial<Record<LayoutField, number>> {
  const normalized = header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const index: Partial<Record<LayoutField, number>> = {};
  for (const field of layoutFields) {
    const name = (mapping.columns[field] ?? field).trim().toLowerCase();
    const at = normalized.indexOf(name);
    if (at >= 0) index[field] = at;
  }
  const required: LayoutField[] = ['appointment_ref', 'patient_ref', 'booked_at', 'starts_at'];
  const missing = required.filter((f) => index[f] === undefined);
  if (index.status === undefined && index.no_show === undefined) missing.push('status');
  if (missing.length > 0) {
    const names = missing.map((f) => (mapping.columns[f] ? `${f} (mapped to "${mapping.columns[f]}")` : f));
    throw new ImportError(
      `the header lacks required columns: ${names.join(', ')}. Found: ${header.join(', ')}. ` +
        'Pass --mapping to name the columns of this export.',
    );
  }
  return index;
}
