import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { EChart } from '../../components/echart.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/newgroups-register-api.js';

const P = 'newgroupsRegister';
const pct = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 100 : 0);

/** 覆盖情况: counted from the register per child unit (counties for the city, streets for a county), never typed. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unitId')) || undefined;
  const c = useLoad(`cov|${unitId ?? ''}`, () => api.coverage(unitId), t('error.unknown'));
  const d = c.data;
  type Row = api.Coverage['rows'][number];
  return (
    <div>
      <PageHeader title={`${t('nav.newgroupsCoverage')}${d ? ` · ${d.unit.name}` : ''}`} description={t(`${P}.coverageHelp`)} />
      {c.error && <Alert type="error" showIcon message={c.error} />}
      {d && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={4}><Card size="small"><Statistic title={t(`${P}.coverageRate`)} value={pct(d.total.coveredStations, d.total.stations)} suffix="%" /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title={t(`${P}.stationsCovered`)} value={`${d.total.coveredStations} / ${d.total.stations}`} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title={t(`${P}.members`)} value={d.total.members} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title={t(`${P}.applicants`)} value={d.total.applicants} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title={t(`${P}.orgsByKind`)} value={`${d.total.independentOrgs} / ${d.total.jointOrgs}`} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title={t(`${P}.instructors`)} value={d.total.instructors} /></Card></Col>
          </Row>
          <Card size="small" style={{ marginBottom: 12 }}>
            <EChart height={320} ariaLabel={t(`${P}.coverageChart`)} option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              xAxis: { type: 'category', data: d.rows.map((r) => r.unitName) },
              yAxis: [{ type: 'value' }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
              series: [
                { name: t(`${P}.stations`), type: 'bar', data: d.rows.map((r) => r.stations) },
                { name: t(`${P}.stationsCoveredShort`), type: 'bar', data: d.rows.map((r) => r.coveredStations) },
                { name: t(`${P}.coverageRate`), type: 'line', yAxisIndex: 1, data: d.rows.map((r) => pct(r.coveredStations, r.stations)) },
              ],
            }} />
          </Card>
          <Table<Row> rowKey="unitId" size="small" dataSource={d.rows} pagination={false}
            onRow={(r) => ({ onClick: () => setParams({ unitId: String(r.unitId) }), style: { cursor: 'pointer' } })}
            columns={[
              { title: t(`${P}.unit`), dataIndex: 'unitName' },
              { title: t(`${P}.stationsCovered`), key: 'cov', render: (_, r) => `${r.coveredStations} / ${r.stations}` },
              { title: t(`${P}.coverageRate`), key: 'rate', render: (_, r) => `${pct(r.coveredStations, r.stations)}%` },
              { title: t(`${P}.workers`), dataIndex: 'workers' },
              { title: t(`${P}.members`), dataIndex: 'members' },
              { title: t(`${P}.applicants`), dataIndex: 'applicants' },
              { title: t(`${P}.partyOrgKind.independent`), dataIndex: 'independentOrgs' },
              { title: t(`${P}.partyOrgKind.joint`), dataIndex: 'jointOrgs' },
              { title: t(`${P}.instructors`), dataIndex: 'instructors' },
            ]} />
        </>
      )}
    </div>
  );
}
