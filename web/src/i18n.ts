import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import phoneTexts from 'virtual:linli-texts/phone';
import type zhCN from './locales/zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'linli.language';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {
    // Storage can be unavailable (private mode); Chinese is the default.
  }
  return 'zh-CN';
}

function applyToDocument(lng: Language) {
  document.documentElement.lang = lng;
  dayjs.locale(lng === 'zh-CN' ? 'zh-cn' : 'en');
}

// Chinese comes with the page; English (about 25 KB compressed, the phone pages' largest text) only
// for those who choose it (docs/adr/0008-phone-bundle.md).
async function loadResources(lng: Language) {
  if (lng === 'zh-CN' || i18n.hasResourceBundle(lng, 'translation')) return;
  const en = (await import('./locales/en.json')).default;
  i18n.addResourceBundle('en', 'translation', en);
}

const initial = storedLanguage();

/** Adds the Chinese texts the phone page does not ship up front (the console does so at start-up). */
export function addConsoleTexts(texts: Record<string, unknown>) {
  i18n.addResourceBundle('zh-CN', 'translation', texts, true, false);
}
let rest: Promise<void> | null = null;
/** The phone page meets a key it did not ship: the rest of the texts load once, and the page redraws. */
const loadRest = () => (rest ??= import('virtual:linli-texts/console').then((m) => addConsoleTexts(m.default)));

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: phoneTexts } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  initAsync: false,
  saveMissing: true,
  missingKeyHandler: () => {
    void loadRest();
  },
  // Redraw when texts arrive (the rest of the Chinese, or English).
  react: { bindI18nStore: 'added' },
});
applyToDocument('zh-CN');

/** Settles when the stored language can be shown; the entries render after it, so English readers never see a flash of Chinese. */
export const languageReady: Promise<void> = initial === 'zh-CN' ? Promise.resolve() : changeTo(initial).catch(() => undefined);

async function changeTo(lng: Language) {
  await loadResources(lng);
  applyToDocument(lng);
  await i18n.changeLanguage(lng);
}

export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
  // Offline with English never loaded, the page stays in Chinese.
  void changeTo(lng).catch(() => undefined);
}

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'zh-CN');

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof zhCN };
  }
}

export default i18n;
