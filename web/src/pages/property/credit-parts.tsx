import { Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CompoundScore } from '../../services/property-credit-api.js';

type Part = CompoundScore['parts'][number];
type Correction = { listAfter: 'red' | 'black' | null; reason: string; correctedAt: string } | null;

/** A compound's score indicator by indicator: the raw figure, its 0–100 score and the weight it carried. */
export function Breakdown({ parts }: { parts: Part[] }) {
  const { t } = useTranslation();
  return (
    <Table<Part>
      rowKey="source" size="small" pagination={false} dataSource={parts}
      columns={[
        { title: t('propertyCredit.indicator'), dataIndex: 'source', render: (s: Part['source']) => t(`propertyCredit.source.${s}`) },
        { title: t('propertyCredit.weight'), dataIndex: 'weight', align: 'right' },
        { title: t('propertyCredit.value'), dataIndex: 'value', align: 'right', render: (v: number | null) => (v == null ? t('propertyCredit.noData') : v) },
        { title: t('propertyCredit.scoreCol'), dataIndex: 'score', align: 'right', render: (v: number | null) => (v == null ? '-' : v.toFixed(2)) },
      ]}
    />
  );
}

/** The entry's list as published, and as corrected when an objection was upheld. */
export function ListTag({ list, reason, correction }: { list: 'red' | 'black' | null; reason: string | null; correction: Correction }) {
  const { t } = useTranslation();
  const tag = (l: 'red' | 'black' | null) => <Tag color={l === 'red' ? 'red' : l === 'black' ? 'black' : 'default'}>{t(`propertyCredit.list.${l ?? 'none'}`)}</Tag>;
  return (
    <span>
      <Tooltip title={reason ?? undefined}>{correction ? <s>{tag(list)}</s> : tag(list)}</Tooltip>
      {correction && <Tooltip title={correction.reason}>{t('propertyCredit.correctedTo')} {tag(correction.listAfter)}</Tooltip>}
    </span>
  );
}
