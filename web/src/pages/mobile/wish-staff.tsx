import { useEffect, useState } from 'react';
import { Button, Dialog, DotLoading, ErrorBlock, Input, PullToRefresh, Segmented, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/api.js';
import { chinaToday } from '../../services/china-time.js';
import type { Resident } from '../../services/types.js';
import * as wishes from '../../services/wishes-api.js';
import { MAX_BUDGET_YUAN, WISH_PERSON_KINDS, type Wish, type WishPersonKind } from '../../services/wishes-api.js';
import { WishCard } from './wishes.js';

type Tab = 'confirm' | 'post';

const inDays = chinaToday;

/** 网格员的微心愿: confirm what members fulfilled (with their photos), and post a wish for a resident in need. */
export default function WishStaffPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('confirm');
  const [waiting, setWaiting] = useState<Wish[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => wishes.listWishes({ state: 'fulfilled', page: 1, pageSize: 50 }).then(
    (r) => { setWaiting(r.items); setError(null); },
    (e) => setError(errorMessage(e, t('error.unknown'))),
  );
  useEffect(() => void load(), []);

  const confirm = async (w: Wish) => {
    const ok = await Dialog.confirm({
      content: <div style={{ fontSize: 18 }}>{t('wishes.m.confirmAsk', { title: w.title, name: w.claim?.claimerName ?? '' })}</div>,
      confirmText: t('wishes.confirm'), cancelText: t('wishes.m.back'),
    });
    if (!ok) return;
    try {
      await wishes.confirmWish(w.id);
      Toast.show({ content: t('wishes.m.confirmedToast') });
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')), duration: 4000 });
    }
    await load();
  };

  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        <Segmented block value={tab} onChange={(v) => setTab(v as Tab)} style={{ fontSize: 18, marginBottom: 12 }}
          options={[{ value: 'confirm', label: t('wishes.m.toConfirm') }, { value: 'post', label: t('wishes.m.postTab') }]} />
        {error && <div className="m-error" role="alert">{error}</div>}
        {tab === 'confirm' && (
          <>
            {!waiting && !error && <div className="m-center"><DotLoading color="primary" /></div>}
            {waiting?.length === 0 && <ErrorBlock status="empty" title={t('wishes.m.nothingToConfirm')} description="" />}
            {waiting?.map((w) => (
              <WishCard key={w.id} wish={w} state={w.state}>
                <div style={{ fontSize: 17 }}>{w.residentName} · {t('wishes.m.saidBy', { name: w.claim?.claimerName ?? '', note: w.claim?.fulfilNote ?? '' })}</div>
                <div className="m-photos" style={{ marginTop: 8 }}>
                  {w.claim?.photoIds.map((p) => <div key={p} className="m-photo"><img src={`/api/files/${p}`} alt={t('wishes.photo')} /></div>)}
                </div>
                <Button block color="primary" size="large" style={{ marginTop: 8 }} onClick={() => void confirm(w)}>{t('wishes.confirm')}</Button>
              </WishCard>
            ))}
          </>
        )}
        {tab === 'post' && <PostForm onPosted={() => { setTab('confirm'); void load(); }} />}
      </div>
    </PullToRefresh>
  );
}

function PostForm({ onPosted }: { onPosted: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Resident[] | null>(null);
  const [resident, setResident] = useState<Resident | null>(null);
  const [kind, setKind] = useState<WishPersonKind>('elderly_alone');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [budget, setBudget] = useState('100');
  const [fulfilBy, setFulfilBy] = useState(inDays(14));
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const search = async () => {
    if (!q.trim()) return;
    try {
      setFound((await api.listResidents({ q: q.trim(), page: 1, pageSize: 10 })).items);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    }
  };

  const send = async () => {
    const yuan = Number(budget);
    if (!resident) return setError(t('wishes.residentRequired'));
    if (title.trim().length < 2) return setError(t('wishes.titleRequired'));
    if (!Number.isInteger(yuan) || yuan < 1 || yuan > MAX_BUDGET_YUAN) return setError(t('wishes.budgetHint', { n: MAX_BUDGET_YUAN }));
    setError(null);
    setSending(true);
    try {
      await wishes.postWish({ residentId: resident.id, personKind: kind, title: title.trim(), description: description.trim(), budgetYuan: yuan, fulfilBy });
      Toast.show({ content: t('wishes.m.posted'), duration: 3000 });
      onPosted();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setSending(false);
    }
  };

  return (
    <div>
      <section>
        <h2 className="m-section-title">{t('wishes.resident')}</h2>
        {resident ? (
          <div className="m-card" style={{ borderLeftColor: '#1677ff' }}>
            <div style={{ fontSize: 18 }}>{t('wishes.residentOption', { name: resident.name, age: resident.age, address: resident.address ?? '' })}</div>
            <button type="button" className="m-link" onClick={() => setResident(null)}>{t('wishes.m.changeResident')}</button>
          </div>
        ) : (
          <>
            <div style={{ display: 'flex', gap: 8 }}>
              <Input className="m-input" value={q} onChange={setQ} placeholder={t('wishes.residentSearch')} aria-label={t('wishes.residentSearch')} onEnterPress={() => void search()} />
              <Button color="primary" onClick={() => void search()}>{t('wishes.m.find')}</Button>
            </div>
            {found?.length === 0 && <div className="m-hint">{t('wishes.m.noResident')}</div>}
            {found?.map((r) => (
              <button key={r.id} type="button" className="m-card" style={{ display: 'block', width: '100%', textAlign: 'left', fontSize: 18 }} onClick={() => setResident(r)}>
                {t('wishes.residentOption', { name: r.name, age: r.age, address: r.address ?? '' })}
              </button>
            ))}
          </>
        )}
      </section>
      <section>
        <h2 className="m-section-title">{t('wishes.personKindLabel')}</h2>
        <div className="m-category-grid">
          {WISH_PERSON_KINDS.map((k) => (
            <button key={k} type="button" className={`m-category${kind === k ? ' selected' : ''}`} aria-pressed={kind === k} onClick={() => setKind(k)}>
              {t(`wishes.personKind.${k}`)}
            </button>
          ))}
        </div>
      </section>
      <section>
        <h2 className="m-section-title">{t('wishes.title')}</h2>
        <Input className="m-input" value={title} onChange={setTitle} maxLength={40} placeholder={t('wishes.titlePlaceholder')} aria-label={t('wishes.title')} />
      </section>
      <section>
        <h2 className="m-section-title">{t('wishes.descriptionLabel')}</h2>
        <TextArea className="m-textarea" value={description} onChange={setDescription} rows={3} maxLength={500} placeholder={t('wishes.descriptionHint')} aria-label={t('wishes.descriptionLabel')} />
      </section>
      <section>
        <h2 className="m-section-title">{t('wishes.budget')}</h2>
        <Input className="m-input" type="number" value={budget} onChange={setBudget} aria-label={t('wishes.budget')} />
        <div className="m-hint">{t('wishes.budgetHint', { n: MAX_BUDGET_YUAN })}</div>
      </section>
      <section>
        <h2 className="m-section-title">{t('wishes.fulfilBy')}</h2>
        <input className="m-input m-date" type="date" value={fulfilBy} min={inDays(0)} max={inDays(90)} onChange={(e) => setFulfilBy(e.target.value)} aria-label={t('wishes.fulfilBy')} />
      </section>
      {error && <div className="m-error" role="alert">{error}</div>}
      <Button block color="primary" size="large" className="m-big-button" loading={sending} onClick={() => void send()}>{t('wishes.post')}</Button>
    </div>
  );
}
