// Parsers for the messy values of real exports: timestamps with and without a time zone, booleans in
// English and Portuguese, statuses and sexes in either language. Each returns a value or throws ValueError
// with a reason a person can act on; the importer turns it into "line N: reason".

export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'sim', 's', 'verdadeiro', 'v']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'não', 'nao', 'falso']);

/** 0/1, true/false, Yes/No, sim/não (any case); empty is null. */
export function parseBoolean(raw: string, column: string): boolean | null {
  const value = raw.trim().toLowerCase();
  if (value === '') return null;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new ValueError(`${column} "${raw}" is not a boolean (use 0/1, true/false, yes/no or sim/não)`);
}

const STATUS: Record<string, 'scheduled' | 'completed' | 'cancelled' | 'no_show'> = {
  scheduled: 'scheduled',
  agendado: 'scheduled',
  agendada: 'scheduled',
  completed: 'completed',
  done: 'completed',
  attended: 'completed',
  realizado: 'completed',
  realizada: 'completed',
  compareceu: 'completed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  cancelado: 'cancelled',
  cancelada: 'cancelled',
  no_show: 'no_show',
  'no-show': 'no_show',
  noshow: 'no_show',
  faltou: 'no_show',
  falta: 'no_show',
};

export function parseStatus(raw: string): 'scheduled' | 'completed' | 'cancelled' | 'no_show' {
  const status = STATUS[raw.trim().toLowerCase()];
  if (!status) throw new ValueError(`status "${raw}" is not one of scheduled, completed, cancelled, no_show`);
  return status;
}

const SEX: Record<string, 'F' | 'M' | 'X'> = {
  f: 'F',
  female: 'F',
  feminino: 'F',
  m: 'M',
  male: 'M',
  masculino: 'M',
  x: 'X',
  other: 'X',
  outro: 'X',
};

export function parseSex(raw: string): 'F' | 'M' | 'X' | null {
  const value = raw.trim().toLowerCase();
  if (value === '') return null;
  const sex = SEX[value];
  if (!sex) throw new ValueError(`sex "${raw}" is not F, M or X`);
  return sex;
}

export function parseInteger(raw: string, column: string, min: number, max: number): number | null {
  const value = raw.trim();
  if (value === '') return null;
  if (!/^-?\d+$/.test(value)) throw new ValueError(`${column} "${raw}" is not a whole number`);
  const n = Number(value);
  if (n < min || n > max) throw new ValueError(`${column} ${n} is outside ${min}..${max}`);
  return n;
}

/** A price in reais ("150", "150.00", "150,00", "1.234,56") as integer cents. */
export function parsePriceCents(raw: string): number | null {
  let value = raw.trim().replace(/^R\$\s*/i, '');
  if (value === '') return null;
  if (/^\d{1,3}(\.\d{3})*,\d{1,2}$/.test(value) || /^\d+,\d{1,2}$/.test(value)) {
    value = value.replaceAll('.', '').replace(',', '.');
  }
  if (!/^\d+(\.\d{1,2})?$/.test(value)) throw new ValueError(`price "${raw}" is not an amount`);
  return Math.round(Number(value) * 100);
}

/** Milliseconds to add to a UTC instant to get the wall-clock time of `timeZone` at that instant. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new ValueError(`time zone "${timeZone}" is unknown (use an IANA name such as America/Sao_Paulo)`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock of `timeZone` shows the given local time. */
export function zonedTimeToInstant(
  local: { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(local.y, local.mo - 1, local.d, local.h, local.mi, local.s, local.ms);
  let instant = asUtc - zoneOffsetMs(asUtc, timeZone);
  // Second pass: the offset at the guessed instant may differ across a DST change.
  instant = asUtc - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const BR = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export interface TimestampOptions {
  /** Zone of timestamps written without one (and of date-only values). */
  timeZone: string;
  /** Keep only the date part, even if the value carries a time and zone (e.g. Kaggle's AppointmentDay). */
  dateOnly?: boolean;
}

/**
 * ISO 8601 with or without a zone ("2016-04-29T18:38:08Z", "2016-04-29 18:38:08", "2016-04-29"), or the
 * Brazilian day-first form ("29/04/2016 18:38"). A value without a zone is wall-clock time in `timeZone`.
 */
export function parseTimestamp(raw: string, column: string, options: TimestampOptions): Date {
  const value = raw.trim();
  if (value === '') throw new ValueError(`${column} is empty`);
  const iso = ISO.exec(value);
  const br = iso ? null : BR.exec(value);
  if (!iso && !br) throw new ValueError(`${column} "${raw}" is not a date or timestamp`);
  const [y, mo, d, h, mi, s, frac, zone] = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7], iso[8]]
    : [br?.[3], br?.[2], br?.[1], br?.[4], br?.[5], br?.[6], undefined, undefined];
  const local = {
    y: Number(y),
    mo: Number(mo),
    d: Number(d),
    h: options.dateOnly ? 0 : Number(h ?? 0),
    mi: options.dateOnly ? 0 : Number(mi ?? 0),
    s: options.dateOnly ? 0 : Number(s ?? 0),
    ms: options.dateOnly ? 0 : Math.round(Number(`0.${frac ?? '0'}`) * 1000),
  };
  const check = new Date(Date.UTC(local.y, local.mo - 1, local.d));
  if (
    check.getUTCFullYear() !== local.y ||
    check.getUTCMonth() !== local.mo - 1 ||
    check.getUTCDate() !== local.d ||
    local.h > 23 ||
    local.mi > 59 ||
    local.s > 59
  ) {
    throw new ValueError(`${column} "${raw}" is not a valid date`);
  }
  if (zone && !options.dateOnly) {
    const utc = Date.UTC(local.y, local.mo - 1, local.d, local.h, local.mi, local.s, local.ms);
    if (zone.toUpperCase() === 'Z') return new Date(utc);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    return new Date(utc - offset);
  }
  return zonedTimeToInstant(local, options.timeZone);
}
