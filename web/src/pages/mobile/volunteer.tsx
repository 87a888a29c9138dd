import './volunteer.css';
import { useCallback, useEffect, useState } from 'react';
import { Button, DotLoading, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { ApiError } from '../../services/api.js';
import * as api from '../../services/volunteers-api.js';
import type { MyHours, NearActivity } from '../../services/volunteers-api.js';

/** 志愿服务: my hours and stars (points earned, hours to the next star) and the activities near me to sign up for. */
export default function VolunteerHomePage() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<MyHours | null | 'none'>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.getMyHours().then(setMine, (e) => {
      if (e instanceof ApiError && e.details.reason === 'not_volunteer') setMine('none');
      else setError(errorMessage(e, t('error.unknown')));
    });
  }, [t]);
  useEffect(load, [load]);

  const register = async () => {
    setBusy(true);
    try {
      await api.registerMe();
      Toast.show({ icon: 'success', content: t('volunteers.m.registered') });
      load();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <div className="m-page"><div className="m-error" role="alert">{error}</div></div>;
  if (mine === null) return <div className="m-center"><DotLoading /></div>;
  if (mine === 'none') {
    return (
      <div className="m-page m-vol-scan">
        <h2>{t('volunteers.m.joinTitle')}</h2>
        <p className="m-vol-meta">{t('volunteers.m.joinText')}</p>
        <Button block color="primary" size="large" className="m-vol-big" loading={busy} onClick={() => void register()}>{t('volunteers.m.join')}</Button>
      </div>
    );
  }
  return (
    <div className="m-page">
      <section className="m-vol-card" aria-label={t('volunteers.m.mine')}>
        <div className="m-vol-name">{mine.name}</div>
        <div className="m-vol-stars" data-testid="my-stars" aria-label={t('volunteers.m.starsN', { n: mine.stars })}>
          {[1, 2, 3, 4, 5].map((s) => <span key={s} className={s <= mine.stars ? '' : 'off'}>★</span>)}
        </div>
        <div className="m-vol-figures">
          <span>{t('volunteers.m.hours')}<b data-testid="my-hours">{mine.hours}</b></span>
          <span>{t('volunteers.m.points')}<b data-testid="my-volunteer-points">{mine.points}</b></span>
        </div>
        <div className="m-vol-next">{mine.nextAt == null ? t('volunteers.m.topStar') : t('volunteers.m.toNext', { hours: mine.toNext, stars: mine.stars + 1 })}</div>
      </section>
      <Activities onChange={load} />
      {mine.entries.length > 0 && (
        <>
          <h2 className="m-section-title">{t('volunteers.m.history')}</h2>
          <div role="list" aria-label={t('volunteers.m.history')}>
            {mine.entries.map((e) => (
              <div key={e.id} role="listitem" className="m-entry">
                <div className="m-entry-main">
                  <span>{e.kind === 'confirm' ? e.title : t('volunteers.m.entryKind', { title: e.title, kind: t(`volunteers.m.kind.${e.kind as 'reversal'}`) })}</span>
                  <span>{e.hours > 0 ? `+${e.hours}` : e.hours} {t('volunteers.hoursUnit')}</span>
                </div>
                <div className="m-vol-meta">{e.occurredOn}{e.points ? ` · ${t('volunteers.m.pointsN', { n: e.points })}` : ''}{e.reason ? ` · ${e.reason}` : ''}</div>
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function Activities({ onChange }: { onChange: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<NearActivity[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const load = useCallback(() => {
    api.listNearActivities().then((r) => setItems(r.items), (e) => setError(errorMessage(e, t('error.unknown'))));
  }, [t]);
  useEffect(load, [load]);

  const act = async (a: NearActivity) => {
    setBusy(a.id);
    try {
      if (a.mine) await api.cancelSignUp(a.id);
      else await api.signUp(a.id);
      Toast.show({ icon: 'success', content: t(a.mine ? 'volunteers.m.cancelled' : 'volunteers.m.signedUp') });
      load();
      onChange();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <h2 className="m-section-title">{t('volunteers.m.near')}</h2>
      {error && <div className="m-error" role="alert">{error}</div>}
      {items === null && !error && <div className="m-center"><DotLoading /></div>}
      {items?.length === 0 && <div className="m-muted">{t('volunteers.m.noActivities')}</div>}
      {items?.map((a) => (
        <article key={a.id} className="m-vol-activity" aria-label={a.title}>
          <h3>{a.title}</h3>
          <div className="m-vol-meta">{a.projectName} · {a.orgName}</div>
          <div className="m-vol-meta">{dayjs(a.startsAt).format(t('volunteers.m.dateFormat'))} – {dayjs(a.endsAt).format('HH:mm')}</div>
          <div className="m-vol-meta">{a.placeName} {a.address}</div>
          <div className="m-vol-meta">{t('volunteers.m.places', { n: a.signedUp, capacity: a.capacity })}</div>
          {a.mine && <div className="m-vol-mine">{a.checkoutAt ? t('volunteers.m.checkedOut') : a.checkinAt ? t('volunteers.m.checkedIn') : t('volunteers.m.mineSigned')}</div>}
          {!a.checkinAt && (
            <Button block color={a.mine ? 'default' : 'primary'} size="large" loading={busy === a.id} disabled={!a.mine && a.signedUp >= a.capacity} onClick={() => void act(a)}>
              {a.mine ? t('volunteers.m.cancel') : a.signedUp >= a.capacity ? t('volunteers.m.full') : t('volunteers.m.signUp')}
            </Button>
          )}
        </article>
      ))}
    </>
  );
}
