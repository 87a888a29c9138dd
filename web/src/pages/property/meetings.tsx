import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/property-meetings-api.js';
import type { Board, BoardCell } from '../../services/property-meetings-api.js';

export const MEETING_STATUS_COLOR = { planned: 'blue', held: 'green', cancelled: 'default' } as const;

/** 三方协调会看板: the community's compounds × months, each cell the month's meeting (or a gap to schedule). */
export default function PropertyMeetingsBoardPage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const [communityId, setCommunityId] = useState<number | undefined>();
  const { data, error, loading, reload } = useLoad(`${communityId ?? ''}`, () => api.getBoard({ communityId, months: 6 }), t('error.unknown'));
  const plan = can('property.meetings') && me?.role !== 'grid_worker';
  const record = can('property.meetings');
  const [scheduling, setScheduling] = useState<{ compound: Board['compounds'][number]; month: string } | null>(null);
  const [proposing, setProposing] = useState(false);
  const [scheduleForm] = Form.useForm<{ scheduledAt: Dayjs }>();
  const [proposalForm] = Form.useForm<{ compoundId: number; authorName: string; content: string }>();

  const cell = (compound: Board['compounds'][number], c: BoardCell) => {
    if (c.meetingId) {
      return (
        <Link to={`/property/meetings/${c.meetingId}`} data-testid={`meeting-${compound.id}-${c.month}`}>
          <Tag color={MEETING_STATUS_COLOR[c.status!]}>{t(`propertyMeetings.status.${c.status!}`)}</Tag>
          {c.status === 'held' && c.companyPresent === false && <Tooltip title={t('propertyMeetings.companyAbsent')}><Tag color="red">{t('propertyMeetings.absentShort')}</Tag></Tooltip>}
        </Link>
      );
    }
    const past = data && c.month < data.currentMonth;
    return (
      <Space size={4}>
        {past && <Tag color="orange">{t('propertyMeetings.notHeld')}</Tag>}
        {plan && !past && (
          <Button size="small" onClick={() => {
            scheduleForm.setFieldsValue({ scheduledAt: c.month === data?.currentMonth ? dayjs().add(1, 'hour').startOf('hour') : dayjs(`${c.month}-15T15:00:00`) });
            setScheduling({ compound, month: c.month });
          }}>{t('propertyMeetings.schedule')}</Button>
        )}
      </Space>
    );
  };

  return (
    <div>
      <PageHeader
        title={t('propertyMeetings.board.title')}
        description={t('propertyMeetings.board.description')}
        extra={(
          <Space wrap>
            {data && data.communities.length > 1 && (
              <Select style={{ minWidth: 180 }} value={data.community.id} aria-label={t('propertyMeetings.board.community')}
                options={data.communities.map((c) => ({ value: c.id, label: c.name }))} onChange={setCommunityId} />
            )}
            {record && <Button onClick={() => setProposing(true)}>{t('propertyMeetings.proposal.record')}</Button>}
          </Space>
        )}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Card title={data?.community.name}>
        <Table
          rowKey="id" loading={loading} pagination={false} size="middle" scroll={{ x: true }}
          dataSource={data?.compounds ?? []}
          locale={{ emptyText: t('propertyMeetings.board.empty') }}
          columns={[
            { title: t('propertyMeetings.compound'), dataIndex: 'name', fixed: 'left' },
            { title: t('propertyMeetings.company'), dataIndex: 'companyName', render: (v: string | null) => v ?? <Tag>{t('propertyMeetings.noCompany')}</Tag> },
            ...(data?.months ?? []).map((m, i) => ({
              title: m === data?.currentMonth ? <b>{m}</b> : m,
              key: m,
              render: (_: unknown, row: Board['compounds'][number]) => cell(row, row.cells[i]!),
            })),
          ]}
        />
      </Card>
      <FormModal
        open={!!scheduling} form={scheduleForm} title={t('propertyMeetings.scheduleTitle', { compound: scheduling?.compound.name ?? '', month: scheduling?.month ?? '' })}
        onClose={() => setScheduling(null)} okText={t('propertyMeetings.schedule')}
        intro={t('propertyMeetings.scheduleIntro')}
        onSubmit={async (v) => {
          const r = await api.scheduleMeeting({ compoundId: scheduling!.compound.id, month: scheduling!.month, scheduledAt: v.scheduledAt.format() });
          setScheduling(null);
          navigate(`/property/meetings/${r.id}`);
        }}
      >
        <Form.Item name="scheduledAt" label={t('propertyMeetings.scheduledAt')} rules={[{ required: true, message: t('propertyMeetings.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={proposing} form={proposalForm} title={t('propertyMeetings.proposal.record')} onClose={() => setProposing(false)}
        intro={t('propertyMeetings.proposal.recordIntro')}
        onSubmit={async (v) => {
          await api.recordProposal(v);
          setProposing(false);
          proposalForm.resetFields();
          reload();
        }}
      >
        <Form.Item name="compoundId" label={t('propertyMeetings.compound')} rules={[{ required: true, message: t('propertyMeetings.required') }]}>
          <Select options={(data?.compounds ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="authorName" label={t('propertyMeetings.proposal.author')} rules={[{ required: true, message: t('propertyMeetings.required') }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="content" label={t('propertyMeetings.proposal.content')} rules={[{ required: true, message: t('propertyMeetings.required') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
