import './visit.css';
import { useEffect, useRef, useState } from 'react';
import { Button, DotLoading, SearchBar, TextArea, Toast } from 'antd-mobile';
import { CheckCircleFilled, HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/api.js';
import { newClientId } from '../../services/offline-queue.js';
import type { Household } from '../../services/types.js';
import { recordVisit } from '../../services/visits-api.js';
import { CategoryGrid } from './components/category-grid.js';
import { QueuedBar } from './components/queued-bar.js';
import { isRetryable, useOffline, type PhoneRecord } from './offline.js';

/** Within one's own grid the county, street and community are the same for every door. */
const shortAddress = (a: string) => a.replace(/^.*?社区\s*/, '') || a;

type Found = 'problem' | 'none';

/**
 * 背包上门: a door-to-door visit in a few taps. A problem found becomes a demand the visitor
 * handles (or solved on the spot); a visit that found nothing is recorded too (无诉求). Without
 * signal every record waits in the offline queue with its clientId and is sent once back online.
 */
export default function VisitPage() {
  const { t } = useTranslation();
  const { items: queued, queue, flush, save } = useOffline();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Household[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [household, setHousehold] = useState<Household | null>(null);
  const [found, setFound] = useState<Found>('problem');
  const [category, setCategory] = useState<string>();
  const [description, setDescription] = useState('');
  const [note, setNote] = useState('');
  const [solving, setSolving] = useState(false);
  const [solvedNote, setSolvedNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The demand just created, linked at the top of the page.
  const [created, setCreated] = useState<{ id: number; solved: boolean } | null>(null);
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

  const reset = () => {
    setCategory(undefined);
    setDescription('');
    setSolvedNote('');
    setNote('');
    setSolving(false);
  };

  /** Sends at once when online (to link the result); keeps the record in the queue when the network fails. */
  const send = async (record: PhoneRecord, online: () => Promise<void>) => {
    setBusy(true);
    try {
      if (!navigator.onLine) throw new api.ApiError(0, 'NETWORK', 'offline');
      await online();
    } catch (e) {
      if (isRetryable(e) && (e as api.ApiError).status !== 401) {
        await save(record);
        reset();
        Toast.show({ icon: 'success', content: t('mobile.report.saved') });
      } else {
        setError(errorMessage(e, t('error.unknown')));
      }
    } finally {
      setBusy(false);
    }
  };

  const recordDemand = async (solved: boolean) => {
    if (!household) return setError(t('mobile.visit.needHousehold'));
    if (!category) return setError(t('mobile.report.needCategory'));
    if (description.trim().length < 2) return setError(t('mobile.report.needDescription'));
    if (solved && !solvedNote.trim()) return setError(t('mobile.visit.solvedNoteRequired'));
    setError(null);
    setCreated(null);
    const input = {
      householdId: household.id, categoryCode: category, description: description.trim(), channel: 'visit' as const,
      solvedOnSpotNote: solved ? solvedNote.trim() : undefined, clientId: newClientId(),
    };
    await send(input, async () => {
      const r = await api.createDemand(input);
      reset();
      setCreated({ id: r.demand.id, solved });
      Toast.show({ icon: 'success', content: t('mobile.visit.sent') });
    });
  };

  const recordNothingFound = async () => {
    if (!household) return setError(t('mobile.visit.needHousehold'));
    setError(null);
    setCreated(null);
    const input = { householdId: household.id, note: note.trim() || undefined, clientId: newClientId() };
    await send({ ...input, kind: 'visit_only' }, async () => {
      await recordVisit(input);
      reset();
      Toast.show({ icon: 'success', content: t('mobile.visit.visitSent') });
    });
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
      <div className="m-visit-top">
        <Link className="m-link m-visit-history-link" to="/m/visits"><HistoryOutlined /> {t('mobile.visit.history')}</Link>
      </div>
      {created && (
        <div className="m-rated" role="status" data-testid="visit-created">
          {t(created.solved ? 'mobile.visit.createdSolved' : 'mobile.visit.created', { id: created.id })}{' '}
          <Link className="m-link" to={`/m/demands/${created.id}`}>{t('mobile.visit.viewDemand', { id: created.id })}</Link>
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
        <h2 className="m-section-title">{t('mobile.visit.kindQuestion')}</h2>
        <div className="m-two-buttons" role="radiogroup" aria-label={t('mobile.visit.kindQuestion')}>
          {(['problem', 'none'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={found === k}
              className={`m-category m-visit-kind${found === k ? ' selected' : ''}`}
              onClick={() => setFound(k)}
            >
              {k === 'problem' ? t('mobile.visit.withProblem') : t('mobile.visit.noProblem')}
            </button>
          ))}
        </div>
      </section>
      {found === 'none' ? (
        <>
          <section>
            <h2 className="m-section-title"><label htmlFor="m-visit-note">{t('mobile.visit.noProblemNote')}</label></h2>
            <TextArea className="m-textarea" id="m-visit-note" value={note} onChange={setNote} rows={3} maxLength={500} />
          </section>
          {error && <div className="m-error" role="alert">{error}</div>}
          <Button block size="large" color="primary" className="m-big-button" loading={busy} onClick={() => void recordNothingFound()}>
            {t('mobile.visit.recordVisit')}
          </Button>
        </>
      ) : (
        <>
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
            <Button size="large" color="success" loading={busy && solving} onClick={() => (solving ? void recordDemand(true) : setSolving(true))}>{t('mobile.visit.solved')}</Button>
            <Button size="large" color="primary" loading={busy && !solving} onClick={() => void recordDemand(false)}>{t('mobile.visit.todo')}</Button>
          </div>
        </>
      )}
    </div>
  );
}
