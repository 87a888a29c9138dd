import { useEffect, useState } from 'react';
import { Button, Card, Dialog, DotLoading, ErrorBlock, PullToRefresh, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/property-meetings-api.js';
import type { MeetingTask, MyProposals } from '../../services/property-meetings-api.js';

const TASK_COLOR = { open: 'primary', reported: 'warning', done: 'success', dropped: 'default' } as const;

/** 协调会事项 on the company's phone: the tasks the three-party meetings gave it, reported done with a note for the community to confirm. */
export default function PropertyTasksPage() {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<MeetingTask[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => api.companyTasks({ page: 1, pageSize: 100 }).then(
    (r) => { setTasks(r.items); setError(null); },
    (e) => setError(errorMessage(e, t('error.unknown'))),
  );
  useEffect(() => void load(), []);

  const report = async (task: MeetingTask) => {
    let note = '';
    const ok = await Dialog.confirm({
      title: t('propertyMeetings.m.reportTitle'),
      content: (
        <div>
          <div style={{ fontSize: 17, marginBottom: 8 }}>{task.title}</div>
          <TextArea placeholder={t('propertyMeetings.m.reportNote')} rows={3} maxLength={500} onChange={(v) => { note = v; }} aria-label={t('propertyMeetings.m.reportNote')} />
        </div>
      ),
      confirmText: t('propertyMeetings.m.report'), cancelText: t('propertyMeetings.m.back'),
    });
    if (!ok) return;
    try {
      await api.reportTask(task.id, note);
      Toast.show({ content: t('propertyMeetings.m.reported') });
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')), duration: 4000 });
    }
    await load();
  };

  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        {error && <div className="m-error" role="alert">{error}</div>}
        {!tasks && !error && <div className="m-center"><DotLoading color="primary" /></div>}
        {tasks?.length === 0 && <ErrorBlock status="empty" title={t('propertyMeetings.m.noTasks')} description="" />}
        {tasks?.map((task) => (
          <Card key={task.id} style={{ marginBottom: 12 }} data-testid={`company-task-${task.id}`}
            title={<span style={{ fontSize: 18 }}>{task.title}</span>}
            extra={<Tag color={TASK_COLOR[task.status]} fill="outline" style={{ fontSize: 15 }}>{t(`propertyMeetings.task.status.${task.status}`)}</Tag>}>
            <div style={{ fontSize: 16, lineHeight: 1.7 }}>
              <div>{t('propertyMeetings.m.where', { compound: task.compoundName, month: task.meetingMonth })}</div>
              <div>
                {t('propertyMeetings.m.deadline', { deadline: task.deadline })}
                {task.overdue && <Tag color="danger" style={{ marginLeft: 8 }}>{t('propertyMeetings.overdue')}</Tag>}
              </div>
              {task.reportNote && <div>{t('propertyMeetings.m.myNote', { note: task.reportNote })}</div>}
              {task.closedNote && task.status === 'open' && <div style={{ color: '#d4380d' }}>{t('propertyMeetings.m.sentBack', { note: task.closedNote })}</div>}
            </div>
            {task.status === 'open' && (
              <Button block color="primary" size="large" style={{ marginTop: 12 }} onClick={() => void report(task)}>{t('propertyMeetings.m.report')}</Button>
            )}
          </Card>
        ))}
      </div>
    </PullToRefresh>
  );
}

/** 协调会议题 on a resident's phone: propose a matter for their compound's monthly three-party meeting. */
export function PropertyProposalsPage() {
  const { t } = useTranslation();
  const [data, setData] = useState<MyProposals | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [content, setContent] = useState('');
  const [sending, setSending] = useState(false);

  const load = () => api.myProposals().then((r) => { setData(r); setError(null); }, (e) => setError(errorMessage(e, t('error.unknown'))));
  useEffect(() => void load(), []);

  const send = async () => {
    setSending(true);
    try {
      await api.submitProposal(content);
      setContent('');
      Toast.show({ content: t('propertyMeetings.m.proposalSent') });
      await load();
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')), duration: 4000 });
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="m-page">
      {error && <div className="m-error" role="alert">{error}</div>}
      {!data && !error && <div className="m-center"><DotLoading color="primary" /></div>}
      {data && !data.compound && <ErrorBlock status="empty" title={t('propertyMeetings.m.noCompound')} description="" />}
      {data?.compound && (
        <>
          <Card title={<span style={{ fontSize: 18 }}>{t('propertyMeetings.m.proposeFor', { compound: data.compound.name })}</span>} style={{ marginBottom: 12 }}>
            <div style={{ fontSize: 15, color: '#666', marginBottom: 8 }}>{t('propertyMeetings.m.proposeHint')}</div>
            <TextArea value={content} onChange={setContent} rows={4} maxLength={500} showCount placeholder={t('propertyMeetings.m.proposePlaceholder')} aria-label={t('propertyMeetings.proposal.content')} />
            <Button block color="primary" size="large" style={{ marginTop: 12 }} loading={sending} disabled={!content.trim()} onClick={() => void send()}>{t('propertyMeetings.m.propose')}</Button>
          </Card>
          {data.items.map((p) => (
            <Card key={p.id} style={{ marginBottom: 8 }}>
              <div style={{ fontSize: 16 }}>{p.content}</div>
              <Tag color={p.status === 'open' ? 'primary' : 'success'} fill="outline" style={{ marginTop: 6 }}>{t(`propertyMeetings.proposal.status.${p.status}`)}</Tag>
            </Card>
          ))}
        </>
      )}
    </div>
  );
}
