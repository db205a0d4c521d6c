import { describe, expect, it } from 'vitest';
import { en } from './locales/en.ts';
import { ptBR } from './locales/pt-BR.ts';
import { createI18n, storedLocale } from './i18n.ts';
import { formatBytes, formatDateTime, formatMoney, formatNumber } from './format.ts';

const nbsp = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');

describe('locale formatting', () => {
  it('formats BRL money per locale', () => {
    expect(nbsp(formatMoney(1234.5, 'pt-BR'))).toBe('R$ 1.234,50');
    expect(nbsp(formatMoney(1234.5, 'en'))).toBe('R$1,234.50');
  });

  it('formats numbers, dates and sizes per locale', () => {
    expect(formatNumber(1234567, 'pt-BR')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(nbsp(formatDateTime('2026-11-28T12:00:00Z', 'pt-BR'))).toBe('28/11/2026, 12:00');
    expect(nbsp(formatBytes(1536, 'pt-BR'))).toBe('1,5 kB');
    expect(nbsp(formatBytes(96, 'en'))).toBe('96 byte');
  });
});

describe('i18n', () => {
  it('defaults to pt-BR and falls back to it for unknown stored values', () => {
    expect(storedLocale({ getItem: () => null })).toBe('pt-BR');
    expect(storedLocale({ getItem: () => 'fr' })).toBe('pt-BR');
    expect(storedLocale({ getItem: () => 'en' })).toBe('en');
    expect(createI18n().t('reports.title')).toBe('Relatórios');
  });

  it('has the same keys in English as in Portuguese', () => {
    const keys = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, child]) =>
        typeof child === 'object' && child !== null
          ? keys(child as object, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    expect(keys(en)).toEqual(keys(ptBR));
  });
});
