import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { usePaged } from '../../components/use-paged.js';
import * as api from '../../services/meetings-api.js';
import type { MeetingSummary, UnmetCommunity } from '../../services/meetings-api.js';

interface ScheduleValues {
  orgId: number;
  heldOn: Dayjs;
  title?: string;
}

/**
 * 民情分析会: a community schedules its meeting (the agenda is built by the server from demands
 * put on the agenda and overdue ones); a street sees which of its communities have not met this month.
 */
export default function MeetingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const inCommunity = me.scope.kind === 'community';
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ScheduleValues>();
  const { data, loading, error, reload } = useLoad('meetings', () => api.listMeetings(), t('error.unknown'));

  const schedule = async (v: ScheduleValues) => {
    const m = await api.createMeeting({ orgId: v.orgId, heldOn: v.heldOn.format('YYYY-MM-DD'), title: v.title?.trim() || undefined });
    reload();
    navigate(`/meetings/${m.id}`);
  };

  const list = (
    <>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<MeetingSummary>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        aria-label={t('meetings.list')}
        columns={[
          { title: t('meetings.title'), dataIndex: 'title', render: (v: string, m) => <Link to={`/meetings/${m.id}`}>{v}</Link> },
          { title: t('meetings.community'), dataIndex: 'orgName' },
          { title: t('meetings.heldOn'), dataIndex: 'heldOn' },
          { title: t('meetings.items'), dataIndex: 'items' },
          {
            title: t('meetings.decided'), key: 'decided',
            render: (_, m) => <Tag color={m.decided === m.items ? 'green' : 'orange'}>{`${m.decided}/${m.items}`}</Tag>,
          },
        ]}
      />
    </>
  );

  return (
    <div>
      <PageHeader
        title={t('nav.meetings')}
        description={t('meetings.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('meetings.schedule')}</Button>
        }
      />
      {inCommunity ? list : (
        <Tabs
          items={[
            { key: 'unmet', label: t('meetings.unmetTab'), children: <UnmetCommunities /> },
            { key: 'list', label: t('meetings.listTab'), children: list },
          ]}
        />
      )}
      <FormModal<ScheduleValues>
        open={open}
        title={t('meetings.schedule')}
        form={form}
        onSubmit={schedule}
        onClose={() => setOpen(false)}
        initialValues={{ orgId: inCommunity ? me.scope.orgId : undefined, heldOn: dayjs() }}
      >
        {!inCommunity && (
          <Form.Item name="orgId" label={t('meetings.community')} rules={[{ required: true, message: t('meetings.communityRequired') }]}>
            <OrgSearchSelect kind="community" aria-label={t('meetings.community')} />
          </Form.Item>
        )}
        {inCommunity && <Form.Item name="orgId" hidden><Input /></Form.Item>}
        <Form.Item name="heldOn" label={t('meetings.heldOn')} rules={[{ required: true, message: t('meetings.heldOnRequired') }]}>
          <DatePicker aria-label={t('meetings.heldOn')} />
        </Form.Item>
        <Form.Item name="title" label={t('meetings.titleOptional')}>
          <Input maxLength={80} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/** The street's (or county's) view: communities with no meeting in the chosen month. */
function UnmetCommunities() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [page, setPage] = useState(1);
  const monthText = month.format('YYYY-MM');
  const { data, loading, error } = usePaged(`${monthText}|${page}`, () => api.listUnmetCommunities({ month: monthText, page, pageSize: 20 }), t('error.unknown'));
  return (
    <div>
      <DatePicker
        picker="month"
        value={month}
        allowClear={false}
        aria-label={t('meetings.month')}
        onChange={(v) => {
          if (v) setMonth(v);
          setPage(1);
        }}
        className="page-alert"
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {data && (
        <Alert
          type={data.total ? 'warning' : 'success'}
          showIcon
          className="page-alert"
          title={data.total ? t('meetings.unmetCount', { month: monthText, count: data.total }) : t('meetings.allMet', { month: monthText })}
        />
      )}
      <Table<UnmetCommunity>
        rowKey="orgId"
        loading={loading}
        dataSource={data?.items ?? []}
        aria-label={t('meetings.unmetTab')}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('meetings.community'), dataIndex: 'orgName' },
          { title: t('meetings.street'), dataIndex: 'parentName' },
          { title: t('meetings.lastHeldOn'), dataIndex: 'lastHeldOn', render: (v: string | null) => v ?? t('meetings.never') },
        ]}
      />
    </div>
  );
}
