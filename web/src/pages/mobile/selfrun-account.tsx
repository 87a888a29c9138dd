import { useEffect, useState } from 'react';
import { Button, DotLoading, ErrorBlock, Input, Selector, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { uploadFile } from '../../services/api.js';
import { chinaToday } from '../../services/china-time.js';
import * as api from '../../services/selfrun-account-api.js';
import type { Category, MyAccount } from '../../services/selfrun-account-api.js';
import { downscalePhoto } from './photos.js';

type Compound = MyAccount['items'][number];
const box = { border: '1px solid #d9d9d9', borderRadius: 8, padding: 6, margin: '4px 0' };

/** A committee member records a payment or an expense, and closes last month, from the phone. */
function RecordForm({ c, onDone }: { c: Compound; onDone: () => void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<Category | null>(null);
  const [amount, setAmount] = useState('');
  const [day, setDay] = useState(chinaToday());
  const [summary, setSummary] = useState('');
  const [counterparty, setCounterparty] = useState('');
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [busy, setBusy] = useState(false);
  const lastMonth = (() => {
    const [y, m] = chinaToday().split('-').map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  })();
  const act = async (f: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await f();
      Toast.show({ icon: 'success', content: ok });
      onDone();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')), duration: 4000 });
    } finally {
      setBusy(false);
    }
  };
  const fen = Math.round(Number(amount) * 100);
  return (
    <div className="m-card" role="form" aria-label={t('selfrunAccount.record')}>
      <div className="m-card-text">{t('selfrunAccount.record')}</div>
      <Selector columns={3} value={category ? [category] : []} onChange={(v) => setCategory((v[0] as Category) ?? null)}
        options={[...api.INCOME, ...api.EXPENSE].map((k) => ({ value: k, label: t(`selfrunAccount.category.${k}`) }))} />
      <label className="m-card-meta" htmlFor="acc-amount">{t('selfrunAccount.amountYuan')}</label>
      <Input id="acc-amount" type="number" inputMode="decimal" value={amount} onChange={setAmount} style={box} />
      <label className="m-card-meta" htmlFor="acc-day">{t('selfrunAccount.day')}</label>
      <Input id="acc-day" type="date" value={day} onChange={setDay} style={box} />
      <label className="m-card-meta" htmlFor="acc-summary">{t('selfrunAccount.summary')}</label>
      <Input id="acc-summary" value={summary} onChange={setSummary} maxLength={100} style={box} />
      <label className="m-card-meta" htmlFor="acc-cp">{t('selfrunAccount.counterparty')}</label>
      <Input id="acc-cp" value={counterparty} onChange={setCounterparty} maxLength={60} style={box} />
      <label className="m-card-meta">
        {t('selfrunAccount.receipt')}
        <input
          type="file" accept="image/*" capture="environment"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return setPhoto(null);
            const small = await downscalePhoto(f).catch(() => f);
            if (small === 'too_big') Toast.show({ icon: 'fail', content: t('selfrunSteps.tooBig') });
            else setPhoto(small);
          }}
        />
      </label>
      <Button block color="primary" loading={busy} disabled={!category || !(fen > 0) || !summary.trim() || !day} style={{ marginTop: 8 }}
        onClick={() => void act(async () => {
          const photoIds = photo ? [(await uploadFile(photo)).id] : [];
          await api.record('committee', c.compoundId, { category: category!, amountFen: fen, day, summary, counterparty: counterparty || undefined, photoIds });
        }, t('selfrunAccount.recorded')).then(() => { setAmount(''); setSummary(''); setCounterparty(''); setPhoto(null); })}>
        {t('selfrunAccount.save')}
      </Button>
      <Button block fill="outline" loading={busy} style={{ marginTop: 8 }}
        onClick={() => void act(() => api.closeMonth('committee', c.compoundId, lastMonth), t('selfrunAccount.closed', { month: lastMonth }))}>
        {t('selfrunAccount.closeMonthOf', { month: lastMonth })}
      </Button>
    </div>
  );
}

