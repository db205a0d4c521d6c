import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import {
  defaultMapping,
  ImportError,
  kaggleNoShowMapping,
  loadMapping,
  type Mapping,
} from '../../src/features/insights/appointment-import/csv-layout.ts';
import {
  importAppointments,
  type ImportOptions,
  type ImportProgress,
} from '../../src/features/insights/appointment-import/import-appointments.ts';

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase('insights_import');
  dir = await mkdtemp(join(tmpdir(), 'import-test-'));
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.pool.query('TRUNCATE companies CASCADE');
});

function csv(lines: string[]): Readable {
  return Readable.from([lines.join('\n') + '\n']);
}

function run(lines: string[], options: Partial<ImportOptions> = {}) {
  return importAppointments(t.pool, csv(lines), { mapping: defaultMapping, ...options });
}

async function count(table: string): Promise<number> {
  const { rows } = await t.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}

const HEADER =
  'clinic_ref,clinic_name,appointment_ref,patient_ref,booked_at,starts_at,status,sex,age,reminder_sent,diabetes,price';

describe('importing the documented layout', () => {
  it('loads appointments with their patients and clinics, whatever the timestamp and boolean spelling', async () => {
    const report = await run([
      HEADER,
      'c1,Clínica Um,a1,p1,2026-03-01T10:00:00Z,2026-03-10T13:00:00Z,completed,F,40,1,true,"150,00"',
      'c1,Clínica Um,a2,p1,2026-03-01 10:00,2026-03-20 09:30,no_show,F,40,0,false,150.00',
      'c1,Clínica Um,a3,p2,2026-03-05T10:00:00-03:00,2026-03-06,cancelado,masculino,,sim,não,',
      'c2,Clínica Dois,a1,p1,02/03/2026 08:15,15/03/2026 14:00,faltou,M,70,Yes,No,99',
    ]);
    expect(report).toMatchObject({ rowsRead: 4, inserted: 4, skipped: 0, patientsCreated: 3 });
    expect(report.companiesCreated).toEqual(['c1', 'c2']);
    const { rows } = await t.pool.query<Record<string, unknown>>(`
      SELECT c.external_ref AS clinic, a.external_ref AS ref, a.status, a.reminder_sent, a.price_cents,
             a.booked_at, a.starts_at, p.external_ref AS patient, p.sex, p.birth_year, p.diabetes
      FROM appointments a JOIN companies c ON c.id = a.company_id
      JOIN patients p ON p.company_id = a.company_id AND p.id = a.patient_id
      ORDER BY clinic, ref`);
    expect(rows).toEqual([
      expect.objectContaining({
        clinic: 'c1',
        ref: 'a1',
        status: 'completed',
        reminder_sent: true,
        price_cents: 15000,
        booked_at: new Date('2026-03-01T10:00:00Z'),
        patient: 'p1',
        sex: 'F',
        birth_year: 1986,
        diabetes: true,
      }),
      // No zone: wall-clock time in America/Sao_Paulo (UTC-3).
      expect.objectContaining({
        clinic: 'c1',
        ref: 'a2',
        status: 'no_show',
        reminder_sent: false,
        booked_at: new Date('2026-03-01T13:00:00Z'),
        starts_at: new Date('2026-03-20T12:30:00Z'),
      }),
      expect.objectContaining({
        clinic: 'c1',
        ref: 'a3',
        status: 'cancelled',
        reminder_sent: true,
        price_cents: 0,
        booked_at: new Date('2026-03-05T13:00:00Z'),
        starts_at: new Date('2026-03-06T03:00:00Z'),
        sex: 'M',
        birth_year: null,
      }),
      expect.objectContaining({
        clinic: 'c2',
        ref: 'a1',
        status: 'no_show',
        reminder_sent: true,
        price_cents: 9900,
        booked_at: new Date('2026-03-02T11:15:00Z'),
        starts_at: new Date('2026-03-15T17:00:00Z'),
        birth_year: 1956,
      }),
    ]);
  });

  it('reports bad rows with their line numbers and reasons, and commits the good ones', async () => {
    const report = await run([
      HEADER,
      'c1,,a1,p1,2026-03-01T10:00:00Z,2026-03-10T13:00:00Z,completed,F,40,1,0,',
      'c1,,a2,p1,2026-02-30,2026-03-10,completed,F,40,1,0,',
      'c1,,a3,,2026-03-01,2026-03-10,completed,F,40,1,0,',
      'c1,,a4,p2,2026-03-12,2026-03-10,completed,F,40,1,0,',
      'c1,,a5,p2,2026-03-01,2026-03-10,completed,F,40,maybe,0,',
      'c1,,a6,p2,2026-03-01,2026-03-10,completed',
      'c1,,a7,p2,2026-03-01,2026-03-10,lost,F,40,1,0,',
      'c1,,a8,p2,2026-03-01,2026-03-10,completed,F,-1,1,0,',
      'c1,,a9,p2,2026-03-01,2026-03-10,completed,F,40,1,0,12x',
      'c1,,a10,p3,2026-03-01,2026-03-10,completed,F,40,1,0,',
    ]);
    expect(report.errors).toEqual([
      { line: 3, reason: 'booked_at "2026-02-30" is not a valid date' },
      { line: 4, reason: 'patient_ref is empty' },
      { line: 5, reason: expect.stringMatching(/^booked_at .* is more than a day after starts_at/) },
      { line: 6, reason: 'reminder_sent "maybe" is not a boolean (use 0/1, true/false, yes/no or sim/não)' },
      { line: 7, reason: 'expected 12 fields, found 7' },
      { line: 8, reason: 'status "lost" is not one of scheduled, completed, cancelled, no_show' },
      { line: 9, reason: 'age -1 is outside 0..130' },
      { line: 10, reason: 'price "12x" is not an amount' },
    ]);
    expect(report).toMatchObject({ rowsRead: 10, inserted: 2, skipped: 8 });
    expect(await count('appointments')).toBe(2);
  });

  it('ignores repeated rows and changes nothing when the same file is imported again', async () => {
    const lines = [
      HEADER,
      'c1,,a1,p1,2026-03-01,2026-03-10,completed,F,40,1,0,',
      'c1,,a1,p1,2026-03-01,2026-03-10,completed,F,40,1,0,',
      'c1,,a2,p1,2026-03-02,2026-03-11,no_show,F,40,0,0,',
      'c1,,a3,p2,2026-03-02,2026-03-11,scheduled,M,30,0,0,',
    ];
    const first = await run(lines, { batchSize: 2 });
    expect(first).toMatchObject({ rowsRead: 4, inserted: 3, duplicates: 1, patientsCreated: 2 });
    const snapshot = async () =>
      (
        await t.pool.query<{ v: string }>(
          `SELECT string_agg(a.xmin::text || a.external_ref || a.status, ',' ORDER BY a.external_ref)
             || '|' || (SELECT string_agg(p.xmin::text || p.external_ref, ',' ORDER BY p.external_ref) FROM patients p)
             || '|' || (SELECT count(*) FROM companies) AS v
           FROM appointments a`,
        )
      ).rows[0]?.v;
    const before = await snapshot();
    const again = await run(lines, { batchSize: 2 });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, duplicates: 1, patientsCreated: 0 });
    expect(again.companiesCreated).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('updates an appointment whose row changed in a newer export', async () => {
    await run([HEADER, 'c1,,a1,p1,2026-03-01,2026-03-10,scheduled,F,40,0,0,']);
    const report = await run([HEADER, 'c1,,a1,p1,2026-03-01,2026-03-10,completed,F,40,1,0,']);
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const { rows } = await t.pool.query('SELECT status, reminder_sent FROM appointments');
    expect(rows).toEqual([{ status: 'completed', reminder_sent: true }]);
  });

  it('commits in batches and reports progress after each one', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 7; i++) lines.push(`c1,,a${i},p${i % 3},2026-03-01,2026-03-10,completed,F,40,1,0,`);
    const progress: ImportProgress[] = [];
    const report = await run(lines, { batchSize: 3, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.inserted)).toEqual([3, 6, 7]);
    expect(report.inserted).toBe(7);
    expect(await count('patients')).toBe(3);
  });

  it('assigns rows without clinic_ref to --company, found by external ref or by name', async () => {
    await t.pool.query(
      "INSERT INTO companies (name, plan, specialty, city, state, external_ref) VALUES ('Clínica Sol', 'pro', 'general', 'Natal', 'RN', 'sol-1')",
    );
    const header = 'appointment_ref,patient_ref,booked_at,starts_at,status';
    const byName = await run([header, 'a1,p1,2026-03-01,2026-03-02,completed'], { company: 'Clínica Sol' });
    const byRef = await run([header, 'a2,p1,2026-03-01,2026-03-02,completed'], { company: 'sol-1' });
    expect([byName.companiesCreated, byRef.companiesCreated]).toEqual([[], []]);
    expect(await count('companies')).toBe(1);
    expect(await count('appointments')).toBe(2);
    const none = await run([header, 'a3,p1,2026-03-01,2026-03-02,completed']);
    expect(none.errors).toEqual([
      { line: 2, reason: 'no clinic: add a clinic_ref column or pass --company' },
    ]);
  });
});

