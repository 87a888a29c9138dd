import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../components/auth-provider.js';
import { errorMessage } from '../../../components/form-errors.js';
import { FormModal } from '../../../components/form-modal.js';
import { useLoad } from '../../../components/use-load.js';
import { OrgTreeSelect } from '../../../components/org-tree-select.js';
import * as storeApi from '../../../services/store-api.js';
import type { StoreEvent } from '../../../services/store-api.js';
import { useStores } from './use-stores.js';

const STATUS_TAG: Record<StoreEvent['status'], string> = { upcoming: 'blue', running: 'green', ended: 'default', cancelled: 'default' };

/** 兑换活动: the dates when a community's stores redeem (always-open stores redeem any day). */
export function EventsTab() {
  const { t } = useTranslation();
  const events = useLoad('events', () => storeApi.listEvents(), t('error.unknown'));
  const items = events.data?.items ?? [];
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? events.error;
  const [creating, setCreating] = useState(false);
  const load = events.reload;

  const cancel = async (e: StoreEvent) => {
    try {
      await storeApi.cancelEvent(e.id);
    } catch (err) {
      setError(errorMessage(err, t('error.unknown')));
    }
    void load();
  };

  return (
    <Card
      title={t('store.console.tabs.events')}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('store.console.events.new')}</Button>}
    >
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      <Table<StoreEvent>
        rowKey="id"
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('store.console.events.empty') }}
        columns={[
          { title: t('store.console.events.name'), dataIndex: 'name' },
          { title: t('store.console.events.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? t('store.console.events.allStores') },
          { title: t('store.console.events.dates'), key: 'dates', render: (_: unknown, e) => `${e.startsOn} ~ ${e.endsOn}` },
          { title: t('store.console.events.status'), dataIndex: 'status', width: 100, render: (s: StoreEvent['status']) => <Tag color={STATUS_TAG[s]}>{t(`store.eventStatus.${s}`)}</Tag> },
          {
            title: '', key: 'act', width: 100,
            render: (_: unknown, e) => (e.status === 'upcoming' || e.status === 'running') && (
              <Popconfirm title={t('store.console.events.cancelConfirm')} onConfirm={() => void cancel(e)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button size="small" danger>{t('store.console.events.cancel')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <CreateEventModal open={creating} onClose={() => setCreating(false)} onCreated={() => void load()} />
    </Card>
  );
}

interface EventForm {
  communityId: number;
  storeId?: number;
  name: string;
  dates: [Dayjs, Dayjs];
}

function CreateEventModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { stores } = useStores();
  const [form] = Form.useForm<EventForm>();
  const communityId = Form.useWatch('communityId', form);
  return (
    <FormModal<EventForm>
      open={open}
      title={t('store.console.events.new')}
      form={form}
      onClose={onClose}
      initialValues={{ communityId: me.scope.kind === 'community' ? me.scope.orgId : undefined }}
      onSubmit={async (v) => {
        await storeApi.createEvent({
          communityId: v.communityId, storeId: v.storeId ?? null, name: v.name,
          startsOn: v.dates[0].format('YYYY-MM-DD'), endsOn: v.dates[1].format('YYYY-MM-DD'),
        });
        onCreated();
      }}
    >
      <Form.Item name="communityId" label={t('store.console.stores.community')} rules={[{ required: true }]}>
        <OrgTreeSelect aria-label={t('store.console.stores.community')} />
      </Form.Item>
      <Form.Item name="storeId" label={t('store.console.events.store')} extra={t('store.console.events.storeHelp')}>
        <Select allowClear options={stores.filter((s) => s.communityId === communityId).map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name="name" label={t('store.console.events.name')} rules={[{ required: true, max: 60 }]}><Input /></Form.Item>
      <Form.Item name="dates" label={t('store.console.events.dates')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
    </FormModal>
  );
}
