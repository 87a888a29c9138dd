import { Alert, Empty, Skeleton, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { historyKindLabel } from '../../../components/labels.js';
import { formatDateTime } from '../../../components/format.js';
import { useLoad } from '../../../components/use-load.js';
import * as api from '../../../services/api.js';
import type { OrgEvent } from '../../../services/types.js';

type Named = { name?: string; parentName?: string } | undefined;

/** One line per event, from the detail each kind of change records. */
function describe(t: TFunction, e: OrgEvent): string {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  const name = (v: unknown) => (v as Named)?.name ?? (v as Named)?.parentName ?? '-';
  switch (e.kind) {
    case 'create':
      if (d.parentName) return t('history.detail.create', { name: String(d.name ?? ''), code: String(d.code ?? ''), parent: String(d.parentName) });
      if (d.from) return t('history.detail.createBySplit', { from: name(d.from) });
      break;
    case 'rename':
      return t('history.detail.rename', { from: String(d.from ?? ''), to: String(d.to ?? '') });
    case 'move':
      return t('history.detail.move', { from: name(d.from), to: name(d.to) });
    case 'merge':
      return t('history.detail.merge', { merged: name(d.merged), into: name(d.into) });
    case 'split':
      return t('history.detail.split', {
        from: name(d.from),
        to: name(d.to),
        count: Array.isArray(d.children) ? d.children.length : 0,
      });
  }
  return typeof e.detail === 'object' && e.detail ? JSON.stringify(e.detail) : String(e.detail ?? '');
}

export function UnitHistory({ unitId, refreshKey }: { unitId: number; refreshKey: number }) {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad(`${unitId}|${refreshKey}`, () => api.getOrgHistory(unitId), t('error.unknown'));
  // Another unit's history is not shown while this one loads.
  const items = loading ? null : data?.items ?? null;

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!items) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />;
  return (
    <Timeline
      items={items.map((e) => ({
        key: e.id,
        color: e.kind === 'merge' ? '#ff4d4f' : e.kind === 'create' ? '#52c41a' : '#1677ff',
        title: formatDateTime(e.at),
        content: (
          <div>
            <Typography.Text strong>{historyKindLabel(t, e.kind)}</Typography.Text>
            <div>{describe(t, e)}</div>
            {e.actor && <Typography.Text type="secondary">{t('history.actor', { actor: e.actor })}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}
