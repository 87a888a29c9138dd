import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, List, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { errorMessage } from '../../components/form-errors.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/property-meetings-api.js';
import type { Attendee, MeetingDetail, MeetingTask } from '../../services/property-meetings-api.js';
import { MEETING_STATUS_COLOR } from './meetings.js';

const TASK_COLOR = { open: 'blue', reported: 'gold', done: 'green', dropped: 'default' } as const;

/** The parties a new attendance starts from: the convenor, the owners' committee, the company, residents' representatives. */
const startingAttendance = (m: MeetingDetail): Attendee[] => [
  { party: 'community', name: '', present: true },
  { party: 'owners_committee', name: '', present: true },
  ...(m.company ? [{ party: 'company' as const, name: m.company.name, present: true }] : []),
  { party: 'resident_rep', name: '', present: true },
];

/** 三方协调会: its agenda, who came, the minutes and the decisions that become tasks. */
export default function PropertyMeetingPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: m, error, reload } = useLoad(`${id}`, () => api.getMeeting(id), t('error.unknown'));
  const [attendanceForm] = Form.useForm<{ attendees: Attendee[] }>();
  const [holdForm] = Form.useForm<{ heldAt: Dayjs; minutes: string }>();
  const [itemForm] = Form.useForm<{ title: string }>();
  const [taskForm] = Form.useForm<{ title: string; ownerKind: api.TaskOwnerKind; ownerName?: string; deadline: Dayjs; demandId?: number }>();
  const [noteForm] = Form.useForm<{ note: string }>();
  const [cancelForm] = Form.useForm<{ reason: string }>();
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [closing, setClosing] = useState<{ task: MeetingTask; action: 'drop' | 'send_back' } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const ownerKind = Form.useWatch('ownerKind', taskForm);

  // Fill the forms from the meeting, but never over what the user is typing: a reload after one
  // section's save must not wipe another section's unsaved text.
  useEffect(() => {
    if (!m) return;
    if (!attendanceForm.isFieldsTouched()) attendanceForm.setFieldsValue({ attendees: m.attendees.length ? m.attendees : startingAttendance(m) });
    if (!holdForm.isFieldsTouched()) holdForm.setFieldsValue({ heldAt: dayjs(), minutes: m.minutes });
  }, [m]);

  const act = async (fn: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setProblem(errorMessage(e, t('error.unknown')));
    }
  };

  if (!m) return error ? <Alert type="error" showIcon message={error} /> : null;
  const editable = m.can.record && m.status !== 'cancelled';
  const demandItems = m.agenda.filter((a) => a.kind === 'demand' && a.demandId);

  return (
    <div>
      <PageHeader
        title={t('propertyMeetings.detail.title', { compound: m.compoundName, month: m.month })}
        description={m.communityName}
        extra={m.status === 'planned' && m.can.plan && <Button danger onClick={() => setCancelling(true)}>{t('propertyMeetings.cancel')}</Button>}
      />
      {problem && <Alert type="error" showIcon message={problem} closable onClose={() => setProblem(null)} style={{ marginBottom: 16 }} role="alert" />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('propertyMeetings.statusLabel')}><Tag color={MEETING_STATUS_COLOR[m.status]} data-testid="meeting-status">{t(`propertyMeetings.status.${m.status}`)}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('propertyMeetings.scheduledAt')}>{formatDateTime(m.scheduledAt)}</Descriptions.Item>
          <Descriptions.Item label={t('propertyMeetings.heldAt')}>{formatDateTime(m.heldAt)}</Descriptions.Item>
          <Descriptions.Item label={t('propertyMeetings.company')}>{m.company?.name ?? t('propertyMeetings.noCompany')}</Descriptions.Item>
          <Descriptions.Item label={t('propertyMeetings.companyPresent')}>
            <span data-testid="company-present">{m.companyPresent == null ? '-' : m.companyPresent ? t('propertyMeetings.present') : t('propertyMeetings.absent')}</span>
          </Descriptions.Item>
          {m.cancelReason && <Descriptions.Item label={t('propertyMeetings.cancelReason')}>{m.cancelReason}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Card title={t('propertyMeetings.agenda.title')} style={{ marginBottom: 16 }} extra={editable && (
        <Space>
          {m.status === 'planned' && <Button onClick={() => act(() => api.refreshAgenda(id))}>{t('propertyMeetings.agenda.refresh')}</Button>}
          <Button onClick={() => setAdding(true)}>{t('propertyMeetings.agenda.add')}</Button>
        </Space>
      )}>
        <List
          data-testid="agenda" locale={{ emptyText: t('propertyMeetings.agenda.empty') }} dataSource={m.agenda}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                <Tag color={a.kind === 'carried' ? 'purple' : a.kind === 'demand' ? 'volcano' : a.kind === 'proposal' ? 'cyan' : 'default'}>{t(`propertyMeetings.agenda.kind.${a.kind}`)}</Tag>
                <span>{a.title}</span>
                {a.task && (
                  <>
                    <span className="muted">{t('propertyMeetings.agenda.carriedFrom', { month: a.task.meetingMonth, owner: a.task.ownerName, deadline: a.task.deadline })}</span>
                    <Tag color={TASK_COLOR[a.task.status]}>{t(`propertyMeetings.task.status.${a.task.status}`)}</Tag>
                    {a.task.overdue && <Tag color="red">{t('propertyMeetings.overdue')}</Tag>}
                  </>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card title={t('propertyMeetings.attendance.title')} style={{ marginBottom: 16 }}>
        <Form form={attendanceForm} disabled={!editable} onValuesChange={() => setSaved(false)}
          onFinish={(v) => act(async () => { await api.saveAttendance(id, v.attendees); setSaved(true); })}>
          <Form.List name="attendees">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'party']} rules={[{ required: true, message: t('propertyMeetings.required') }]}>
                      <Select style={{ width: 160 }} aria-label={t('propertyMeetings.attendance.party')}
                        options={api.MEETING_PARTIES.map((p) => ({ value: p, label: t(`propertyMeetings.party.${p}`) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('propertyMeetings.attendance.nameRequired') }]}>
                      <Input placeholder={t('propertyMeetings.attendance.name')} aria-label={t('propertyMeetings.attendance.name')} maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'present']} valuePropName="checked">
                      <Switch checkedChildren={t('propertyMeetings.present')} unCheckedChildren={t('propertyMeetings.absent')} />
                    </Form.Item>
                    {editable && <Button type="link" onClick={() => remove(f.name)}>{t('propertyMeetings.remove')}</Button>}
                  </Space>
                ))}
                {editable && (
                  <Space>
                    <Button onClick={() => add({ party: 'resident_rep', name: '', present: true })}>{t('propertyMeetings.attendance.add')}</Button>
                    <Button type="primary" htmlType="submit">{t('propertyMeetings.attendance.save')}</Button>
                    {saved && <Tag color="green">{t('propertyMeetings.saved')}</Tag>}
                  </Space>
                )}
              </>
            )}
          </Form.List>
        </Form>
      </Card>

      <Card title={t('propertyMeetings.minutes.title')} style={{ marginBottom: 16 }}>
        {m.status === 'planned' && m.can.record ? (
          <Form form={holdForm} layout="vertical" onFinish={(v) => act(() => api.holdMeeting(id, { heldAt: v.heldAt.format(), minutes: v.minutes }))}>
            <Form.Item name="heldAt" label={t('propertyMeetings.heldAt')} rules={[{ required: true, message: t('propertyMeetings.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item name="minutes" label={t('propertyMeetings.minutes.text')} rules={[{ required: true, whitespace: true, message: t('propertyMeetings.minutes.required') }]}>
              <Input.TextArea rows={5} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{t('propertyMeetings.hold')}</Button>
          </Form>
        ) : (
          <div style={{ whiteSpace: 'pre-wrap' }} data-testid="minutes">{m.minutes || '-'}</div>
        )}
      </Card>

      <Card title={t('propertyMeetings.task.title')} extra={m.status === 'held' && m.can.record && <Button type="primary" onClick={() => setDeciding(true)}>{t('propertyMeetings.task.add')}</Button>}>
        {m.status === 'planned' && <Alert type="info" showIcon message={t('propertyMeetings.task.afterHold')} style={{ marginBottom: 12 }} />}
        <Table
          rowKey="id" pagination={false} size="middle" dataSource={m.tasks} locale={{ emptyText: t('propertyMeetings.task.empty') }}
          columns={[
            { title: t('propertyMeetings.task.what'), dataIndex: 'title' },
            { title: t('propertyMeetings.task.owner'), render: (_, r) => `${t(`propertyMeetings.owner.${r.ownerKind}`)} · ${r.ownerName}` },
            { title: t('propertyMeetings.task.deadline'), render: (_, r) => <Space>{formatDate(r.deadline)}{r.overdue && <Tag color="red">{t('propertyMeetings.overdue')}</Tag>}</Space> },
            { title: t('propertyMeetings.statusLabel'), render: (_, r) => <Tag color={TASK_COLOR[r.status]}>{t(`propertyMeetings.task.status.${r.status}`)}</Tag> },
            { title: t('propertyMeetings.task.note'), render: (_, r) => r.reportNote ?? r.closedNote ?? '' },
            {
              title: t('propertyMeetings.actions'),
              render: (_, r) => m.can.closeTasks && (r.status === 'open' || r.status === 'reported') && (
                <Space>
                  <Button size="small" type="primary" onClick={() => act(() => api.confirmTask(r.id))}>{t('propertyMeetings.task.confirm')}</Button>
                  {r.status === 'reported' && <Button size="small" onClick={() => setClosing({ task: r, action: 'send_back' })}>{t('propertyMeetings.task.sendBack')}</Button>}
                  <Button size="small" danger onClick={() => setClosing({ task: r, action: 'drop' })}>{t('propertyMeetings.task.drop')}</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <FormModal open={adding} form={itemForm} title={t('propertyMeetings.agenda.add')} onClose={() => setAdding(false)}
        onSubmit={async (v) => { await api.addAgendaItem(id, v.title); setAdding(false); itemForm.resetFields(); reload(); }}>
        <Form.Item name="title" label={t('propertyMeetings.agenda.item')} rules={[{ required: true, whitespace: true, message: t('propertyMeetings.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>

      <FormModal open={deciding} form={taskForm} title={t('propertyMeetings.task.add')} onClose={() => setDeciding(false)}
        initialValues={{ ownerKind: m.company ? 'company' : 'community', deadline: dayjs().add(14, 'day') }}
        onSubmit={async (v) => {
          await api.addTask(id, { title: v.title, ownerKind: v.ownerKind, ownerName: v.ownerName, deadline: v.deadline.format('YYYY-MM-DD'), demandId: v.demandId });
          setDeciding(false); taskForm.resetFields(); reload();
        }}>
        <Form.Item name="title" label={t('propertyMeetings.task.what')} rules={[{ required: true, whitespace: true, message: t('propertyMeetings.required') }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item name="ownerKind" label={t('propertyMeetings.task.owner')} rules={[{ required: true, message: t('propertyMeetings.required') }]}>
          <Select options={api.TASK_OWNER_KINDS.filter((k) => k !== 'company' || m.company).map((k) => ({ value: k, label: t(`propertyMeetings.owner.${k}`) }))} />
        </Form.Item>
        {(ownerKind === 'person' || ownerKind === 'owners_committee') && (
          <Form.Item name="ownerName" label={t('propertyMeetings.task.ownerName')} rules={[{ required: ownerKind === 'person', whitespace: true, message: t('propertyMeetings.required') }]}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item name="deadline" label={t('propertyMeetings.task.deadline')} rules={[{ required: true, message: t('propertyMeetings.required') }]}>
          <DatePicker />
        </Form.Item>
        {demandItems.length > 0 && (
          <Form.Item name="demandId" label={t('propertyMeetings.task.demand')}>
            <Select allowClear options={demandItems.map((a) => ({ value: a.demandId!, label: a.title }))} />
          </Form.Item>
        )}
      </FormModal>

      <FormModal open={!!closing} form={noteForm} danger={closing?.action === 'drop'} title={closing ? t(`propertyMeetings.task.${closing.action === 'drop' ? 'drop' : 'sendBack'}`) : ''}
        onClose={() => setClosing(null)}
        onSubmit={async (v) => {
          if (closing!.action === 'drop') await api.dropTask(closing!.task.id, v.note);
          else await api.sendBackTask(closing!.task.id, v.note);
          setClosing(null); noteForm.resetFields(); reload();
        }}>
        <Form.Item name="note" label={t('propertyMeetings.task.reason')} rules={[{ required: true, whitespace: true, message: t('propertyMeetings.task.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>

      <FormModal open={cancelling} form={cancelForm} danger title={t('propertyMeetings.cancel')} onClose={() => setCancelling(false)}
        onSubmit={async (v) => { await api.cancelMeeting(id, v.reason); setCancelling(false); reload(); }}>
        <Form.Item name="reason" label={t('propertyMeetings.cancelReason')} rules={[{ required: true, whitespace: true, message: t('propertyMeetings.required') }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
