import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Radio, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { demandStateLabel } from '../../components/demand-labels.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/meetings-api.js';
import type { MeetingItem } from '../../services/meetings-api.js';

interface DecisionValues {
  decision: string;
  outcome: 'community' | 'escalate';
}

/** One meeting: its agenda (demands on the agenda and overdue ones), a decision per item. */
export default function MeetingDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [deciding, setDeciding] = useState<MeetingItem | null>(null);
  const [form] = Form.useForm<DecisionValues>();
  const { data: meeting, setData: setMeeting, error, loading } = useLoad(`meeting|${id}`, () => api.getMeeting(id), t('error.unknown'));

  const decide = async (v: DecisionValues) => {
    setMeeting(await api.decideMeetingItem(id, { demandId: deciding!.demandId, decision: v.decision.trim(), outcome: v.outcome }));
  };

  return (
    <div>
      <PageHeader
        title={meeting?.title ?? t('nav.meetings')}
        description={t('meetings.agendaDescription')}
        extra={<Link to="/meetings"><Button icon={<ArrowLeftOutlined />}>{t('meetings.back')}</Button></Link>}
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {meeting && (
        <Descriptions size="small" className="page-alert" items={[
          { key: 'heldOn', label: t('meetings.heldOn'), children: meeting.heldOn },
          { key: 'items', label: t('meetings.items'), children: meeting.items.length },
          { key: 'decided', label: t('meetings.decided'), children: meeting.items.filter((i) => i.decidedAt).length },
        ]} />
      )}
      <Table<MeetingItem>
        rowKey="demandId"
        loading={loading}
        dataSource={meeting?.items ?? []}
        pagination={false}
        aria-label={t('meetings.agenda')}
        locale={{ emptyText: t('meetings.emptyAgenda') }}
        columns={[
          {
            title: t('meetings.demand'), dataIndex: 'description',
            render: (v: string, i) => (
              <span>
                <Link to={`/demands/${i.demandId}`}>{v}</Link>
                {i.overdue && <Tag color="red" style={{ marginLeft: 8 }}>{t('meetings.overdue')}</Tag>}
              </span>
            ),
          },
          { title: t('meetings.category'), dataIndex: 'categoryName' },
          { title: t('meetings.state'), dataIndex: 'state', render: (s: string) => demandStateLabel(t, s) },
          { title: t('meetings.meToo'), dataIndex: 'meTooCount' },
          {
            title: t('meetings.decision'), key: 'decision',
            render: (_, i) => i.decidedAt ? (
              <span>
                <Tag color={i.outcome === 'escalate' ? 'orange' : 'blue'}>{t(i.outcome === 'escalate' ? 'meetings.outcome.escalate' : 'meetings.outcome.community')}</Tag>
                <Typography.Text>{i.decision}</Typography.Text>
              </span>
            ) : (
              <Button size="small" onClick={() => { form.resetFields(); setDeciding(i); }}>{t('meetings.decide')}</Button>
            ),
          },
        ]}
      />
      <FormModal<DecisionValues>
        open={!!deciding}
        title={t('meetings.decideTitle', { description: deciding?.description ?? '' })}
        form={form}
        onSubmit={decide}
        onClose={() => setDeciding(null)}
        initialValues={{ outcome: 'community' }}
      >
        <Form.Item name="decision" label={t('meetings.decision')} rules={[{ required: true, min: 2, message: t('meetings.decisionRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="outcome" label={t('meetings.outcomeLabel')}>
          <Radio.Group options={[
            { value: 'community', label: t('meetings.outcome.community') },
            { value: 'escalate', label: t('meetings.outcome.escalate') },
          ]} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