describe('column mapping', () => {
  const KAGGLE_HEADER =
    'PatientId,AppointmentID,Gender,ScheduledDay,AppointmentDay,Age,Neighbourhood,Scholarship,Hipertension,Diabetes,Alcoholism,Handcap,SMS_received,No-show';

  it('maps the Kaggle no-show export onto the layout', async () => {
    const report = await run(
      [
        KAGGLE_HEADER,
        '29872499824296,5642903,F,2016-04-29T18:38:08Z,2016-04-29T00:00:00Z,62,JARDIM DA PENHA,0,1,0,0,0,0,No',
        '29872499824296,5642904,F,2016-04-20T10:00:00Z,2016-05-03T00:00:00Z,62,JARDIM DA PENHA,0,1,0,0,2,1,Yes',
        '558997776694438,5642503,M,2016-04-29T16:08:27Z,2016-04-27T00:00:00Z,56,JARDIM DA PENHA,0,0,0,0,0,0,No',
      ],
      { mapping: kaggleNoShowMapping, company: 'vitoria' },
    );
    expect(report.errors).toEqual([
      {
        line: 4,
        reason: expect.stringMatching(/^booked_at 2016-04-29T16:08:27.000Z is more than a day after/),
      },
    ]);
    expect(report).toMatchObject({ inserted: 2, patientsCreated: 1, companiesCreated: ['vitoria'] });
    const { rows } = await t.pool.query(
      `SELECT a.external_ref, a.status, a.reminder_sent, a.starts_at, p.birth_year, p.hypertension, p.handicap,
              p.neighbourhood, c.state
       FROM appointments a JOIN patients p ON p.company_id = a.company_id AND p.id = a.patient_id
       JOIN companies c ON c.id = a.company_id ORDER BY a.external_ref`,
    );
    expect(rows).toEqual([
      {
        external_ref: '5642903',
        status: 'completed',
        reminder_sent: false,
        // AppointmentDay is a day: midnight in São Paulo, not 21:00 of the day before.
        starts_at: new Date('2016-04-29T03:00:00Z'),
        birth_year: 1954,
        hypertension: true,
        handicap: false,
        neighbourhood: 'JARDIM DA PENHA',
        state: 'ES',
      },
      expect.objectContaining({ external_ref: '5642904', status: 'no_show', reminder_sent: true }),
    ]);
  });

  it('reads a mapping file with headers in another language and order', async () => {
    const path = join(dir, 'mapping.json');
    await writeFile(
      path,
      JSON.stringify({
        columns: {
          appointment_ref: 'Código',
          patient_ref: 'Paciente',
          booked_at: 'Agendado em',
          starts_at: 'Data da consulta',
          status: 'Situação',
        },
        timeZone: 'America/Manaus',
      }),
    );
    const mapping = await loadMapping(path);
    const report = await run(
      [
        'Situação;Data da consulta;Paciente;Código;Agendado em'.replaceAll(';', ','),
        'realizado,2026-03-10 10:00,p1,x1,2026-03-01',
      ],
      { mapping, company: 'am' },
    );
    expect(report.inserted).toBe(1);
    const { rows } = await t.pool.query('SELECT starts_at FROM appointments');
    expect(rows).toEqual([{ starts_at: new Date('2026-03-10T14:00:00Z') }]);
  });

  it('fails with the missing columns named when the header does not fit the mapping', async () => {
    await expect(run(['PatientId,When', 'p1,2026-03-01'], { company: 'x' })).rejects.toThrow(
      /lacks required columns: appointment_ref, patient_ref, booked_at, starts_at, status. Found: PatientId, When/,
    );
    await expect(run([], { company: 'x' })).rejects.toThrow(ImportError);
    await expect(run([HEADER, 'c1,"unclosed,a1'])).rejects.toThrow(/not valid CSV/);
  });

  it.each([
    ['an unknown built-in or missing file', 'no-such-mapping.json', /cannot read mapping/],
    ['an unknown field', JSON.stringify({ columns: { patient: 'x' } }), /columns/],
    ['an unknown time zone', JSON.stringify({ timeZone: 'Mars/Olympus' }), /unknown time zone/],
  ])('rejects a mapping with %s', async (_name, content, message) => {
    let path = content;
    if (content.startsWith('{')) {
      path = join(dir, `bad-${String(Math.random()).slice(2)}.json`);
      await writeFile(path, content);
    }
    await expect(loadMapping(path)).rejects.toThrow(message);
  });

  it('returns the default mapping when none is given and the built-in one by name', async () => {
    expect(await loadMapping(undefined)).toEqual(defaultMapping);
    const kaggle: Mapping = await loadMapping('kaggle-noshow');
    expect(kaggle.columns.no_show).toBe('No-show');
  });
});

