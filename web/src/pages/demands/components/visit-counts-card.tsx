import { useState } from 'react';
import { Alert, Card, DatePicker, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../../components/use-load.js';
import { visitCounts, type VisitCount } from '../../../services/visits-api.js';

/** 走访工作量: door-to-door visits per grid worker in a month, counted from the phone's records. */
export function VisitCountsCard({ orgId }: { orgId?: number }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const { data, loading, error } = useLoad(`${orgId}|${month}`, () => visitCounts({ month, orgId }), t('error.unknown'));

  return (
    <Card
      title={t('visits.title')}
      className="rates-card"
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('visits.month')}
          value={dayjs(`${month}-01`)}
          onChange={(v: Dayjs | null) => v && setMonth(v.format('YYYY-MM'))}
        />
      }
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<VisitCount>
        rowKey="accountId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        aria-label={t('visits.title')}
        locale={{ emptyText: t('visits.empty') }}
        columns={[
          { title: t('visits.col.name'), dataIndex: 'name' },
          { title: t('visits.col.role'), dataIndex: 'role', render: (r: string) => t(`role.${r}` as 'role.grid_worker') },
          { title: t('visits.col.visits'), dataIndex: 'visits', align: 'right' },
          { title: t('visits.col.households'), dataIndex: 'households', align: 'right' },
          { title: t('visits.col.withDemand'), dataIndex: 'withDemand', align: 'right' },
          { title: t('visits.col.solved'), dataIndex: 'solved', align: 'right' },
        ]}
      />
    </Card>
  );
}
