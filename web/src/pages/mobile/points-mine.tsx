import './points-mobile.css';
import { useEffect, useState } from 'react';
import { Button, CapsuleTabs, DotLoading, TextArea, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { ApiError } from '../../services/api.js';
import { formatDate } from '../../components/format.js';
import * as points from '../../services/points-api.js';
import { categoryLabel } from '../points/components/category.js';
import type { MyEntry, MyPoints, NoticeSummary, Objection, PointsRules } from '../../services/points-api.js';

const PAGE = 20;

/** 我的积分: the household's (or a merchant account's shop's) balance and rank, its history, the rules, and the current notice. */
export default function PointsMinePage() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<MyPoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState('entries');

  useEffect(() => {
    points.getMyPoints().then(setMine, (e) => setError(errorMessage(e, t('error.unknown'))));
  }, [t]);

  if (error) return <div className="m-page"><div className="m-error" role="alert">{error}</div></div>;
  if (!mine) return <div className="m-center"><DotLoading /></div>;
  const shop = mine.holder.kind === 'merchant';

  return (
    <div className="m-page">
      <section className="m-points-card" aria-label={t('points.m.myPoints')}>
        <div className="m-points-holder">{mine.holder.label}</div>
        <div className="m-points-balance">
          <span className="m-points-balance-label">{t('points.m.balance')}</span>
          <span className="m-points-balance-value" data-testid="my-balance">{mine.balance}</span>
        </div>
        <div className="m-points-facts">
          <span>{t('points.m.score', { score: mine.score })}</span>
          <span>{t(shop ? 'points.m.rankShop' : 'points.m.rank', { rank: mine.rankInCommunity, total: mine.communityHouseholds })}</span>
          <span>{t('points.m.thisMonth', { points: mine.thisMonth > 0 ? `+${mine.thisMonth}` : mine.thisMonth })}</span>
        </div>
      </section>
      <CapsuleTabs className="m-capsules" activeKey={tab} onChange={setTab}>
        <CapsuleTabs.Tab title={t('points.m.tabs.entries')} key="entries" />
        <CapsuleTabs.Tab title={t('points.m.tabs.rules')} key="rules" />
        <CapsuleTabs.Tab title={t('points.m.tabs.notice')} key="notice" />
      </CapsuleTabs>
      {tab === 'entries' && <Entries />}
      {tab === 'rules' && <Rules shop={shop} />}
      {tab === 'notice' && <CurrentNotice communityId={mine.communityId} />}
    </div>
  );
}

function Entries() {
  const { t } = useTranslation();
  const [items, setItems] = useState<MyEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    points.listMyEntries(page, PAGE).then(
      (r) => {
        setItems((xs) => (page === 1 ? r.items : [...xs, ...r.items]));
        setTotal(r.total);
      },
      (e) => setError(errorMessage(e, t('error.unknown'))),
    );
  }, [page, t]);

  if (error) return <div className="m-error" role="alert">{error}</div>;
  if (total === null) return <div className="m-center"><DotLoading /></div>;
  if (!items.length) return <div className="m-muted">{t('points.m.noEntries')}</div>;
  return (
    <div role="list" aria-label={t('points.m.tabs.entries')}>
      {items.map((e) => (
        <div key={e.id} role="listitem" className="m-entry">
          <div className="m-entry-main">
            <div className="m-entry-name">{e.itemName || t('points.m.entryKind', { kind: e.kind })}</div>
            <div className="m-entry-meta">{formatDate(e.at)}{e.note ? ` · ${e.note}` : ''}</div>
          </div>
          <div className={`m-entry-amount ${e.amount < 0 ? 'minus' : 'plus'}`}>{e.amount > 0 ? `+${e.amount}` : e.amount}</div>
        </div>
      ))}
      {items.length < total && (
        <Button block size="large" fill="outline" onClick={() => setPage((p) => p + 1)}>{t('points.m.more')}</Button>
      )}
    </div>
  );
}

