import { useEffect, useState } from 'react';
import { DotLoading, List, NoticeBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/newgroups-register-api.js';

const P = 'newgroupsRegister';

/** Where the phone is, or null when the rider declines or the browser cannot tell (then the station's point is used). */
function locate(): Promise<{ lat: number; lng: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => navigator.geolocation.getCurrentPosition(
    (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
    () => resolve(null),
    { enableHighAccuracy: false, timeout: 8000, maximumAge: 60_000 },
  ));
}

const distance = (m: number) => (m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`);

/** 附近驿站: the nearest service points open now, with distance, today's hours and services. */
export default function RiderPointsPage() {
  const { t } = useTranslation();
  const [data, setData] = useState<api.Nearest | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const at = await locate();
        const next = await api.nearestPoints({ ...(at ?? {}), limit: 10 });
        if (live) setData(next);
      } catch (e) {
        if (live) setError(errorMessage(e, t('error.unknown')));
      }
    })();
    return () => { live = false; };
  }, [t]);
  if (error) return <NoticeBar color="alert" content={error} />;
  if (!data) return <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>;
  return (
    <div>
      <NoticeBar color="info" content={data.from ? t(`${P}.from.${data.from.source}`) : t(`${P}.from.none`)} />
      {data.items.length === 0 && <div style={{ padding: 24, textAlign: 'center' }}>{t(`${P}.noOpenPoints`)}</div>}
      <List header={t(`${P}.nearestOpen`)}>
        {data.items.map((p) => (
          <List.Item key={p.id} data-testid="rider-point" extra={<span>{distance(p.distanceM)}</span>}
            description={<>
              <div>{p.address} · {t(`${P}.todayHours`)} {p.todayHours.map((h) => `${h.open}-${h.close}`).join('，')}</div>
              <div>{p.services.map((s) => <Tag key={s} color="primary" fill="outline" style={{ marginRight: 4 }}>{t(`${P}.service.${s}`)}</Tag>)}</div>
            </>}>
            {p.name} <Tag color="success">{t(`${P}.pointKind.${p.kind}`)}</Tag>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
