import { Segmented } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../../../i18n.js';

/** 中文 / English on the phone pages: antd-mobile, not the console's switch (which brings Ant Design). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented
      aria-label={t('header.language')}
      value={currentLanguage()}
      onChange={(v) => setLanguage(v as Language)}
      options={[
        { label: t('header.languageZh'), value: 'zh-CN' },
        { label: t('header.languageEn'), value: 'en' },
      ]}
    />
  );
}