function Rules({ shop }: { shop: boolean }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<PointsRules | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    points.getMyRules().then(setRules, (e) => setError(
      e instanceof ApiError && e.status === 403 ? t('points.m.rulesUnavailable') : errorMessage(e, t('error.unknown')),
    ));
  }, [t]);
  if (error) return <div className="m-error" role="alert">{error}</div>;
  if (!rules) return <div className="m-center"><DotLoading /></div>;
  return (
    <div>
      <p className="m-hint">{shop ? t('points.m.rulesBaseShop', { points: rules.baseMerchant }) : t('points.m.rulesBase', { points: rules.baseHousehold })}</p>
      {(['positive', 'negative'] as const).map((dir) => (
        <section key={dir}>
          <h2 className="m-section-title">{t(`points.direction.${dir}`)}</h2>
          {rules.items.filter((i) => i.direction === dir && i.active).map((i) => (
            <div key={i.id} className="m-entry">
              <div className="m-entry-main">
                <div className="m-entry-name">{i.name}</div>
                <div className="m-entry-meta">{categoryLabel(t, i.category)}{i.monthlyCap ? ` · ${t('points.m.cap', { cap: i.monthlyCap })}` : ''}</div>
              </div>
              <div className={`m-entry-amount ${dir === 'negative' ? 'minus' : 'plus'}`}>
                {dir === 'negative' ? '−' : '+'}{i.points}{i.unit === 'hours' ? t('points.rules.perHour') : ''}
              </div>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/** The latest notice of the community; during its window the household may object. */
function CurrentNotice({ communityId }: { communityId: number }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<NoticeSummary | null | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    points.listNotices({ orgId: communityId }).then((r) => setNotice(r.items[0] ?? null), () => setNotice(null));
  }, [communityId]);

  if (notice === undefined) return <div className="m-center"><DotLoading /></div>;
  if (!notice) return <div className="m-muted">{t('points.m.noNotice')}</div>;
  const open = dayjs(notice.objectionUntil).isAfter(dayjs());

  const submit = async () => {
    if (reason.trim().length < 4) return setError(t('points.m.objectionTooShort'));
    setBusy(true);
    setError(null);
    try {
      await points.createObjection({ communityId, month: notice.month, reason: reason.trim() });
      setSent(true);
      setReason('');
      Toast.show({ icon: 'success', content: t('points.m.objectionSent') });
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <a className="m-card m-card-tap m-notice-link" href={points.noticePath(notice.communityId, notice.month)}>
        <div className="m-card-category">{t('points.notice.title', { community: notice.communityName, month: notice.month })}</div>
        <div className="m-card-meta">{t('points.notice.objectionUntil', { at: dayjs(notice.objectionUntil).format('YYYY-MM-DD HH:mm') })}</div>
      </a>
      {open && !sent && (
        <section>
          <h2 className="m-section-title"><label htmlFor="m-objection">{t('points.m.objectionTitle')}</label></h2>
          <TextArea className="m-textarea" id="m-objection" value={reason} onChange={setReason} rows={3} maxLength={1000} placeholder={t('points.m.objectionPlaceholder')} />
          {error && <div className="m-error" role="alert">{error}</div>}
          <Button block size="large" color="primary" className="m-big-button" loading={busy} onClick={() => void submit()}>{t('points.m.objectionSubmit')}</Button>
        </section>
      )}
      {sent && <div className="m-rated" role="status">{t('points.m.objectionSent')}</div>}
      {!open && <div className="m-muted">{t('points.m.windowClosed')}</div>}
      <MyObjections refresh={sent} />
    </div>
  );
}

/** The household's own objections and the community's answer to each. */
function MyObjections({ refresh }: { refresh: boolean }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Objection[]>([]);
  useEffect(() => {
    points.listMyObjections().then((r) => setItems(r.items), () => setItems([]));
  }, [refresh]);
  if (!items.length) return null;
  return (
    <section data-testid="my-objections">
      <h2 className="m-section-title">{t('points.m.myObjections')}</h2>
      {items.map((o) => (
        <div key={o.id} className="m-card">
          <div className="m-card-category">{o.month} · {t(`points.objectionStatus.${o.status}`)}</div>
          <div className="m-card-meta">{o.reason}</div>
          {o.decisionNote && <div className="m-card-meta">{t('points.m.decisionNote', { note: o.decisionNote })}</div>}
        </div>
      ))}
    </section>
  );
}
