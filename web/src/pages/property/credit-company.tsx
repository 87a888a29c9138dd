import { useState } from 'react';
import { Alert, Button, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/property-credit-api.js';
import type { MyCredit, Objection } from '../../services/property-credit-api.js';
import { CompoundsTable } from './credit-quarters.js';
import { ListTag } from './credit-parts.js';

/** 信用评价 tab of a company's page (county and staff): its compounds' scores with the breakdown, quarter by quarter. */
export function CompanyCreditTab({ companyId, countyId }: { companyId: number; countyId: number }) {
  const { t } = useTranslation();
  // The company's county, named: a city admin has no county of its own to fall back on.
  const quarters = useLoad(`quarters|${countyId}`, () => api.listQuarters(countyId), t('error.unknown'));
  const [quarter, setQuarter] = useState<string | null>(null);
  const q = quarter ?? quarters.data?.items[0]?.quarter ?? null;
  const row = useLoad(q ? `${q}|${companyId}|${countyId}` : null,
    async () => (await api.companyScores(q!, { companyId, page: 1, pageSize: 1, countyId })).items[0] ?? null, t('error.unknown'));
  if (quarters.data && quarters.data.items.length === 0) return <Empty description={t('propertyCredit.noQuarters')} />;
  return (
    <div>
      {quarters.error && <Alert type="error" showIcon title={quarters.error} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('propertyCredit.quarter')} style={{ width: 160 }} value={q ?? undefined} onChange={setQuarter}
          options={quarters.data?.items.map((x) => ({ value: x.quarter, label: `${x.quarter} · ${t(`propertyCredit.quarterStatus.${x.status}`)}` })) ?? []} />
        {row.data && (
          <>
            <span>{t('propertyCredit.rankOf', { rank: row.data.rank })}</span>
            <strong>{row.data.score.toFixed(2)}</strong>
            <ListTag list={row.data.list} reason={row.data.listReason} correction={row.data.correction} />
          </>
        )}
      </Space>
      {q && <CompoundsTable quarter={q} tick={0} companyId={companyId} countyId={countyId} />}
    </div>
  );
}

/** The company's own 信用评价 (property_company): its entry each published quarter, objections within the window and the county's decisions. */
export function MyCreditTab() {
  const { t } = useTranslation();
  const [tick, setTick] = useState(0);
  const mine = useLoad(`${tick}`, () => api.myCredit(), t('error.unknown'));
  const [objecting, setObjecting] = useState<string | null>(null);
  const m = mine.data;
  return (
    <div>
      {mine.error && <Alert type="error" showIcon title={mine.error} />}
      <Table<MyCredit['quarters'][number]>
        rowKey="quarter" size="small" pagination={false} dataSource={m?.quarters ?? []} loading={mine.loading}
        columns={[
          { title: t('propertyCredit.quarter'), dataIndex: 'quarter' },
          { title: t('propertyCredit.rank'), dataIndex: 'rank' },
          { title: t('propertyCredit.scoreCol'), dataIndex: 'score', render: (v: number) => v.toFixed(2) },
          { title: t('propertyCredit.listCol'), key: 'list', render: (_, r) => <ListTag list={r.list} reason={r.listReason} correction={r.correction} /> },
          { title: t('propertyCredit.objection.until'), dataIndex: 'objectionUntil' },
          { title: '', key: 'op', render: (_, r) => r.mayObject && <Button size="small" onClick={() => setObjecting(r.quarter)}>{t('propertyCredit.objection.file')}</Button> },
        ]}
      />
      <h3 style={{ marginTop: 16 }}>{t('propertyCredit.tabs.objections')}</h3>
      <Table<Objection>
        rowKey="id" size="small" pagination={false} dataSource={m?.objections ?? []}
        columns={[
          { title: t('propertyCredit.quarter'), dataIndex: 'quarter' },
          { title: t('propertyCredit.objection.reason'), dataIndex: 'reason' },
          { title: t('propertyCredit.objection.filedAt'), dataIndex: 'filedAt', render: (v: string) => formatDateTime(v) },
          { title: t('propertyCredit.objection.status'), dataIndex: 'status', render: (s: Objection['status']) => <Tag color={s === 'pending' ? 'orange' : s === 'upheld' ? 'green' : 'default'}>{t(`propertyCredit.objection.${s}`)}</Tag> },
          { title: t('propertyCredit.objection.decisionReason'), dataIndex: 'decisionReason' },
        ]}
      />
      {objecting && <ObjectModal quarter={objecting} onClose={() => setObjecting(null)} onDone={() => setTick((n) => n + 1)} />}
    </div>
  );
}

function ObjectModal({ quarter, onClose, onDone }: { quarter: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal open form={form} onClose={onClose} title={t('propertyCredit.objection.fileTitle', { quarter })}
      onSubmit={async (v) => { await api.fileObjection({ quarter, reason: v.reason }); onDone(); }}>
      <Form.Item name="reason" label={t('propertyCredit.objection.reason')} rules={[{ required: true, min: 2, message: t('propertyCredit.reasonRequired') }]}>
        <Input.TextArea rows={4} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
