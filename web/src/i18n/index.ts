import { createI18n } from 'vue-i18n';
import { computed } from 'vue';
import zhCnElement from 'element-plus/es/locale/lang/zh-cn';
import enElement from 'element-plus/es/locale/lang/en';
import { CASE_STATUS_LABELS, SUPERVISION_LEVEL_LABELS } from '../../../services/kit/src/department/lifecycle/labels';
import zhCN from './zh-CN';
import en from './en';

/** The case statuses and supervision levels in English; the Chinese come from the departments' own table. */
const STATUS_EN: Record<keyof typeof CASE_STATUS_LABELS, string> = {
  SUBMITTED: 'Awaiting acceptance',
  SUPPLEMENT_REQUESTED: 'Supplement requested',
  ACCEPTED: 'Accepted',
  IN_REVIEW: 'In review',
  SUSPENDED: 'Special procedure',
  APPROVED: 'Approved',
  DENIED: 'Denied',
  NOT_ACCEPTED: 'Not accepted',
  WITHDRAWN: 'Withdrawn',
};
const LEVEL_EN: Record<keyof typeof SUPERVISION_LEVEL_LABELS, string> = {
  NONE: 'Normal',
  WARNING: 'Warning',
  YELLOW: 'Yellow card',
  RED: 'Red card',
};

export type Language = 'zh-CN' | 'en';
const LANGUAGE_KEY = 'onewindow.language';

export const i18n = createI18n({
  legacy: false,
  locale: (localStorage.getItem(LANGUAGE_KEY) as Language | null) ?? 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': { ...zhCN, caseStatus: CASE_STATUS_LABELS, level: SUPERVISION_LEVEL_LABELS },
    en: { ...en, caseStatus: STATUS_EN, level: LEVEL_EN },
  },
});

// The page's language for the browser, screen readers and fonts, from the first moment.
document.documentElement.lang = i18n.global.locale.value;

export function setLanguage(language: Language): void {
  i18n.global.locale.value = language;
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
}

/** Element Plus's own texts (date pickers, pagination) in the same language. */
export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? enElement : zhCnElement));
