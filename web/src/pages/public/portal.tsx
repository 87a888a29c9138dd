import './public.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import { openDataFiles, publicFigures, publicOpenData } from '../../services/stats-api.js';

/**
 * 信息公开: what the city discloses, without sign-in — the counties' published figures (month-end
 * snapshots), the public notices and lists, and the open-data files with their dictionary.
 */
export default function PublicPortalPage() {
  const { t, i18n } = useTranslation();
  const en = !i18n.language.startsWith('zh');
  const figures = useLoad('figures', publicFigures, t('error.unknown'));
  const open = useLoad('open', publicOpenData, t('error.unknown'));
  useEffect(() => {
    document.title = t('portal.docTitle');
  }, [t]);
  const value = (unit: string, v: number | null) => (v === null ? '—' : unit === 'percent' ? `${v}%` : formatNumber(v));

  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('portal.brand')}</span>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{t('portal.title')}</h1>
        {(figures.error || open.error) && <div className="pub-error" role="alert">{figures.error ?? open.error}</div>}

        <section aria-label={t('portal.notices')}>
          <h2 className="pub-title">{t('portal.notices')}</h2>
          <ul className="pub-list">
            <li><Link to="/public/points">{t('portal.pointsNotices')}</Link></li>
            <li><Link to="/public/property-list">{t('portal.propertyList')}</Link></li>
          </ul>
        </section>

        <section aria-label={t('portal.figures')}>
          <h2 className="pub-title">{t('portal.figures')}</h2>
          {figures.data?.items.length === 0 && <p className="pub-muted">{t('portal.noFigures')}</p>}
          {figures.data?.items.map((c) => (
            <div key={c.code} aria-label={c.name} data-testid={`portal-county-${c.code}`}>
              <h3>{c.name}{c.month ? ` · ${t('portal.monthEnd', { month: c.month })}` : ''}</h3>
              {!c.month && <p className="pub-muted">{t('portal.notYet')}</p>}
              <ul className="pub-list">
                {c.figures.map((f) => (
                  <li key={f.key}><span className="pub-list-title">{en ? f.nameEn : f.name}</span><span>{value(f.unit, f.value)}</span></li>
                ))}
              </ul>
            </div>
          ))}
        </section>

        <section aria-label={t('portal.openData')}>
          <h2 className="pub-title">{t('portal.openData')}</h2>
          <p className="pub-muted">{t('portal.openDataHow')}</p>
          {open.data?.items.length === 0 && <p className="pub-muted">{t('portal.noOpenData')}</p>}
          <ul className="pub-list">
            {open.data?.items.map((c) => (
              <li key={c.code} data-testid={`open-data-${c.code}`}>
                <span className="pub-list-title">{c.name}（{t('portal.indicators', { n: c.indicators })}）</span>
                <span>
                  <a href={openDataFiles(c.code).csv}>CSV</a> · <a href={openDataFiles(c.code).json}>JSON</a> · <a href={openDataFiles(c.code).dictionary}>{t('portal.dictionary')}</a>
                </span>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
