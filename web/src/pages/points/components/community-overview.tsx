import { Alert, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CellText } from '../../../components/cell-text.js';
import { formatRate } from '../../../components/demand-labels.js';
import { useLoad } from '../../../components/use-load.js';
import * as points from '../../../services/points-api.js';
import type { CommunitiesOverview, MonthStatus } from '../../../services/points-api.js';

type Row = CommunitiesOverview['items'][number];
const MONTH_COLOR: Record<MonthStatus, string> = { open: 'default', closed: 'orange', settled: 'green' };

/**
 * What a county or street admin sees before picking a community on a points page: every
 * community in scope, which of the last six months it has closed, and how many of its
 * households had a deed approved last month. A click on a row picks the community.
 */
export function CommunityOverview({ onPick }: { onPick: (id: number) => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad('points-communities', () => points.getCommunitiesOverview(), t('error.unknown'));
  return (
    <Card title={t('points.overview.title')} extra={<Typography.Text type="secondary">{t('points.overview.hint')}</Typography.Text>}>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        aria-label={t('points.overview.title')}
        scroll={{ x: 900 }}
        tableLayout="fixed"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('points.overview.empty') }}
        rowClassName={() => 'clickable-row'}
        onRow={(r) => ({ onClick: () => onPick(r.id) })}
        columns={[
          {
            title: t('points.overview.col.community'), dataIndex: 'name', width: 200, fixed: 'left', ellipsis: { showTitle: false },
            render: (v: string, r) => <CellText text={`${r.streetName} ${v}`}><a href={`?communityId=${r.id}`} onClick={(e) => e.preventDefault()}>{v}</a></CellText>,
          },
          { title: t('points.overview.col.street'), dataIndex: 'streetName', width: 140, ellipsis: { showTitle: false }, render: (v: string) => <CellText text={v} /> },
          {
            title: t('points.overview.col.months'), key: 'months', width: 320,
            render: (_: unknown, r) => (
              <Space size={2} wrap>
                {r.months.map((m) => (
                  <Tooltip key={m.month} title={`${m.month} ${t(`points.monthStatus.${m.status}`)}`}>
                    <Tag color={MONTH_COLOR[m.status]} data-status={m.status}>{Number(m.month.slice(5))}{t('points.overview.monthSuffix')}</Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          {
            title: t('points.overview.col.closed'), dataIndex: 'closedCount', width: 90, align: 'right',
            sorter: (a, b) => a.closedCount - b.closedCount, render: (n: number, r) => `${n}/${r.months.length}`,
          },
          {
            title: data ? t('points.overview.col.participation', { month: data.month }) : t('points.overview.col.participationPlain'),
            dataIndex: 'participation', width: 170, align: 'right',
            sorter: (a, b) => (a.participation ?? -1) - (b.participation ?? -1),
            render: (v: number | null, r) => `${formatRate(v)}（${r.participants}/${r.households}）`,
          },
        ]}
      />
    </Card>
  );
}
