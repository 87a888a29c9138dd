import { Alert, Card, Empty, List, Pagination, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { DISPATCH_STATE_COLORS, demandPlace, demandStateLabel, dispatchStateLabel } from '../../components/demand-labels.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { DemandDetail, Paged } from '../../services/types.js';
import { DemandPhotos } from './components/demand-photos.js';
import { DispatchActions } from './components/dispatch-actions.js';
import { myDispatches } from './detail.js';
import { stateColor } from './lifecycle.js';

const PAGE_SIZE = 10;

/**
 * 部门报到: the demands whistled to this department, each with its dispatches and buttons.
 * The list has no dispatches, so the page's details are fetched alongside (10 per page).
 */
export default function DemandInboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const show = params.get('show') === 'all' ? 'all' : 'open';
  const page = readInt(params, 'page', 1);
  // Each demand with its dispatches: the inbox acts on them in place.
  const loaded = useLoad(`${show}|${page}`, async (): Promise<Paged<DemandDetail>> => {
    const list = await api.listDemands({ state: show === 'open' ? 'escalated' : undefined, page, pageSize: PAGE_SIZE });
    return { items: await Promise.all(list.items.map((d) => api.getDemand(d.id))), total: list.total };
  }, t('error.unknown'));
  const items = loaded.loading ? null : loaded.data?.items ?? null;
  const total = loaded.data?.total ?? 0;
  const error = loaded.error;

  const replace = (d: DemandDetail) => loaded.setData((r) => r && { ...r, items: r.items.map((x) => (x.id === d.id ? d : x)) });

  return (
    <div>
      <PageHeader
        title={t('nav.demandInbox')}
        description={t('demands.inbox.description')}
        extra={
          <Segmented
            value={show}
            onChange={(v) => setParams(v === 'all' ? { show: 'all' } : {})}
            options={[
              { value: 'open', label: t('demandState.escalated') },
              { value: 'all', label: t('demands.filter.stateAll') },
            ]}
          />
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {!items && !error && <div className="center-pad"><Spin /></div>}
      {items && items.length === 0 && <Card><Empty description={t('demands.inbox.empty')} /></Card>}
      {items && items.length > 0 && (
        <List
          className="inbox-list"
          dataSource={items}
          renderItem={(d) => (
            <Card className="inbox-card" size="small" role="article" aria-label={`#${d.id} ${d.categoryName}`}
              title={
                <Space wrap>
                  <Link to={`/demands/${d.id}`}>#{d.id}</Link>
                  <span>{d.categoryName}</span>
                  <Tag color={stateColor(d.state)}>{demandStateLabel(t, d.state, d.stateName)}</Tag>
                  {d.overdue && <Tag color="red" variant="solid">{t('demands.overdue')}</Tag>}
                </Space>
              }
              extra={<Typography.Text type="secondary">{formatDateTime(d.createdAt)}</Typography.Text>}
            >
              <Typography.Paragraph className="inbox-description">{d.description}</Typography.Paragraph>
              <Typography.Paragraph type="secondary" data-testid="demand-place">{demandPlace(d)}</Typography.Paragraph>
              <DemandPhotos urls={d.photos} size={72} label={t('demands.detail.photos')} />
              {myDispatches(d.dispatches, me).map((x) => (
                <div key={x.id} className="inbox-dispatch">
                  <Space wrap>
                    <Typography.Text strong>{x.departmentName}</Typography.Text>
                    <Tag color={DISPATCH_STATE_COLORS[x.state]}>{dispatchStateLabel(t, x.state)}</Tag>
                    {x.state === 'dispatched' && (
                      <Typography.Text type="warning">{t('demands.detail.reportDue', { at: formatDateTime(x.reportDueAt) })}</Typography.Text>
                    )}
                  </Space>
                  {d.state === 'escalated' && <DispatchActions demandId={d.id} dispatch={x} onDone={replace} />}
                </div>
              ))}
            </Card>
          )}
        />
      )}
      {total > PAGE_SIZE && (
        <Pagination
          className="inbox-pagination"
          current={page}
          pageSize={PAGE_SIZE}
          total={total}
          onChange={(p) => setParams((s) => {
            const n = new URLSearchParams(s);
            if (p === 1) n.delete('page');
            else n.set('page', String(p));
            return n;
          })}
        />
      )}
    </div>
  );
}