describe('npm run import:appointments', () => {
  it('imports a file, prints the counts and the bad lines, and exits 0', async () => {
    const file = join(dir, 'cli.csv');
    await writeFile(
      file,
      [
        HEADER,
        'c9,,a1,p1,2026-03-01,2026-03-10,completed,F,40,1,0,',
        'c9,,a2,p1,x,y,completed,F,40,1,0,',
      ].join('\n'),
    );
    const cli = fileURLToPath(new URL('../../src/cli/import-appointments.ts', import.meta.url));
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [cli, file, '--batch-size', '10'],
      {
        env: { ...process.env, DATABASE_URL: t.url },
      },
    );
    expect(stdout).toMatch(
      /imported .*cli\.csv: 2 rows .* appointments 1 new, 0 updated, 0 unchanged; 0 duplicate rows ignored; 1 bad rows skipped/,
    );
    expect(stderr).toContain('line 3: booked_at "x" is not a date or timestamp');
    expect(await count('appointments')).toBe(1);
  });

  it('exits 2 with the usage when no file is given', async () => {
    const cli = fileURLToPath(new URL('../../src/cli/import-appointments.ts', import.meta.url));
    await expect(
      promisify(execFile)(process.execPath, [cli], { env: { ...process.env, DATABASE_URL: t.url } }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: npm run import:appointments'),
    });
  });
});
