import { useEffect, useState } from 'react';
import { Button, Dialog, DotLoading, ErrorBlock, PullToRefresh, Segmented, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { formatDate } from '../../components/format.js';
import { ApiError } from '../../services/api.js';
import * as wishes from '../../services/wishes-api.js';
import type { MyClaim, WallWish, Wish, WishState } from '../../services/wishes-api.js';
import { PhotoPicker, usePhotoPicks } from './components/photo-picker.js';

export const WISH_COLORS: Record<WishState, string> = {
  open: '#d46b08', claimed: '#1677ff', fulfilled: '#722ed1', confirmed: '#389e0d', withdrawn: '#8c8c8c',
};

type Tab = 'wall' | 'mine' | 'forMe';

/**
 * 心愿墙 on the phone: open wishes nearby (persons masked) to claim, my claims to fulfil with a
 * photo, and — for a resident a wish was posted for — the wishes done for them to confirm.
 */
export default function WishesPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('wall');
  const [wall, setWall] = useState<WallWish[] | null>(null);
  const [wallRefused, setWallRefused] = useState<string | null>(null);
  const [mine, setMine] = useState<MyClaim[] | null>(null);
  const [forMe, setForMe] = useState<Wish[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fulfilling, setFulfilling] = useState<MyClaim | null>(null);

  const load = async () => {
    setError(null);
    const [w, m, f] = await Promise.allSettled([wishes.wishWall(), wishes.myClaims(), wishes.wishesForMe()]);
    if (w.status === 'fulfilled') { setWall(w.value.items); setWallRefused(null); }
    else if (w.reason instanceof ApiError && w.reason.status === 403) { setWall([]); setWallRefused(w.reason.message); }
    else setError(errorMessage(w.reason, t('error.unknown')));
    setMine(m.status === 'fulfilled' ? m.value.items : []);
    if (f.status === 'fulfilled') setForMe(f.value.items);
  };
  useEffect(() => void load(), []);

  const claim = async (w: WallWish) => {
    const ok = await Dialog.confirm({
      content: <div style={{ fontSize: 18 }}>{t('wishes.m.claimConfirm', { title: w.title, budget: w.budgetYuan })}</div>,
      confirmText: t('wishes.m.claimYes'), cancelText: t('wishes.m.back'),
    });
    if (!ok) return;
    try {
      const c = await wishes.claimWish(w.id);
      Toast.show({ content: t('wishes.m.claimed', { due: formatDate(c.dueAt) }), duration: 3000 });
      setTab('mine');
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')), duration: 4000 });
    }
    await load();
  };

  const release = async (c: MyClaim) => {
    const ok = await Dialog.confirm({ content: <div style={{ fontSize: 18 }}>{t('wishes.m.releaseConfirm')}</div>, confirmText: t('wishes.m.releaseYes'), cancelText: t('wishes.m.back') });
    if (!ok) return;
    try {
      await wishes.releaseWish(c.id, t('wishes.m.releaseReason'));
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')), duration: 4000 });
    }
    await load();
  };

  const confirmReceived = async (w: Wish) => {
    try {
      await wishes.confirmReceived(w.id);
      Toast.show({ content: t('wishes.m.thanks') });
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')), duration: 4000 });
    }
    await load();
  };

  if (fulfilling) return <FulfilForm claim={fulfilling} onDone={async () => { setFulfilling(null); await load(); }} />;

  const tabs: { value: Tab; label: string }[] = [
    { value: 'wall', label: t('wishes.m.wall') },
    { value: 'mine', label: t('wishes.m.mine') },
    ...(forMe.length ? [{ value: 'forMe' as const, label: t('wishes.m.forMe') }] : []),
  ];

  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        <Segmented block value={tab} onChange={(v) => setTab(v as Tab)} options={tabs} style={{ fontSize: 18, marginBottom: 12 }} />
        {error && <div className="m-error" role="alert">{error}</div>}
        {tab === 'wall' && (
          <>
            {wallRefused && <div className="m-error" role="alert">{wallRefused}</div>}
            {!wall && !error && <div className="m-center"><DotLoading color="primary" /></div>}
            {wall?.length === 0 && !wallRefused && <ErrorBlock status="empty" title={t('wishes.m.noWishes')} description="" />}
            {wall?.map((w) => (
              <WishCard key={w.id} wish={w} state={w.state}>
                <Button block color="primary" size="large" onClick={() => void claim(w)}>{t('wishes.m.claim')}</Button>
              </WishCard>
            ))}
          </>
        )}
        {tab === 'mine' && (
          <>
            {mine?.length === 0 && <ErrorBlock status="empty" title={t('wishes.m.noClaims')} description="" />}
            {mine?.map((c) => (
              <WishCard key={c.id} wish={c} state={c.state} badge={t(`wishes.claimState.${c.claimState}`)}>
                {c.claimState === 'active' && (
                  <>
                    <div className="m-card-meta">{t('wishes.m.dueBy', { due: formatDate(c.dueAt) })}</div>
                    <Button block color="success" size="large" style={{ marginTop: 8 }} onClick={() => setFulfilling(c)}>{t('wishes.m.fulfil')}</Button>
                    <button type="button" className="m-link" onClick={() => void release(c)}>{t('wishes.m.release')}</button>
                  </>
                )}
                {c.claimState === 'fulfilled' && <div className="m-card-meta">{t('wishes.m.waitingConfirm')}</div>}
              </WishCard>
            ))}
          </>
        )}
        {tab === 'forMe' && forMe.map((w) => (
          <WishCard key={w.id} wish={w} state={w.state}>
            {w.claim?.fulfilNote && <p className="m-card-text">{t('wishes.m.saidBy', { name: w.claim.claimerName, note: w.claim.fulfilNote })}</p>}
            {w.state === 'fulfilled' && <Button block color="primary" size="large" onClick={() => void confirmReceived(w)}>{t('wishes.m.confirmReceived')}</Button>}
          </WishCard>
        ))}
      </div>
    </PullToRefresh>
  );
}

