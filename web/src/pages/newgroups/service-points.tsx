import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, message } from 'antd';
import { GeoComponent } from 'echarts/components';
import { ScatterChart } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../components/auth-provider.js';
import { EChart, echarts } from '../../components/echart.js';
import { errorMessage } from '../../components/form-errors.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { getGridMap } from '../../services/api.js';
import { formatDateTime } from '../../components/format.js';
import * as api from '../../services/newgroups-register-api.js';
import { CloseWithReason } from './close-with-reason.js';
import { LifeStatusSelect } from './register.js';

echarts.use([ScatterChart, GeoComponent]);

const P = 'newgroupsRegister';
type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
const KINDS = ['driver_home', 'warm_station', 'party_centre', 'union_station', 'caring_merchant'] as const;
const SERVICES = ['water', 'charging', 'rest', 'toilet', 'microwave', 'wifi', 'first_aid', 'repair'] as const;
const COLORS: Record<string, string> = { driver_home: '#1677ff', warm_station: '#fa541c', party_centre: '#cf1322', union_station: '#13c2c2', caring_merchant: '#52c41a' };

/** The unit's outline (the city's counties, or the county's grids) registered once under a unit-specific name: the county map page's loader. */
async function loadOutline(unitId: number) {
  const fc = await getGridMap(unitId);
  const features = fc.unitKind === 'city' && fc.counties.length ? fc.counties : fc.features;
  const name = `linli-points-${unitId}`;
  echarts.registerMap(name, { type: 'FeatureCollection', features: features.map((f) => ({ ...f, properties: { ...f.properties, name: String(f.properties.id) } })) } as Parameters<typeof echarts.registerMap>[1]);
  return name;
}

interface FormValues { name: string; kind: api.PointKind; unitId: number; address?: string; lat: number; lng: number; services?: api.Service[]; days: number[]; open: string; close: string }

