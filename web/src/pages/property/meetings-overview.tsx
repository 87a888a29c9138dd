import { useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/echart.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/property-meetings-api.js';

/** 街道三方协调会统计: per month, which compounds did not meet, how many meetings were held and problems solved — counted from the meetings, never typed. */
export default function PropertyMeetingsOverviewPage() {
  const { t } = useTranslation();
  const [streetId, setStreetId] = useState<number | undefined>();
  const [month, setMonth] = useState<string | undefined>();
  const { data, error, loading } = useLoad(`${streetId ?? ''}|${month ?? ''}`, () => api.getOverview({ streetId, month }), t('error.unknown'));

  const chart = data && {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('propertyMeetings.overview.held'), t('propertyMeetings.overview.missed'), t('propertyMeetings.overview.tasksDone')] },
    grid: { left: 40, right: 20, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: data.series.map((s) => s.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('propertyMeetings.overview.held'), type: 'bar', data: data.series.map((s) => s.held), itemStyle: { color: '#52c41a' } },
      { name: t('propertyMeetings.overview.missed'), type: 'bar', data: data.series.map((s) => s.missed), itemStyle: { color: '#fa8c16' } },
      { name: t('propertyMeetings.overview.tasksDone'), type: 'bar', data: data.series.map((s) => s.tasksDone), itemStyle: { color: '#1677ff' } },
    ],
  };

  return (
    <div>
      <PageHeader
        title={t('propertyMeetings.overview.title')}
        description={t('propertyMeetings.overview.description')}
        extra={(
          <Space wrap>
            {data && data.streets.length > 1 && (
              <Select style={{ minWidth: 160 }} value={data.street.id} aria-label={t('propertyMeetings.overview.street')}
                options={data.streets.map((s) => ({ value: s.id, label: s.name }))} onChange={setStreetId} />
            )}
            <DatePicker picker="month" allowClear={false} value={dayjs(`${data?.month ?? dayjs().format('YYYY-MM')}-01`)}
              aria-label={t('propertyMeetings.overview.month')} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
          </Space>
        )}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {data && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={4}><Card><Statistic title={t('propertyMeetings.overview.compounds')} value={data.totals.compounds} /></Card></Col>
          <Col xs={12} md={4}><Card><Statistic title={t('propertyMeetings.overview.held')} value={data.totals.held} /></Card></Col>
          <Col xs={12} md={4}><Card data-testid="overview-missed"><Statistic title={t('propertyMeetings.overview.missed')} value={data.totals.missed} valueStyle={{ color: data.totals.missed ? '#d4380d' : undefined }} /></Card></Col>
          <Col xs={12} md={4}><Card><Statistic title={t('propertyMeetings.overview.companyAbsent')} value={data.totals.companyAbsent} /></Card></Col>
          <Col xs={12} md={4}><Card><Statistic title={t('propertyMeetings.overview.tasksDone')} value={data.totals.tasksDone} /></Card></Col>
          <Col xs={12} md={4}><Card><Statistic title={t('propertyMeetings.overview.tasksOpen')} value={data.totals.tasksOpen} /></Card></Col>
        </Row>
      )}
      {chart && (
        <Card title={t('propertyMeetings.overview.trend')} style={{ marginBottom: 16 }}>
          <EChart option={chart} height={300} resetKey={`${data!.street.id}|${data!.month}`} ariaLabel={t('propertyMeetings.overview.trend')} testId="meetings-trend" />
        </Card>
      )}
      <Card title={t('propertyMeetings.overview.byCommunity', { month: data?.month ?? '' })}>
        <Table
          rowKey="id" loading={loading} pagination={false} size="middle" dataSource={data?.communities ?? []}
          locale={{ emptyText: t('propertyMeetings.overview.empty') }}
          columns={[
            { title: t('propertyMeetings.overview.community'), dataIndex: 'name' },
            { title: t('propertyMeetings.overview.compounds'), dataIndex: 'compounds' },
            { title: t('propertyMeetings.overview.held'), dataIndex: 'held' },
            { title: t('propertyMeetings.overview.tasksDone'), dataIndex: 'tasksDone' },
            {
              title: t('propertyMeetings.overview.notMet'),
              render: (_, r) => r.missed.length === 0
                ? <Tag color="green">{t('propertyMeetings.overview.allMet')}</Tag>
                : <Space wrap size={4}>{r.missed.map((g) => <Tag key={g.id} color="orange">{g.name}{g.status ? `（${t(`propertyMeetings.status.${g.status}`)}）` : ''}</Tag>)}</Space>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
