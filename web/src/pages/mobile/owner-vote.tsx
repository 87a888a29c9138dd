import { useEffect, useState } from 'react';
import { Button, Card, DotLoading, ErrorBlock, Input, PullToRefresh, Radio, Selector, Space, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.js';
import { errorMessage } from '../../components/form-errors.js';
import { useMe } from '../../components/auth-provider.js';
import { myCommittee, type MyCommittee } from '../../services/selfrun-steps-api.js';
import * as api from '../../services/selfrun-votes-api.js';
import type { Choice, MyVote } from '../../services/selfrun-votes-api.js';

const CHOICES: Choice[] = ['agree', 'disagree', 'abstain'];

/**
 * One ballot form: for all the owner's own units at once (a person counts once, one choice covers
 * their units), or for one unit they hold a 书面委托 for. Changeable until the close.
 */
function BallotForm({ vote, proxyUnit, onDone }: { vote: MyVote; proxyUnit?: MyVote['units'][number]; onDone: () => void }) {
  const { t } = useTranslation();
  const source = proxyUnit ?? vote.units.find((u) => !u.asProxy);
  const [picked, setPicked] = useState<Record<number, Choice>>(() => Object.fromEntries(vote.matters.map((m) => [m.id, source?.choices[String(m.id)] as Choice])));
  const [busy, setBusy] = useState(false);
  const voted = vote.matters.every((m) => source?.choices[String(m.id)]);
  const send = async () => {
    if (vote.matters.some((m) => !picked[m.id])) {
      Toast.show({ content: t('selfrunVotes.chooseEach') });
      return;
    }
    setBusy(true);
    try {
      await api.castBallot(vote.id, vote.matters.map((m) => ({ matterId: m.id, choice: picked[m.id]! })), proxyUnit?.id);
      Toast.show({ icon: 'success', content: t(voted ? 'selfrunVotes.m.changed' : 'selfrunVotes.m.voted') });
      onDone();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginTop: 8 }} data-testid={proxyUnit ? `proxy-ballot-${proxyUnit.id}` : 'own-ballot'}>
      {proxyUnit && <div style={{ fontWeight: 600 }}>{t('selfrunVotes.m.forProxy', { unit: proxyUnit.label })}</div>}
      {vote.matters.map((m) => (
        <div key={m.id} style={{ margin: '10px 0' }}>
          <div style={{ fontSize: 17 }}>{m.seq}. {m.title} <Tag fill="outline">{t(`selfrunVotes.kind.${m.kind}`)}</Tag></div>
          <Radio.Group value={picked[m.id]} onChange={(v) => setPicked((p) => ({ ...p, [m.id]: v as Choice }))}>
            <Space>
              {CHOICES.map((c) => <Radio key={c} value={c} style={{ fontSize: 17 }}>{t(`selfrunVotes.choice.${c}`)}</Radio>)}
            </Space>
          </Radio.Group>
        </div>
      ))}
      <Button block color="primary" size="large" loading={busy} onClick={send}>{t(voted ? 'selfrunVotes.m.change' : 'selfrunVotes.m.submit')}</Button>
    </div>
  );
}

const field = { border: '1px solid #d9d9d9', borderRadius: 8, padding: 6, marginBottom: 8 } as const;

