import { useRef } from 'react';
import { Button, Card, QRCode, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { venueCheckinPayload } from '../../../../../server/modules/venues/checkin-payload.js';

/**
 * 阵地签到码 for the venue's staff to print and post: the QR residents scan on /m/venues, with the
 * same code in letters under it for phones without a QR reader. The payload comes from the one
 * module the phone page and the server read it back with.
 */
export function CheckinQrCard({ name, code }: { name: string; code: string }) {
  const { t } = useTranslation();
  const poster = useRef<HTMLDivElement>(null);

  // A page of its own holding only the poster, so the browser prints the QR and not the console.
  const print = () => {
    const w = window.open('', '_blank', 'width=600,height=800');
    if (!w || !poster.current) return;
    w.document.title = t('venues.checkinQrAlt', { name });
    w.document.body.style.cssText = 'margin:0;padding:48px;text-align:center;font-family:sans-serif';
    w.document.body.appendChild(w.document.importNode(poster.current, true));
    w.focus();
    w.print();
  };

  return (
    <Card size="small" title={t('venues.checkinQr')} data-testid="venue-checkin-qr"
      extra={<Button onClick={print}>{t('venues.checkinQrPrint')}</Button>}>
      <Space align="start" size="large" wrap>
        <div ref={poster}>
          <h2 style={{ margin: '0 0 12px' }}>{name}</h2>
          <div role="img" aria-label={t('venues.checkinQrAlt', { name })}>
            <QRCode type="svg" value={venueCheckinPayload(code)} size={240} errorLevel="M" bordered={false} />
          </div>
          <div data-testid="venue-checkin-code" style={{ fontSize: 28, letterSpacing: 6, fontFamily: 'monospace' }}>{code}</div>
        </div>
        <Typography.Paragraph style={{ maxWidth: 320 }}>{t('venues.checkinQrHint')}</Typography.Paragraph>
      </Space>
    </Card>
  );
}
