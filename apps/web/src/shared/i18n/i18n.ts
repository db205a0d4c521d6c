// i18next with bundled resources: pt-BR by default, English second. The chosen locale is remembered.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { ptBR, type Messages } from './locales/pt-BR.ts';

export const locales = ['pt-BR', 'en'] as const;
export type Locale = (typeof locales)[number];
export const DEFAULT_LOCALE: Locale = 'pt-BR';
const STORAGE_KEY = 'clinic-reports.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function storedLocale(storage: Pick<Storage, 'getItem'> = globalThis.localStorage): Locale {
  const value = storage.getItem(STORAGE_KEY);
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function rememberLocale(
  locale: Locale,
  storage: Pick<Storage, 'setItem'> = globalThis.localStorage,
): void {
  storage.setItem(STORAGE_KEY, locale);
}

/** A fresh, synchronously initialised instance (one per app, one per test). */
export function createI18n(locale: Locale = storedLocale()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'pt-BR': { translation: ptBR }, en: { translation: en } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
