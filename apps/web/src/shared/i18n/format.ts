// Locale-aware formatting of dates, numbers, money (BRL) and file sizes. Always pass the active locale.
import { useTranslation } from 'react-i18next';

export function formatDateTime(iso: string | number | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(value: number | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(value);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Money is always Brazilian reais; only its presentation follows the locale. */
export function formatMoney(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'BRL' }).format(value);
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** The formatters bound to the active locale. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    locale,
    dateTime: (iso: string | number | Date) => formatDateTime(iso, locale),
    time: (value: number | Date) => formatTime(value, locale),
    number: (value: number) => formatNumber(value, locale),
    money: (value: number) => formatMoney(value, locale),
    bytes: (value: number) => formatBytes(value, locale),
  };
}
