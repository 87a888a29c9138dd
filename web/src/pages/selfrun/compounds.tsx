import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { EChart } from '../../components/echart.js';
import { errorMessage } from '../../components/form-errors.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import { chinaToday } from '../../services/china-time.js';
import * as api from '../../services/selfrun-compounds-api.js';
import type { CompoundRow, Mode } from '../../services/selfrun-compounds-api.js';

const MODE_COLORS: Record<Mode, string> = { company: 'blue', self_run: 'green', unit_managed: 'purple', none: 'red' };

/** 小区管理: the compounds in scope with their mode and figures; a chart of compounds by mode; set a stored mode. */
export default function CompoundsPage() {
  const { t } = useTranslation();
  const manage = useMe().permissions.includes('selfrun.manage');
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const mode = (params.get('mode') || undefined) as Mode | undefined;
  const name = params.get('name') || undefined;
  const list = useLoad(`${page}|${pageSize}|${mode}|${name}`, () => api.listCompounds({ page, pageSize, mode, name }), t('error.unknown'));
  const figures = useLoad('figures', () => api.getFigures(), t('error.unknown'));
  const [editing, setEditing] = useState<CompoundRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const option = useMemo(() => ({
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: (figures.data?.byMode ?? []).map((m) => ({ name: t(`selfrunCompounds.mode.${m.mode}`), value: m.compounds })) }],
  }), [figures.data, t]);

  return (
    <div>
      <PageHeader title={t('nav.selfrunCompounds')} description={t('selfrunCompounds.description')} />
      {(list.error || figures.error) && <Alert type="error" showIcon message={list.error ?? figures.error} style={{ marginBottom: 12 }} />}
      <Card size="small" title={t('selfrunCompounds.figuresTitle')} style={{ marginBottom: 16 }}>
        <EChart option={option} height={240} ariaLabel={t('selfrunCompounds.figuresTitle')} testId="selfrun-compounds-chart" />
        {figures.data && figures.data.byStreet.length > 0 && (
          <Table
            size="small" rowKey="streetId" pagination={false} dataSource={figures.data.byStreet}
            columns={[
              { title: t('selfrunCompounds.street'), dataIndex: 'street' },
              { title: t('selfrunCompounds.selfRunCount'), dataIndex: 'selfRun' },
              { title: t('selfrunCompounds.fiveMissingCount'), dataIndex: 'fiveHavesMissing' },
            ]}
          />
        )}
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('selfrunCompounds.searchName')} defaultValue={name} onSearch={(v) => update({ name: v || undefined, page: undefined })} style={{ width: 220 }} />
        <Select
          allowClear placeholder={t('selfrunCompounds.filterMode')} value={mode} style={{ width: 160 }} onChange={(v) => update({ mode: v, page: undefined })}
          options={api.MODES.map((m) => ({ value: m, label: t(`selfrunCompounds.mode.${m}`) }))}
        />
      </Space>
      <Table<CompoundRow>
        rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => update({ page: String(p), pageSize: String(s) }) }}
        columns={[
          { title: t('selfrunCompounds.compound'), render: (_, r) => <Link to={`/selfrun/compounds/${r.id}`}>{r.name}</Link> },
          { title: t('selfrunCompounds.community'), dataIndex: 'community' },
          { title: t('selfrunCompounds.modeTitle'), render: (_, r) => <Space direction="vertical" size={0}><Tag color={MODE_COLORS[r.mode]}>{t(`selfrunCompounds.mode.${r.mode}`)}</Tag>{r.company && <small>{r.company}</small>}</Space> },
          { title: t('selfrunCompounds.households'), dataIndex: 'households' },
          { title: t('selfrunCompounds.units'), dataIndex: 'units' },
          { title: t('selfrunCompounds.totalArea'), render: (_, r) => r.areaM2.toFixed(2) },
          { title: t('selfrunCompounds.ownerCount'), dataIndex: 'owners' },
          { title: t('selfrunCompounds.committeeMembers'), dataIndex: 'committeeMembers' },
          { title: t('selfrunCompounds.fiveHaves'), render: (_, r) => (r.mode !== 'self_run' ? '-' : r.fiveHavesMissing ? <Tag color="red">{t('selfrunCompounds.fiveOf', { n: r.fiveHaves })}</Tag> : <Tag color="green">{t('selfrunCompounds.fiveAll')}</Tag>) },
          ...(manage ? [{ title: t('common.actions'), render: (_: unknown, r: CompoundRow) => <Button size="small" disabled={r.mode === 'company'} onClick={() => { setEditing(r); form.setFieldsValue({ mode: r.mode === 'company' ? undefined : r.mode, since: chinaToday(), reason: '' }); }}>{t('selfrunCompounds.setMode')}</Button> }] : []),
        ]}
      />
      <Modal
        open={!!editing} title={t('selfrunCompounds.setModeOf', { name: editing?.name ?? '' })} confirmLoading={busy}
        onCancel={() => setEditing(null)} onOk={() => form.submit()} destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={async (v) => {
          setBusy(true);
          try {
            await api.setMode(editing!.id, { mode: v.mode, since: v.since, reason: v.reason });
            message.success(t('selfrunCompounds.saved'));
            setEditing(null);
            list.reload(); figures.reload();
          } catch (e) { message.error(errorMessage(e, t('error.unknown'))); } finally { setBusy(false); }
        }}>
          <Form.Item name="mode" label={t('selfrunCompounds.modeTitle')} rules={[{ required: true }]}>
            <Select options={(['self_run', 'unit_managed', 'none'] as const).map((m) => ({ value: m, label: t(`selfrunCompounds.mode.${m}`) }))} />
          </Form.Item>
          <Form.Item name="since" label={t('selfrunCompounds.since')} rules={[{ required: true }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
          <Form.Item name="reason" label={t('selfrunCompounds.reason')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
