import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Empty, List, Result, Space, Spin, Tag, Timeline, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth, useMe } from '../../components/auth-provider.js';
import {
  DISPATCH_STATE_COLORS, channelLabel, demandActionLabel, demandPlace, demandStateLabel, dispatchStateLabel, eventLabel, eventNote, ratingLabel, tierLabel,
} from '../../components/demand-labels.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { roleLabel } from '../../components/labels.js';
import { RevealDialog } from '../../components/reveal-dialog.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/api.js';
import type { DemandDetail, DemandEvent, Dispatch, Me } from '../../services/types.js';
import { ActionModal, type ModalAction } from './components/action-modal.js';
import { DemandPhotos } from './components/demand-photos.js';
import { DispatchActions } from './components/dispatch-actions.js';
import { TRANSITIONS, allowedActions, needsNote, stateColor, type DemandAction } from './lifecycle.js';

/** Steps taken with one click; the rest ask for a note, a handler, departments or a target. */
const ONE_CLICK: DemandAction[] = ['accept', 'put_on_agenda'];

const EVENT_COLORS: Record<string, string> = {
  create: 'blue', resolve: 'green', solve_on_spot: 'green', all_departments_resolved: 'green', dispatch_resolve: 'green',
  rate_satisfied: 'green', rate_unsatisfied: 'red', overdue: 'red', dispatch_return: 'red', dispatch_report_overdue: 'red',
  decline_escalation: 'red', warn: 'orange', escalate: 'orange', rewhistle: 'orange', request_escalation: 'orange',
  request_extension: 'orange', approve_extension: 'green', reject_extension: 'red', dispatch_request_reroute: 'orange',
};

/** The dispatches this department account acts on: those to its own department (from /me). */
export function myDispatches(dispatches: Dispatch[], me: Pick<Me, 'departmentId'>): Dispatch[] {
  return me.departmentId === null ? [] : dispatches.filter((x) => x.departmentId === me.departmentId);
}

