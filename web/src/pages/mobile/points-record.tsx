import './points-mobile.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, DotLoading, SearchBar, Stepper, TextArea, Toast } from 'antd-mobile';
import { CheckCircleFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { ApiError } from '../../services/api.js';
import * as points from '../../services/points-api.js';
import type { Holder, PointsRecord, RuleItem } from '../../services/points-api.js';
import { ownCommunityId } from '../points/components/own-community.js';
import { PhotoPicker, usePhotoPicks } from './components/photo-picker.js';
import { QueuedBar } from './components/queued-bar.js';
import { usePointsQueue } from './points-queue.js';

const MAX_PHOTOS = 3;
const RECENT_MAX = 6;
type PickedHolder = Pick<Holder, 'kind' | 'id' | 'label'>;

function readJson<T>(key: string, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}
function writeJson(key: string, v: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(v));
  } catch {
    // Storage full: the page works without the cache.
  }
}

/**
 * 一事一记 on the phone: pick the household or shop (recent ones first), tap the item, send.
 * Works offline: the record waits in the queue with its clientId and is stored once.
 */
export default function PointsRecordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const communityId = ownCommunityId(me);
  const { items: queued, queue, flush, save } = usePointsQueue();
  const recentKey = `linli.points.recent.${me.id}`;
  const rulesKey = `linli.points.rules.${communityId}`;
  const [recent, setRecent] = useState<PickedHolder[]>(() => readJson(recentKey, []));
  const [rules, setRules] = useState<points.PointsRules | null>(() => readJson(rulesKey, null));
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Holder[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [holder, setHolder] = useState<PickedHolder | null>(null);
  const [item, setItem] = useState<RuleItem | null>(null);
  const [quantity, setQuantity] = useState(1);
  const [occurredOn, setOccurredOn] = useState(() => dayjs().format('YYYY-MM-DD'));
  const [note, setNote] = useState('');
  const picks = usePhotoPicks();
  const { photos } = picks;
  const [error, setError] = useState<string | null>(null);
  const [rulesError, setRulesError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<Pick<PointsRecord, 'holderLabel' | 'itemName' | 'points'> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    if (!communityId) return;
    points.getRules(communityId).then((r) => {
      setRules(r);
      setRulesError(null);
      writeJson(rulesKey, r);
    }, (e) => {
      // Offline the cached rules serve; a refusal is said plainly.
      if (!(e instanceof ApiError && e.status === 0)) setRulesError(errorMessage(e, t('error.unknown')));
    });
  }, [communityId, rulesKey, t]);

  // Only what this account may record, and only items switched on.
  const usable = useMemo(() => (rules?.items ?? []).filter((i) => i.active && i.recorderRoles.includes(me.role)), [rules, me.role]);

  const search = (v: string) => {
    setQ(v);
    clearTimeout(timer.current);
    if (!v.trim() || !communityId) return setHits(null);
    timer.current = setTimeout(() => {
      setSearching(true);
      points.listHolders({ communityId, q: v.trim(), page: 1, pageSize: 10 })
        .then((r) => setHits(r.items), (e) => {
          setHits([]);
          if (!(e instanceof ApiError && e.status === 0)) setError(errorMessage(e, t('error.unknown')));
        })
        .finally(() => setSearching(false));
    }, 300);
  };

  const pick = (h: PickedHolder) => {
    setHolder(h);
    setQ('');
    setHits(null);
    const next = [{ kind: h.kind, id: h.id, label: h.label }, ...recent.filter((x) => !(x.kind === h.kind && x.id === h.id))].slice(0, RECENT_MAX);
    setRecent(next);
    writeJson(recentKey, next);
  };

  const submit = async () => {
    if (!holder) return setError(t('points.m.needHolder'));
    if (!item) return setError(t('points.m.needItem'));
    if (item.evidenceRequired && !photos.length) return setError(t('points.m.needPhoto'));
    setError(null);
    setBusy(true);
    try {
      const sent = { holder, item, quantity };
      const { clientId } = await save({
        holderKind: holder.kind, holderId: holder.id, itemId: item.id, quantity, occurredOn, note: note.trim(),
        photoIds: [], holderLabel: holder.label, itemName: item.name,
      }, photos.map((p) => p.blob));
      setItem(null);
      setQuantity(1);
      setNote('');
      picks.clear();
      await flush();
      const stillQueued = queue.list().find((x) => x.clientId === clientId);
      if (!stillQueued) {
        setLast({ holderLabel: sent.holder.label, itemName: sent.item.name, points: (sent.item.direction === 'negative' ? -1 : 1) * Math.round(sent.item.points * sent.quantity) });
        Toast.show({ icon: 'success', content: t('points.m.sent') });
      } else if (stillQueued.lastError) {
        setError(stillQueued.lastError);
      } else {
        Toast.show({ icon: 'success', content: t('points.m.saved') });
      }
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const refused = queued.filter((x) => x.lastError);
  const waiting = queued.filter((x) => !x.lastError);
  const sign = (i: RuleItem) => (i.direction === 'negative' ? '−' : '+');

  if (!communityId) return <div className="m-page"><div className="m-error" role="alert">{t('points.m.noCommunity')}</div></div>;

  return (
    <div className="m-page m-page-with-action">
      <QueuedBar count={waiting.length} message={t('points.m.queued', { count: waiting.length })} onSend={() => void flush()} />
      {refused.map((x) => (
        <div key={x.clientId} className="m-error" role="alert">
          {t('points.m.refused', { holder: x.input.holderLabel ?? '', item: x.input.itemName ?? '', message: x.lastError })}
          <button type="button" className="m-link" onClick={() => queue.remove(x.clientId)}>{t('mobile.visit.discard')}</button>
        </div>
      ))}
      {last && (
        <div className="m-rated" role="status" data-testid="points-last">
          {t('points.m.lastRecord', { holder: last.holderLabel, item: last.itemName, points: last.points > 0 ? `+${last.points}` : last.points })}
        </div>
      )}
      <section>
        <h2 className="m-section-title">{t('points.m.holder')}</h2>
        {holder ? (
          <div className="m-picked">
            <CheckCircleFilled className="m-picked-icon" />
            <span className="m-picked-text" data-testid="points-holder">{holder.label}</span>
            <button type="button" className="m-link" onClick={() => setHolder(null)}>{t('mobile.visit.change')}</button>
          </div>
        ) : (
          <>
            <SearchBar className="m-search" placeholder={t('points.m.searchPlaceholder')} value={q} onChange={search} aria-label={t('points.m.holder')} />
            {searching && <div className="m-center"><DotLoading /></div>}
            {hits?.length === 0 && !searching && <div className="m-muted">{t('mobile.visit.noMatch')}</div>}
            <div className="m-hits">
              {(hits ?? recent).map((h) => (
                <button key={`${h.kind}-${h.id}`} type="button" className="m-hit" onClick={() => pick(h)}>
                  {h.kind === 'merchant' && <span className="m-kind">{t('points.holderKind.merchant')}</span>}
                  {h.label}
                </button>
              ))}
            </div>
            {!hits && recent.length > 0 && <div className="m-muted m-small">{t('points.m.recentHint')}</div>}
          </>
        )}
      </section>
      {(['positive', 'negative'] as const).map((dir) => {
        const list = usable.filter((i) => i.direction === dir);
        if (!list.length) return null;
        return (
          <section key={dir}>
            <h2 className="m-section-title">{t(`points.direction.${dir}`)}</h2>
            <div className="m-category-grid m-points-grid" role="radiogroup" aria-label={t(`points.direction.${dir}`)}>
              {list.map((i) => (
                <button
                  key={i.id}
                  type="button"
                  role="radio"
                  aria-checked={item?.id === i.id}
                  aria-label={i.name}
                  className={`m-category m-points-tile ${dir}${item?.id === i.id ? ' selected' : ''}`}
                  onClick={() => setItem(i)}
                >
                  <span className="m-points-tile-name">{i.name}</span>
                  <span className="m-points-tile-points">{sign(i)}{i.points}{i.unit === 'hours' ? t('points.rules.perHour') : ''}</span>
                </button>
              ))}
            </div>
          </section>
        );
      })}
      {rulesError && <div className="m-error" role="alert">{rulesError}</div>}
      {!usable.length && !rulesError && <div className="m-muted">{rules ? t('points.m.noItems') : t('common.loading')}</div>}
      {item && (
        <section>
          <h2 className="m-section-title">{item.unit === 'hours' ? t('points.m.hours') : t('points.m.times')}</h2>
          <Stepper
            aria-label={item.unit === 'hours' ? t('points.m.hours') : t('points.m.times')}
            min={item.unit === 'hours' ? 0.5 : 1}
            step={item.unit === 'hours' ? 0.5 : 1}
            max={100}
            digits={item.unit === 'hours' ? 1 : 0}
            value={quantity}
            onChange={(v) => setQuantity(v || 1)}
          />
          {item.evidenceRequired && <div className="m-hint">{t('points.m.photoRequired')}</div>}
        </section>
      )}
      <section>
        <h2 className="m-section-title"><label htmlFor="m-points-date">{t('points.m.date')}</label></h2>
        <input
          id="m-points-date"
          className="m-input m-date"
          type="date"
          value={occurredOn}
          max={dayjs().format('YYYY-MM-DD')}
          onChange={(e) => setOccurredOn(e.target.value || dayjs().format('YYYY-MM-DD'))}
        />
      </section>
      <section>
        <h2 className="m-section-title"><label htmlFor="m-points-note">{t('points.m.note')}</label></h2>
        <TextArea className="m-textarea" id="m-points-note" value={note} onChange={setNote} rows={2} maxLength={500} />
      </section>
      <section>
        <h2 className="m-section-title">{t('points.m.photos')}</h2>
        <PhotoPicker picks={picks} max={MAX_PHOTOS} multiple={false} tooBigMessage={t('points.m.photoTooBig')} failedMessage={t('points.m.photoFailed')} />
      </section>
      {/* Fixed above the tab bar: the send button is in reach whatever was scrolled past (15 tiles, the form). */}
      <div className="m-action-bar" data-testid="points-action-bar">
        {error && <div className="m-error m-action-error" role="alert">{error}</div>}
        {holder && item && <div className="m-action-summary">{holder.label} · {item.name}</div>}
        <Button block size="large" color="primary" loading={busy} onClick={() => void submit()}>
          {item && holder ? t('points.m.submitWith', { points: `${sign(item)}${Math.round(item.points * quantity)}` }) : t('points.m.submit')}
        </Button>
      </div>
    </div>
  );
}
