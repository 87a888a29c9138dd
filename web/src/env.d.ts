declare module '*.css';
declare module 'antd/es/locale/zh_CN.js' {
  import type { Locale } from 'antd/es/locale/index.js';
  const locale: Locale;
  export default locale;
}
declare module 'antd/es/locale/en_US.js' {
  import type { Locale } from 'antd/es/locale/index.js';
  const locale: Locale;
  export default locale;
}
declare module 'antd-mobile/es/locales/zh-CN.js' {
  import type { ConfigProviderProps } from 'antd-mobile';
  const locale: NonNullable<ConfigProviderProps['locale']>;
  export default locale;
}
declare module 'antd-mobile/es/locales/en-US.js' {
  import type { ConfigProviderProps } from 'antd-mobile';
  const locale: NonNullable<ConfigProviderProps['locale']>;
  export default locale;
}
/** The Chinese texts split by page (web/vite.config.ts splitTexts): what the phone page names, and the rest. */
declare module 'virtual:linli-texts/phone' {
  const texts: Record<string, unknown>;
  export default texts;
}
declare module 'virtual:linli-texts/console' {
  const texts: Record<string, unknown>;
  export default texts;
}
