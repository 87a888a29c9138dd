import './public.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useLoad } from '../../components/use-load.js';
import * as wishes from '../../services/wishes-api.js';

/** A community's wish wall for everyone (a QR on the notice board): open wishes, persons masked, no sign-in. */
export default function PublicWishesPage() {
  const { t } = useTranslation();
  const communityId = Number(useParams().communityId);
  const { data, error } = useLoad(`public-wishes-${communityId}`, () => wishes.publicWall(communityId), t('error.unknown'));

  useEffect(() => {
    document.title = t('wishes.public.docTitle');
  }, [t]);

  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('wishes.public.brand')}</span>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{data ? t('wishes.public.title', { community: data.communityName }) : t('wishes.public.brand')}</h1>
        {error && <div className="pub-error" role="alert">{error}</div>}
        {!data && !error && <div className="pub-muted">{t('common.loading')}</div>}
        {data && <p className="pub-muted">{t('wishes.public.confirmedThisYear', { n: data.confirmedThisYear })}</p>}
        {data?.items.length === 0 && <p className="pub-muted">{t('wishes.public.none')}</p>}
        <ul className="pub-list">
          {data?.items.map((w) => (
            <li key={w.id} aria-label={w.title}>
              <span className="pub-list-title">{w.title}</span>
              <span>{w.personMask} · {t(`wishes.personKind.${w.personKind}`)} · {w.placeLabel}</span>
              {w.description && <span className="pub-muted">{w.description}</span>}
              <span className="pub-muted">{t('wishes.yuan', { n: w.budgetYuan })} · {t('wishes.m.fulfilBy', { day: w.fulfilBy })}</span>
            </li>
          ))}
        </ul>
        <p className="pub-muted">{t('wishes.public.howTo')}</p>
      </main>
    </div>
  );
}
