import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/property-credit-api.js';
import type { RaterKind, RatingRow } from '../../services/property-credit-api.js';
import { previousQuarter, quarterOfDay } from '../../../../server/modules/property/credit-formulas.js';
import { raterKindsOf } from '../../../../server/modules/property/credit-evaluation.policy.js';
import { chinaToday } from '../../services/china-time.js';


/**
 * 党组织评价: each quarter the street rates each compound's company, the community rates it and
 * enters the compound party branch's rating on the branch's behalf. A new entry corrects the old,
 * which stays as history.
 */
export default function CreditRatingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const kinds = raterKindsOf(me.role);
  const current = quarterOfDay(chinaToday());
  const { params, update } = useUrlState();
  const quarter = params.get('quarter') ?? current;
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const page = readInt(params, 'page', 1);
  const [tick, setTick] = useState(0);
  const rows = useLoad(`${quarter}|${orgId}|${page}|${tick}`, () => api.listRatings({ quarter, orgId, page, pageSize: 20 }), t('error.unknown'));
  const [editing, setEditing] = useState<{ row: RatingRow; kind: RaterKind } | null>(null);

  const cell = (kind: RaterKind) => (_: unknown, r: RatingRow) => {
    const c = r[kind];
    return (
      <Space>
        {c ? <Tooltip title={[c.comment, c.branchSecretary && t('propertyCredit.rating.onBehalf', { name: c.branchSecretary }), c.corrections > 0 && t('propertyCredit.rating.corrections', { n: c.corrections })].filter(Boolean).join(' · ') || undefined}>
          <strong>{c.score}</strong>
        </Tooltip> : <span className="muted">-</span>}
        {kinds.includes(kind) && (
          <Button size="small" aria-label={t('propertyCredit.rating.rateAria', { kind: t(`propertyCredit.rater.${kind}`), compound: r.compoundName })} onClick={() => setEditing({ row: r, kind })}>
            {c ? t('propertyCredit.rating.correct') : t('propertyCredit.rating.rate')}
          </Button>
        )}
      </Space>
    );
  };

  return (
    <div>
      <PageHeader
        title={t('nav.propertyCreditRatings')}
        description={t('propertyCredit.rating.description')}
        extra={
          <Space wrap>
            <Select aria-label={t('propertyCredit.quarter')} style={{ width: 140 }} value={quarter} onChange={(q) => update({ quarter: q, page: undefined })}
              options={[current, previousQuarter(current)].map((q) => ({ value: q, label: q }))} />
            <OrgTreeSelect aria-label={t('propertyCredit.place')} placeholder={t('propertyCredit.place')} style={{ width: 220 }} value={orgId} onChange={(id) => update({ orgId: id, page: undefined })} />
          </Space>
        }
      />
      {rows.error && <Alert type="error" showIcon title={rows.error} className="page-alert" />}
      <Table<RatingRow>
        rowKey="compoundId" size="small" loading={rows.loading} dataSource={rows.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: rows.data?.total ?? 0, onChange: (p) => update({ page: p }) }}
        columns={[
          { title: t('propertyCredit.compound'), dataIndex: 'compoundName' },
          { title: t('propertyCredit.community'), dataIndex: 'communityName' },
          { title: t('propertyCredit.company'), dataIndex: 'companyName' },
          { title: t('propertyCredit.rater.street'), key: 'street', render: cell('street') },
          { title: t('propertyCredit.rater.community'), key: 'community', render: cell('community') },
          { title: t('propertyCredit.rater.compound'), key: 'compound', render: cell('compound') },
        ]}
      />
      {editing && <RateModal quarter={quarter} row={editing.row} kind={editing.kind} onClose={() => setEditing(null)} onDone={() => setTick((n) => n + 1)} />}
    </div>
  );
}

function RateModal({ quarter, row, kind, onClose, onDone }: { quarter: string; row: RatingRow; kind: RaterKind; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ score: number; comment?: string; branchSecretary?: string }>();
  const old = row[kind];
  return (
    <FormModal
      open form={form} onClose={onClose}
      title={t('propertyCredit.rating.title', { kind: t(`propertyCredit.rater.${kind}`), compound: row.compoundName, quarter })}
      intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} title={row.companyName} description={old ? t('propertyCredit.rating.correctHint') : undefined} />}
      initialValues={old ? { score: old.score, comment: old.comment, branchSecretary: old.branchSecretary ?? undefined } : {}}
      onSubmit={async (v) => { await api.rate({ compoundId: row.compoundId, quarter, raterKind: kind, score: v.score, comment: v.comment ?? '', branchSecretary: v.branchSecretary }); onDone(); }}
    >
      <Form.Item name="score" label={t('propertyCredit.rating.score')} rules={[{ required: true }]}><InputNumber min={0} max={100} precision={0} /></Form.Item>
      {kind === 'compound' && (
        <Form.Item name="branchSecretary" label={t('propertyCredit.rating.branchSecretary')} rules={[{ required: true }]}><Input maxLength={30} /></Form.Item>
      )}
      <Form.Item name="comment" label={t('propertyCredit.rating.comment')}><Input.TextArea rows={3} maxLength={300} /></Form.Item>
    </FormModal>
  );
}