/** 服务站点: 司机之家, 暖"新"驿站 and others, with their hours, on a list and on the map. */
export default function ServicePointsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<api.PointKind | undefined>();
  const [status, setStatus] = useState<api.LifeStatus>('live');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const list = useLoad(`sp|${page}|${kind}|${status}`, () => api.listPoints({ page, pageSize: 50, kind, status }), t('error.unknown'));
  const outline = useLoad(`outline|${me.scope.orgId}`, () => loadOutline(me.scope.orgId), t('error.unknown'));
  const items = list.data?.items ?? [];

  const submit = async (v: FormValues) => {
    setBusy(true);
    try {
      await api.createPoint({
        name: v.name, kind: v.kind, unitId: v.unitId, address: v.address ?? '', lat: v.lat, lng: v.lng, services: v.services ?? [],
        hours: v.days.map((weekday) => ({ weekday, open: v.open, close: v.close })),
      });
      message.success(t(`${P}.saved`));
      setOpen(false);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title={t('nav.newgroupsPoints')} description={t(`${P}.pointsHelp`)} />
      <Space style={{ marginBottom: 12 }}>
        {can('newgroups.manage') && <Button type="primary" onClick={() => setOpen(true)}>{t(`${P}.addPoint`)}</Button>}
        <Select allowClear placeholder={t(`${P}.pointKindLabel`)} style={{ width: 180 }} value={kind} onChange={(v) => { setKind(v); setPage(1); }}
          options={KINDS.map((k) => ({ value: k, label: t(`${P}.pointKind.${k}`) }))} />
        <LifeStatusSelect value={status} onChange={(v) => { setStatus(v); setPage(1); }} />
      </Space>
      {(list.error || outline.error) && <Alert type="error" showIcon message={list.error ?? outline.error} />}
      {outline.data && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <EChart height={420} ariaLabel={t(`${P}.pointsMap`)} testId="points-map" resetKey={outline.data} option={{
            tooltip: { trigger: 'item', formatter: (p: { data?: { name: string } }) => p.data?.name ?? '' },
            geo: { map: outline.data, roam: true, label: { show: false }, itemStyle: { areaColor: '#f5f5f5', borderColor: '#999' }, emphasis: { disabled: true } },
            series: KINDS.map((k) => ({
              name: t(`${P}.pointKind.${k}`), type: 'scatter', coordinateSystem: 'geo', symbolSize: 10, itemStyle: { color: COLORS[k] },
              data: items.filter((p) => p.kind === k && !p.closedAt).map((p) => ({ name: p.name, value: [p.lng, p.lat] })),
            })),
            legend: { bottom: 0 },
          }} />
        </Card>
      )}
      <Table<api.PointRow> rowKey="id" loading={list.loading} dataSource={items}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t(`${P}.name`), dataIndex: 'name' },
          { title: t(`${P}.pointKindLabel`), dataIndex: 'kind', render: (k: api.PointKind) => <Tag color={COLORS[k]}>{t(`${P}.pointKind.${k}`)}</Tag> },
          { title: t(`${P}.unit`), dataIndex: 'unitName' },
          { title: t(`${P}.address`), dataIndex: 'address' },
          { title: t(`${P}.services`), dataIndex: 'services', render: (s: api.Service[]) => s.map((x) => t(`${P}.service.${x}`)).join('、') },
          { title: t(`${P}.hours`), dataIndex: 'hours', render: (h: api.PointRow['hours']) => h.map((x) => `${t(`${P}.weekday.${x.weekday as Weekday}`)} ${x.open}-${x.close}`).join('；') },
          { title: t(`${P}.openNow`), dataIndex: 'openNow', render: (o: boolean) => o ? <Tag color="green">{t(`${P}.open`)}</Tag> : <Tag>{t(`${P}.closed`)}</Tag> },
          {
            title: t(`${P}.actions`), key: 'close',
            render: (_, r) => r.closedAt ? (
              <Space wrap size={4}>
                <span><Tag>{t(`${P}.pointClosed`)}</Tag>{formatDateTime(r.closedAt)}{r.closeReason ? ` · ${r.closeReason}` : ''}</span>
                {can('newgroups.manage') && <CloseWithReason undo size="small" label={t(`${P}.reopenPoint`)} title={t(`${P}.reopenPointTitle`, { name: r.name })} note={t(`${P}.reopenPointNote`)}
                  act={(reason) => api.reopenPoint(r.id, reason)} onDone={list.reload} />}
              </Space>
            )
              : can('newgroups.manage') && <CloseWithReason size="small" label={t(`${P}.closePoint`)} title={t(`${P}.closePointTitle`, { name: r.name })} note={t(`${P}.closePointNote`)}
                act={(reason) => api.closePoint(r.id, reason)} onDone={list.reload} />,
          },
        ]} />
      <Modal open={open} title={t(`${P}.addPoint`)} onCancel={() => setOpen(false)} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden okText={t(`${P}.save`)}>
        <Form form={form} layout="vertical" preserve={false} onFinish={submit} initialValues={{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '20:00' }}>
          <Form.Item name="name" label={t(`${P}.name`)} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="kind" label={t(`${P}.pointKindLabel`)} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`${P}.pointKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t(`${P}.unit`)} rules={[{ required: true }]}><OrgTreeSelect /></Form.Item>
          <Form.Item name="address" label={t(`${P}.address`)}><Input maxLength={100} /></Form.Item>
          <Space>
            <Form.Item name="lat" label={t(`${P}.lat`)} rules={[{ required: true }]}><InputNumber min={-90} max={90} step={0.0001} /></Form.Item>
            <Form.Item name="lng" label={t(`${P}.lng`)} rules={[{ required: true }]}><InputNumber min={-180} max={180} step={0.0001} /></Form.Item>
          </Space>
          <Form.Item name="services" label={t(`${P}.services`)}>
            <Checkbox.Group options={SERVICES.map((s) => ({ value: s, label: t(`${P}.service.${s}`) }))} />
          </Form.Item>
          <Form.Item name="days" label={t(`${P}.days`)} rules={[{ required: true }]}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`${P}.weekday.${d as Weekday}`) }))} />
          </Form.Item>
          <Space>
            <Form.Item name="open" label={t(`${P}.opens`)} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }]}><Input style={{ width: 100 }} /></Form.Item>
            <Form.Item name="close" label={t(`${P}.closes`)} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/ }]}><Input style={{ width: 100 }} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
