import { useEffect, useRef, useState } from 'react';
import { Button, DotLoading, SearchBar, TextArea, Toast } from 'antd-mobile';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import * as api from '../../services/api.js';
import { newClientId } from '../../services/offline-queue.js';
import type { Household } from '../../services/types.js';
import { CategoryGrid } from './components/category-grid.js';
import { QueuedBar } from './components/queued-bar.js';
import { useOffline } from './offline.js';

/** Within one's own grid the county, street and community are the same for every door. */
const shortAddress = (a: string) => a.replace(/^.*?社区\s*/, '') || a;

/**
 * 背包上门: a door-to-door visit in a few taps. Every record goes through the offline queue
 * with its clientId, so it is kept in a stairwell without signal and sent once back online.
 */
export default function VisitPage() {
  const { t } = useTranslation();
  const { items: queued, queue, flush, save } = useOffline();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Household[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [household, setHousehold] = useState<Household | null>(null);
  const [category, setCategory] = useState<string>();
  const [description, setDescription] = useState('');
  const [solving, setSolving] = useState(false);
  const [solvedNote, setSolvedNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (v: string) => {
    setQ(v);
    clearTimeout(timer.current);
    if (!v.trim()) return setHits(null);
    timer.current = setTimeout(() => {
      setSearching(true);
      api.listHouseholds({ q: v.trim(), page: 1, pageSize: 8 })
        .then((r) => setHits(r.items), () => setHits([]))
        .finally(() => setSearching(false));
    }, 300);
  };

  const record = async (solved: boolean) => {
    if (!household) return setError(t('mobile.visit.needHousehold'));
    if (!category) return setError(t('mobile.report.needCategory'));
    if (description.trim().length < 2) return setError(t('mobile.report.needDescription'));
    if (solved && !solvedNote.trim()) return setError(t('mobile.visit.solvedNoteRequired'));
    setError(null);
    save({
      householdId: household.id, categoryCode: category, description: description.trim(), channel: 'visit',
      solvedOnSpotNote: solved ? solvedNote.trim() : undefined, clientId: newClientId(),
    });
    setCategory(undefined);
    setDescription('');
    setSolvedNote('');
    setSolving(false);
    if (!navigator.onLine) return Toast.show({ icon: 'success', content: t('mobile.report.saved') });
    await flush();
    const left = queue.list().length;
    Toast.show({ icon: 'success', content: left ? t('mobile.report.saved') : t('mobile.visit.sent') });
  };

  const refused = queued.filter((x) => x.lastError);

  return (
    <div className="m-page">
      <QueuedBar count={queued.length} message={t('mobile.visit.queued', { count: queued.length })} onSend={() => void flush()} />
      {refused.length > 0 && (
        <div className="m-error" role="alert">
          {t('mobile.visit.failed', { count: refused.length, message: refused[0].lastError })}
          <button type="button" className="m-link" onClick={() => refused.forEach((x) => queue.remove(x.clientId))}>{t('mobile.visit.discard')}</button>
        </div>
      )}
      <section>
        <h2 className="m-section-title">{t('mobile.visit.household')}</h2>
        {household ? (
          <div className="m-picked">
            <CheckCircleFilled className="m-picked-icon" />
            <span className="m-picked-text">{shortAddress(household.address)}</span>
            <button type="button" className="m-link" onClick={() => setHousehold(null)}>{t('mobile.visit.change')}</button>
          </div>
        ) : (
          <>
            <SearchBar className="m-search" placeholder={t('mobile.visit.searchPlaceholder')} value={q} onChange={search} aria-label={t('mobile.visit.household')} />
            {searching && <div className="m-center"><DotLoading /></div>}
            {hits?.length === 0 && !searching && <div className="m-muted">{t('mobile.visit.noMatch')}</div>}
            <div className="m-hits">
              {hits?.map((h) => (
                <button key={h.id} type="button" className="m-hit" title={h.address} onClick={() => setHousehold(h)}>{shortAddress(h.address)}</button>
              ))}
            </div>
          </>
        )}
      </section>
      <section>
        <h2 className="m-section-title">{t('mobile.visit.category')}</h2>
        <CategoryGrid value={category} onChange={setCategory} label={t('mobile.visit.category')} />
      </section>
      <section>
        <h2 className="m-section-title"><label htmlFor="m-visit-desc">{t('mobile.visit.description')}</label></h2>
        <TextArea className="m-textarea" id="m-visit-desc" value={description} onChange={setDescription} rows={3} maxLength={2000} />
      </section>
      {solving && (
        <section>
          <h2 className="m-section-title"><label htmlFor="m-visit-solved">{t('mobile.visit.solvedNote')}</label></h2>
          <TextArea className="m-textarea" id="m-visit-solved" value={solvedNote} onChange={setSolvedNote} rows={2} maxLength={500} autoFocus />
        </section>
      )}
      {error && <div className="m-error" role="alert">{error}</div>}
      <div className="m-two-buttons">
        <Button size="large" color="success" onClick={() => (solving ? void record(true) : setSolving(true))}>{t('mobile.visit.solved')}</Button>
        <Button size="large" color="primary" onClick={() => void record(false)}>{t('mobile.visit.todo')}</Button>
      </div>
    </div>
  );
}