/** The latest entries for a committee member, each reversible once with a reason (红字冲销). */
function MemberLedger({ c, tick, onDone }: { c: Compound; tick: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<api.Entry[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    api.getLedger('committee', c.compoundId, { page: 1, pageSize: 10 }).then((r) => setEntries(r.items), () => setEntries([]));
  }, [c.compoundId, tick]);
  const reverse = async (id: number) => {
    try {
      await api.reverse('committee', c.compoundId, id, reason);
      Toast.show({ icon: 'success', content: t('selfrunAccount.reversed') });
      setOpen(null);
      setReason('');
      onDone();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')), duration: 4000 });
    }
  };
  return (
    <div className="m-card" aria-label={t('selfrunAccount.ledger')}>
      <div className="m-card-text">{t('selfrunAccount.ledger')} <a href={api.exportUrl('committee', c.compoundId)} download style={{ fontSize: 14 }}>{t('selfrunAccount.export')}</a></div>
      {entries.map((e) => (
        <div key={e.id} style={{ borderTop: '1px solid #f0f0f0', padding: '6px 0' }}>
          <div>{e.day} #{e.seq} {e.summary}</div>
          <div className="m-card-meta">
            {t(`selfrunAccount.category.${e.category}`)} {e.kind === 'income' ? '+' : '-'}{api.yuan(e.amountFen)} · {t('selfrunAccount.balance')} {api.yuan(e.balanceFen)}
          </div>
          {!e.reversesId && !e.reversedBy && open !== e.id && (
            <Button size="mini" fill="outline" color="danger" onClick={() => { setOpen(e.id); setReason(''); }}>{t('selfrunAccount.reverse')}</Button>
          )}
          {open === e.id && (
            <>
              <Input aria-label={t('selfrunAccount.reason')} placeholder={t('selfrunAccount.reason')} value={reason} onChange={setReason} style={box} />
              <Button size="small" color="danger" disabled={reason.trim().length < 2} onClick={() => void reverse(e.id)}>{t('selfrunAccount.reverse')}</Button>
            </>
          )}
        </div>
      ))}
    </div>
  );
}

/** /m/selfrun/account: the compound's balance and statements for owners; recording for committee members; the yearly rating. */
export default function SelfrunAccountPage() {
  const { t } = useTranslation();
  const [data, setData] = useState<MyAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [score, setScore] = useState(0);
  const [tick, setTick] = useState(0);
  const load = () => api.myAccount().then((r) => { setData(r); setError(null); setTick((x) => x + 1); }, (e) => setError(errorMessage(e, t('error.unknown'))));
  useEffect(() => void load(), []);
  const rate = async (id: number) => {
    try {
      await api.rate(id, score);
      Toast.show({ icon: 'success', content: t('selfrunAccount.m.rated') });
      void load();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')), duration: 4000 });
    }
  };
  return (
    <div className="m-page">
      {error && <div className="m-error" role="alert">{error}</div>}
      {!data && !error && <div className="m-center"><DotLoading color="primary" /></div>}
      {data && data.items.length === 0 && <ErrorBlock status="empty" title={t('selfrunAccount.m.none')} description="" />}
      {data?.items.map((c) => (
        <section key={c.compoundId} aria-label={c.compound}>
          <h2 style={{ fontSize: 20, margin: '8px 0' }}>{c.community} {c.compound}</h2>
          <div className="m-card" role="status" aria-label={t('selfrunAccount.balance')}>
            <div className="m-card-meta">{t('selfrunAccount.balance')}</div>
            <div style={{ fontSize: 26, fontWeight: 600 }}>{t('selfrunAccount.m.yuan', { amount: api.yuan(c.balanceFen) })}</div>
          </div>
          {c.member && <RecordForm c={c} onDone={() => void load()} />}
          {c.member && <MemberLedger c={c} tick={tick} onDone={() => void load()} />}
          <h3 style={{ fontSize: 17, margin: '12px 0 4px' }}>{t('selfrunAccount.statements')}</h3>
          {c.statements.length === 0 && <div className="m-card-meta">{t('selfrunAccount.m.noStatements')}</div>}
          {c.statements.map((s) => (
            <div key={s.id} className="m-card" aria-label={s.month}>
              <div className="m-card-text">{s.month}</div>
              <div className="m-card-meta">
                {t('selfrunAccount.m.statementLine', { income: api.yuan(s.incomeFen), expense: api.yuan(s.expenseFen), closing: api.yuan(s.closingFen) })}
              </div>
              <div className="m-card-meta">
                {s.byCategory.map((k) => `${t(`selfrunAccount.category.${k.category}`)} ${api.yuan(k.amountFen)}`).join(' · ')}
              </div>
            </div>
          ))}
          {c.owner && (
            <div className="m-card" role="form" aria-label={t('selfrunAccount.m.review')}>
              <div className="m-card-text">{t('selfrunAccount.m.review')}（{c.review.year}）</div>
              {c.review.average != null && <div className="m-card-meta">{t('selfrunAccount.m.reviewLine', { average: c.review.average, ratings: c.review.ratings })}</div>}
              {c.myScore != null ? <div className="m-card-meta">{t('selfrunAccount.m.myScore', { score: c.myScore })}</div> : (
                <>
                  {/* Five big choices rather than small stars: easier for older owners to tap. */}
                  <Selector columns={5} value={score ? [score] : []} onChange={(v) => setScore(v[0] ?? 0)}
                    options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t('selfrunAccount.m.score', { n }) }))} />
                  <Button block color="primary" disabled={score < 1} style={{ marginTop: 8 }} onClick={() => void rate(c.compoundId)}>{t('selfrunAccount.m.submitRating')}</Button>
                </>
              )}
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
