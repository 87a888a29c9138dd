import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Statistic, Switch, Table, Tag, message } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { EChart } from '../../components/echart.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/venues-api.js';
import type { Award, Tier } from '../../services/venues-api.js';

function RuleCard({ canFund, onSaved }: { canFund: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const { data: rules, reload } = useLoad('venue-rules', api.listRules, t('error.unknown'));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const latest = rules?.[0];
  const save = async (f: { tiers: Tier[]; note?: string }) => {
    try {
      await api.createRule(f);
      message.success(t('venues.saved'));
      setOpen(false);
      reload();
      onSaved();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <Card size="small" title={latest ? t('venues.funding.ruleTitle', { version: latest.version }) : t('venues.funding.noRule')}
      extra={canFund && <Button onClick={() => { form.setFieldsValue({ tiers: latest?.tiers ?? [{ requireStandard: true }], note: '' }); setOpen(true); }}>{t('venues.funding.newRule')}</Button>}>
      {latest && (
        <Table rowKey="name" size="small" pagination={false} dataSource={latest.tiers}
          columns={[
            { title: t('venues.funding.tier'), dataIndex: 'name' }, { title: t('venues.funding.minUses'), dataIndex: 'minUses' },
            { title: t('venues.funding.requireStandard'), dataIndex: 'requireStandard', render: (b: boolean) => (b ? t('venues.yes') : t('venues.no')) },
            { title: t('venues.funding.amount'), dataIndex: 'amount' },
          ]} />
      )}
      <Modal open={open} title={t('venues.funding.newRule')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden width={720}>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.List name="tiers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start">
                    <Form.Item name={[f.name, 'name']} label={t('venues.funding.tier')} rules={[{ required: true, message: t('venues.required') }]}><Input style={{ width: 100 }} /></Form.Item>
                    <Form.Item name={[f.name, 'minUses']} label={t('venues.funding.minUses')} rules={[{ required: true, message: t('venues.required') }]}><InputNumber min={0} /></Form.Item>
                    <Form.Item name={[f.name, 'requireStandard']} label={t('venues.funding.requireStandard')} valuePropName="checked"><Switch /></Form.Item>
                    <Form.Item name={[f.name, 'amount']} label={t('venues.funding.amount')} rules={[{ required: true, message: t('venues.required') }]}><InputNumber min={1} /></Form.Item>
                    <Button onClick={() => remove(f.name)} style={{ marginTop: 30 }}>{t('venues.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ requireStandard: true })}>{t('venues.funding.addTier')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="note" label={t('venues.funding.note')}><Input maxLength={300} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 以奖代补: the county's rule, awards computed from counted use, payments, and figures per street. */
export default function VenueFundingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canFund = me.permissions.includes('venues.funding');
  const [year, setYear] = useState(dayjs().year() - 1);
  const [page, setPage] = useState(1);
  const figures = useLoad(`fig-${year}`, () => api.getFigures(year), t('error.unknown'));
  const awards = useLoad(`awards-${year}-${page}`, () => api.listAwards({ page, pageSize: 20, year }), t('error.unknown'));
  const reload = () => { figures.reload(); awards.reload(); };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  const pay = (a: Award) => {
    let amount = a.amount - a.paid;
    Modal.confirm({
      title: t('venues.funding.pay', { name: a.venueName }),
      content: <InputNumber aria-label={t('venues.funding.amount')} min={1} defaultValue={amount} onChange={(v) => { amount = Number(v); }} />,
      onOk: () => act(() => api.recordPayment({ venueId: a.venueId, year, amount }), t('venues.saved')),
    });
  };
  const reverse = (id: number) => {
    let note = '';
    Modal.confirm({
      title: t('venues.funding.reverse'), content: <Input aria-label={t('venues.funding.reverseReason')} placeholder={t('venues.funding.reverseReason')} onChange={(e) => { note = e.target.value; }} />,
      onOk: () => act(() => api.reversePayment(id, note), t('venues.saved')),
    });
  };
  const f = figures.data;
  return (
    <>
      <PageHeader title={t('venues.funding.title')} description={t('venues.funding.description')} extra={
        <Space>
          <Select aria-label={t('venues.funding.year')} value={year} style={{ width: 120 }} onChange={(y) => { setYear(y); setPage(1); }}
            options={[0, 1, 2, 3].map((d) => dayjs().year() - d).map((y) => ({ value: y, label: t('venues.funding.yearN', { year: y }) }))} />
          {canFund && <Button type="primary" onClick={() => act(async () => {
            const r = await api.computeAwards(year);
            message.info(t('venues.funding.computed', r));
          }, t('venues.saved'))}>{t('venues.funding.compute')}</Button>}
        </Space>
      } />
      <Space direction="vertical" style={{ width: '100%' }}>
        <RuleCard canFund={canFund} onSaved={reload} />
        {(figures.error || awards.error) && <Alert type="error" showIcon message={figures.error ?? awards.error} />}
        {f && (
          <Card size="small">
            <Space size="large" wrap>
              <Statistic title={t('venues.funding.venues')} value={f.venues} />
              <Statistic title={t('venues.funding.awarded')} value={f.awarded} />
              <Statistic title={t('venues.funding.amountTotal')} value={f.amount} />
              <Statistic title={t('venues.funding.paid')} value={f.paid} />
            </Space>
            {f.byStreet.length > 0 && (
              <EChart height={280} ariaLabel={t('venues.funding.chart')} testId="venue-funding-chart" option={{
                tooltip: { trigger: 'axis' }, legend: { data: [t('venues.funding.amountTotal'), t('venues.funding.paid')] },
                xAxis: { type: 'category', data: f.byStreet.map((s) => s.streetName) }, yAxis: { type: 'value' },
                series: [
                  { name: t('venues.funding.amountTotal'), type: 'bar', data: f.byStreet.map((s) => s.amount) },
                  { name: t('venues.funding.paid'), type: 'bar', data: f.byStreet.map((s) => s.paid) },
                ],
              }} />
            )}
          </Card>
        )}
        <Table<Award> rowKey="venueId" loading={awards.loading} dataSource={awards.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: awards.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          expandable={{ expandedRowRender: (a) => (
            <Space direction="vertical">
              {a.breakdown.map((b) => <div key={b.tier}><Tag color={b.reached ? 'green' : 'default'}>{b.tier}</Tag>{b.reason}</div>)}
              {a.payments.map((p) => (
                <Space key={p.id}>
                  <span>{formatDateTime(p.recordedAt)}</span><span>{p.amount}</span><span>{p.note}</span>
                  {p.reversed && <Tag>{t('venues.funding.reversed')}</Tag>}
                  {canFund && p.amount > 0 && !p.reversed && <Button size="small" onClick={() => reverse(p.id)}>{t('venues.funding.reverse')}</Button>}
                </Space>
              ))}
            </Space>
          ) }}
          columns={[
            { title: t('venues.field.name'), dataIndex: 'venueName' },
            { title: t('venues.field.place'), render: (_, a) => `${a.streetName} · ${a.communityName}` },
            { title: t('venues.funding.uses'), dataIndex: 'uses' },
            { title: t('venues.standard.title'), dataIndex: 'standardMet', render: (b: boolean) => (b ? <Tag color="green">{t('venues.standard.ok')}</Tag> : <Tag color="red">{t('venues.standard.flagged')}</Tag>) },
            { title: t('venues.funding.tier'), dataIndex: 'tier', render: (x: string | null) => x ?? '-' },
            { title: t('venues.funding.amount'), dataIndex: 'amount' },
            { title: t('venues.funding.paid'), dataIndex: 'paid' },
            ...(canFund ? [{ title: '', key: 'a', render: (_: unknown, a: Award) => a.paid < a.amount && <Button size="small" onClick={() => pay(a)}>{t('venues.funding.payButton')}</Button> }] : []),
          ]}
        />
      </Space>
    </>
  );
}