/** One wish as a card: what, for whom (masked), where (no finer than the building), budget and date. */
export function WishCard({ wish, state, badge, children }: {
  wish: Pick<WallWish, 'id' | 'title' | 'description' | 'personMask' | 'personKind' | 'placeLabel' | 'communityName' | 'budgetYuan' | 'fulfilBy'>;
  state: WishState;
  badge?: string;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <article className="m-card" style={{ borderLeftColor: WISH_COLORS[state] }} aria-label={t('wishes.m.cardLabel', { title: wish.title })}>
      <div className="m-card-head">
        <span className="m-state" style={{ background: WISH_COLORS[state] }}>{badge ?? t(`wishes.stateName.${state}`)}</span>
        <span className="m-card-category">{wish.title}</span>
      </div>
      <div style={{ fontSize: 18, marginTop: 6 }}>{wish.personMask} · {t(`wishes.personKind.${wish.personKind}`)}</div>
      {wish.description && <p className="m-card-text">{wish.description}</p>}
      <div className="m-card-meta">
        {wish.communityName} {wish.placeLabel} · {t('wishes.yuan', { n: wish.budgetYuan })} · {t('wishes.m.fulfilBy', { day: wish.fulfilBy })}
      </div>
      {children && <div className="m-card-actions">{children}</div>}
    </article>
  );
}

/** 完成心愿: a note and at least one photo, sent together. */
function FulfilForm({ claim, onDone }: { claim: MyClaim; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const picks = usePhotoPicks();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (note.trim().length < 2) return setError(t('wishes.m.noteRequired'));
    if (!picks.photos.length) return setError(t('wishes.m.photoRequired'));
    setError(null);
    setSending(true);
    try {
      await wishes.fulfilWish(claim.id, note.trim(), picks.blobs());
      Toast.show({ content: t('wishes.m.fulfilled'), duration: 3000 });
      picks.clear();
      await onDone();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="m-page">
      <WishCard wish={claim} state={claim.state} />
      <section>
        <h2 className="m-section-title">{t('wishes.m.noteTitle')}</h2>
        <TextArea className="m-textarea" value={note} onChange={setNote} rows={4} maxLength={500} placeholder={t('wishes.m.notePlaceholder')} aria-label={t('wishes.m.noteTitle')} />
      </section>
      <section>
        <h2 className="m-section-title">{t('wishes.m.photos')}</h2>
        <PhotoPicker picks={picks} max={3} multiple={false} tooBigMessage={t('wishes.m.photoTooBig')} failedMessage={t('wishes.m.photoFailed')} />
      </section>
      {error && <div className="m-error" role="alert">{error}</div>}
      <Button block color="primary" size="large" className="m-big-button" loading={sending} onClick={() => void send()}>{t('wishes.m.submitFulfil')}</Button>
      <Button block size="large" className="m-big-button" onClick={() => void onDone()}>{t('wishes.m.back')}</Button>
    </div>
  );
}