export default function DemandDetailPage() {
  const { t } = useTranslation();
  const { id: raw } = useParams();
  const id = Number(raw);
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const loaded = useLoad(`demand|${id}`, () => api.getDemand(id), t('error.unknown'));
  // The answer for another demand (the previous page) is not shown while this one loads.
  const demand = loaded.data?.id === id ? loaded.data : null;
  const setDemand = loaded.setData;
  const notFound = loaded.failure instanceof api.ApiError && loaded.failure.status === 404;
  const [modal, setModal] = useState<ModalAction | null>(null);
  const [busy, setBusy] = useState<DemandAction | null>(null);
  const [revealing, setRevealing] = useState(false);

  if (notFound) {
    return <Result status="404" title={t('demands.detail.notFound')} extra={<Link to="/demands">{t('demands.detail.back')}</Link>} />;
  }
  if (loaded.error && !demand) return <Alert type="error" showIcon title={loaded.error} />;
  if (!demand) return <div className="center-pad"><Spin /></div>;

  const done = (d: DemandDetail, action: string) => {
    setDemand(d);
    message.success(t('demands.detail.done', { action: action === 'rewhistle' ? t('demands.detail.rewhistle') : demandActionLabel(t, action) }));
  };

  const oneClick = async (action: DemandAction) => {
    setBusy(action);
    try {
      done(await api.demandAction(demand.id, action), action);
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(null);
    }
  };

  const canAct = can('demands.act');
  const actions = canAct
    ? allowedActions(demand.state, me.role, undefined, { tier: demand.tier, extension: demand.extension })
      .filter((a) => a !== 'assign' || can('demands.assign'))
    : [];
  // 提请街道吹哨 comes only after 受理: say so before, to whoever may ask for it then.
  const escalationLater = canAct && demand.state === 'submitted' && (TRANSITIONS.request_escalation.by as readonly string[]).includes(me.role);
  const canRewhistle = canAct && me.role === 'street_admin' && demand.state === 'escalated';
  const isDepartment = can('demands.dispatch');
  const mine = isDepartment ? myDispatches(demand.dispatches, me) : [];
  // The server's rule: whoever may reveal residents' data, and the departments whistled to.
  const canRevealPhone = !!demand.reporterPhone && (can('pii.reveal') || isDepartment);

  return (
    <div>
      <Breadcrumb className="detail-breadcrumb" items={[{ title: <Link to={isDepartment ? '/demands/inbox' : '/demands'}>{isDepartment ? t('nav.demandInbox') : t('nav.demands')}</Link> }, { title: `#${demand.id}` }]} />
      <div className="detail-head">
        <div>
          <Typography.Title level={3} className="detail-title">
            {t('demands.detail.title', { id: demand.id })} · {demand.categoryName}
          </Typography.Title>
          <Space size={6} wrap>
            <Tag color={stateColor(demand.state)} data-testid="demand-state">{demandStateLabel(t, demand.state, demand.stateName)}</Tag>
            {demand.overdue && <Tag color="red" variant="solid">{t('demands.overdue')}</Tag>}
            {demand.meTooCount > 0 && <Tag>{t('demands.meToo', { count: demand.meTooCount })}</Tag>}
            {demand.reopenCount > 0 && <Tag color="volcano">{t('demands.detail.reopened', { count: demand.reopenCount })}</Tag>}
            {demand.mergedIntoId && <Link to={`/demands/${demand.mergedIntoId}`}>{t('demands.detail.mergedInto', { id: demand.mergedIntoId })}</Link>}
          </Space>
        </div>
      </div>
      <div className="demand-layout">
        <Space direction="vertical" size={16} className="full-width">
          <Card>
            <Typography.Paragraph className="demand-description">{demand.description}</Typography.Paragraph>
            <DemandPhotos urls={demand.photos} label={t('demands.detail.photos')} />
            <Descriptions size="small" column={{ xs: 1, md: 2 }} className="demand-facts">
              <Descriptions.Item label={t('demands.detail.place')}><span data-testid="demand-place">{demandPlace(demand)}</span></Descriptions.Item>
              <Descriptions.Item label={t('demands.col.channel')}>{channelLabel(t, demand.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('demands.detail.reporter')}>{demand.reporterName ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('demands.detail.phone')}>
                <Space size={4}>
                  <span className="mono">{demand.reporterPhone ?? '-'}</span>
                  {canRevealPhone && (
                    <Tooltip title={t('demands.detail.revealPhoneTooltip')}>
                      <Button size="small" type="link" icon={<EyeOutlined />} aria-label={t('demands.detail.revealPhoneLabel')} onClick={() => setRevealing(true)}>
                        {t('demands.detail.revealPhone')}
                      </Button>
                    </Tooltip>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('demands.detail.tier')}>{tierLabel(t, demand.tier)}</Descriptions.Item>
              <Descriptions.Item label={t('demands.detail.handler')}>{demand.handlerName ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('demands.detail.createdAt')}>{formatDateTime(demand.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('demands.detail.dueAt')}>
                <Typography.Text type={demand.overdue ? 'danger' : undefined}>{formatDateTime(demand.dueAt)}</Typography.Text>
              </Descriptions.Item>
              {demand.extension && (
                <Descriptions.Item label={t('demands.detail.extension')}>
                  <Typography.Text type={demand.extension.state === 'rejected' ? 'secondary' : undefined}>
                    {demand.extension.state === 'requested'
                      ? t('demands.detail.extensionRequested', { days: demand.extension.days, reason: demand.extension.reason })
                      : demand.extension.state === 'approved'
                        ? t('demands.detail.extensionApproved', { days: demand.extension.days, due: formatDateTime(demand.extension.dueAfter!) })
                        : t('demands.detail.extensionRejected', { days: demand.extension.days })}
                  </Typography.Text>
                </Descriptions.Item>
              )}
              {demand.rating && <Descriptions.Item label={t('demands.detail.rating')}>{ratingLabel(t, demand.rating)}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title={t('demands.detail.timeline')}>
            <Timeline
              aria-label={t('demands.detail.timeline')}
              items={demand.timeline.map((e) => ({ key: e.id, color: EVENT_COLORS[e.action] ?? 'gray', content: <TimelineEntry e={e} /> }))}
            />
          </Card>
        </Space>
        <Space direction="vertical" size={16} className="full-width">
          {canAct && (
            <Card title={t('demands.detail.actions')} role="region" aria-label={t('demands.detail.actions')}>
              {actions.length === 0 && !canRewhistle ? (
                <Typography.Text type="secondary">{t('demands.detail.noActions')}</Typography.Text>
              ) : (
                <Space wrap>
                  {actions.map((a) => (
                    <Button
                      key={a}
                      type={a === 'accept' || a === 'resolve' || a === 'escalate' ? 'primary' : 'default'}
                      danger={a === 'decline_escalation' || a === 'reject_extension'}
                      loading={busy === a}
                      onClick={() => (ONE_CLICK.includes(a) && !needsNote(a) ? void oneClick(a) : setModal(a))}
                    >
                      {t(`demandAction.${a}`)}
                    </Button>
                  ))}
                  {canRewhistle && <Button onClick={() => setModal('rewhistle')}>{t('demands.detail.rewhistle')}</Button>}
                </Space>
              )}
              {escalationLater && <Alert className="escalation-hint" type="info" showIcon title={t('demands.detail.escalationHint')} />}
            </Card>
          )}
          <Card title={t('demands.detail.dispatches')}>
            {demand.dispatches.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('demands.detail.noDispatches')} />
            ) : (
              <List
                dataSource={demand.dispatches}
                renderItem={(x) => (
                  <List.Item>
                    <Space direction="vertical" size={4} className="full-width">
                      <Space wrap>
                        <Typography.Text strong>{x.departmentName}</Typography.Text>
                        <Tag color={DISPATCH_STATE_COLORS[x.state]}>{dispatchStateLabel(t, x.state)}</Tag>
                      </Space>
                      <Typography.Text type="secondary" className="small-text">
                        {formatDateTime(x.createdAt)} · {x.acceptedAt ? `${t('dispatchState.accepted')} ${formatDateTime(x.acceptedAt)}` : t('demands.detail.reportDue', { at: formatDateTime(x.reportDueAt) })}
                      </Typography.Text>
                      {x.returnReason && <Typography.Text type="danger">{t('demands.detail.returnReason', { reason: x.returnReason })}</Typography.Text>}
                      {mine.includes(x) && <DispatchActions demandId={demand.id} dispatch={x} onDone={setDemand} />}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Space>
      </div>
      <ActionModal demand={demand} action={modal} onClose={() => setModal(null)} onDone={done} />
      {revealing && (
        <RevealDialog
          title={t('demands.detail.revealPhoneTitle', { id: demand.id })}
          valueLabel={t('demands.detail.phone')}
          masked={demand.reporterPhone}
          facts={[{ key: 'reporter', label: t('demands.detail.reporter'), children: demand.reporterName ?? '-' }]}
          reveal={(reason) => api.revealReporterPhone(demand.id, reason)}
          onClose={() => setRevealing(false)}
        />
      )}
    </div>
  );
}

function TimelineEntry({ e }: { e: DemandEvent }) {
  const { t } = useTranslation();
  const note = eventNote(e);
  return (
    <div className="timeline-entry">
      <Space size={8} wrap>
        <Typography.Text strong>{eventLabel(t, e)}</Typography.Text>
        <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
        {e.actorName && (
          <Typography.Text type="secondary">
            {e.actorName}
            {e.actorRole && e.actorRole !== 'system' ? `（${roleLabel(t, e.actorRole)}）` : ''}
          </Typography.Text>
        )}
      </Space>
      {note && <div className="timeline-note">{note}</div>}
      {/* The report's own photos show above; later steps carry a handler's proof. */}
      {e.action !== 'create' && <DemandPhotos urls={e.attachments} size={64} label={t('demands.photos.ofStep', { step: eventLabel(t, e) })} />}
    </div>
  );
}