/** 业委会/物管会 members start and announce a vote of their compound (15-day notice, checked by the server). */
function CommitteeVoteForm({ compound, onDone }: { compound: { id: number; name: string }; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [matter, setMatter] = useState('');
  const [kind, setKind] = useState<'ordinary' | 'special'>('ordinary');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!title.trim() || !matter.trim() || !opensAt || !closesAt) {
      Toast.show({ content: t('selfrunVotes.m.fillAll') });
      return;
    }
    setBusy(true);
    try {
      await api.createVote({
        compoundId: compound.id, title, matters: [{ title: matter, kind, purpose: 'other' }], announce: true,
        opensAt: new Date(`${opensAt}:00+08:00`).toISOString(), closesAt: new Date(`${closesAt}:00+08:00`).toISOString(),
      });
      Toast.show({ icon: 'success', content: t('selfrunVotes.announced') });
      setTitle('');
      setMatter('');
      onDone();
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ marginBottom: 12 }} title={<span style={{ fontSize: 18 }}>{t('selfrunVotes.m.committeeTitle', { compound: compound.name })}</span>} data-testid={`committee-vote-${compound.id}`}>
      <div style={{ fontSize: 15, color: '#666', marginBottom: 8 }}>{t('selfrunVotes.noticeRule')}</div>
      <Input aria-label={t('selfrunVotes.field.title')} placeholder={t('selfrunVotes.field.title')} value={title} onChange={setTitle} style={field} />
      <Input aria-label={t('selfrunVotes.field.matter')} placeholder={t('selfrunVotes.field.matter')} value={matter} onChange={setMatter} style={field} />
      <Selector columns={1} value={[kind]} onChange={(v) => v[0] && setKind(v[0])}
        options={(['ordinary', 'special'] as const).map((k) => ({ value: k, label: t(`selfrunVotes.kind.${k}`) }))} />
      <label style={{ display: 'block', marginTop: 8 }}>{t('selfrunVotes.field.opensAt')}
        <Input aria-label={t('selfrunVotes.field.opensAt')} type="datetime-local" value={opensAt} onChange={setOpensAt} style={field} />
      </label>
      <label style={{ display: 'block' }}>{t('selfrunVotes.field.closesAt')}
        <Input aria-label={t('selfrunVotes.field.closesAt')} type="datetime-local" value={closesAt} onChange={setClosesAt} style={field} />
      </label>
      <Button block color="primary" loading={busy} onClick={send}>{t('selfrunVotes.m.announceNow')}</Button>
    </Card>
  );
}

/** 业主表决 on the phone: the owner's compound's votes, their units, their ballot and, after the close, the result. */
export default function OwnerVotePage() {
  const { t } = useTranslation();
  const [data, setData] = useState<MyVote[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api.myVotes().then((r) => { setData(r); setError(null); }, (e) => setError(errorMessage(e, t('error.unknown'))));
  useEffect(() => void load(), []);
  const me = useMe();
  // The committee's compounds, when this account sits on one (the server checks the seat again).
  const [committee, setCommittee] = useState<MyCommittee['compounds']>([]);
  useEffect(() => {
    if (me.permissions.includes('selfrun.committee')) myCommittee().then((r) => setCommittee(r.member ? r.compounds : []), () => setCommittee([]));
  }, [me.permissions]);
  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('selfrunVotes.m.title')}</h2>
        {error && <div className="m-error" role="alert">{error}</div>}
        {committee.map((c) => <CommitteeVoteForm key={c.compound.id} compound={c.compound} onDone={load} />)}
        {!data && !error && <div className="m-center"><DotLoading color="primary" /></div>}
        {data?.length === 0 && <ErrorBlock status="empty" title={t('selfrunVotes.m.empty')} description="" />}
        {data?.map((v) => {
          const own = v.units.filter((u) => !u.asProxy);
          return (
            <Card key={v.id} style={{ marginBottom: 12 }} data-testid={`owner-vote-${v.id}`}
              title={<span style={{ fontSize: 18 }}>{v.title}</span>}
              extra={<Tag color={v.status === 'open' ? 'primary' : 'default'} fill="outline" style={{ fontSize: 15 }}>{t(`selfrunVotes.status.${v.status}`)}</Tag>}>
              <div style={{ fontSize: 16, lineHeight: 1.7 }}>
                <div>{v.compoundName}</div>
                <div>{t('selfrunVotes.m.period', { from: formatDateTime(v.opensAt), to: formatDateTime(v.closesAt) })}</div>
                {own.length > 0 && <div>{t('selfrunVotes.m.myUnits', { units: own.map((u) => `${u.label}（${u.area} m²）`).join('、') })}</div>}
                {v.status === 'open' && own.length > 0 && <BallotForm vote={v} onDone={load} />}
                {v.status === 'open' && v.units.filter((u) => u.asProxy).map((u) => <BallotForm key={u.id} vote={v} proxyUnit={u} onDone={load} />)}
                {(v.status === 'closed' || v.status === 'published') && v.matters.map((m) => (
                  <div key={m.id} style={{ marginTop: 8 }} data-testid={`owner-result-${m.seq}`}>
                    {m.seq}. {m.title}：{m.passed ? t('selfrunVotes.passed') : t('selfrunVotes.failed')}
                    {m.result && <div style={{ color: '#666', fontSize: 15 }}>{t('selfrunVotes.m.figures', m.result.figures)}</div>}
                  </div>
                ))}
              </div>
            </Card>
          );
        })}
      </div>
    </PullToRefresh>
  );
}
