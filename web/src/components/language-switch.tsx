import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n.js';

/** 中文 / English; the choice is kept in localStorage. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      value={currentLanguage()}
      onChange={(v) => setLanguage(v)}
      options={[
        { label: t('header.languageZh'), value: 'zh-CN' },
        { label: t('header.languageEn'), value: 'en' },
      ]}
    />
  );
}
