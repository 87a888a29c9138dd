import { NoticeBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** The bar over a phone page while records wait in the offline queue, with "send now". */
export function QueuedBar({ count, message, onSend }: { count: number; message: string; onSend: () => void }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <NoticeBar
      className="m-notice"
      color="alert"
      wrap
      content={message}
      extra={<button type="button" className="m-link" onClick={onSend}>{t('mobile.report.sendNow')}</button>}
    />
  );
}
