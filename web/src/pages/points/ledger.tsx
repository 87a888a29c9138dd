import { useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Result, Space, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { PageHeader } from '../../components/page-header.js';
import * as api from '../../services/api.js';
import * as points from '../../services/points-api.js';
import type { LedgerProblem } from '../../services/points-api.js';
import type { OrgUnit } from '../../services/types.js';
import { ownCommunityId } from './components/own-community.js';

const ABOVE_COMMUNITY = ['city', 'county', 'street'];

/** The communities under an org unit, found level by level (a city has a few hundred). */
async function communitiesUnder(id: number, kind: string): Promise<{ id: number; name: string }[]> {
  if (kind === 'community') return [{ id, name: '' }];
  if (!ABOVE_COMMUNITY.includes(kind)) return [];
  const children: OrgUnit[] = [];
  for (let page = 1; ; page++) {
    const r = await api.listOrgChildren(id, page, 200);
    children.push(...r.items);
    if (children.length >= r.total || r.items.length === 0) break;
  }
  const out: { id: number; name: string }[] = [];
  for (const c of children.filter((x) => !x.dissolvedAt)) {
    if (c.kind === 'community') out.push({ id: c.id, name: c.name });
    else out.push(...(await communitiesUnder(c.id, c.kind)));
  }
  return out;
}

interface Run {
  total: number;
  done: number;
  current: string;
  entries: number;
  problems: LedgerProblem[];
  mismatches: number;
  finished: boolean;
}

/**
 * 台账校验: recomputes every community's hash chain, one community at a time so the reader
 * sees how far it got, and names the first altered entry of each broken chain.
 */
export default function PointsLedgerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef(false);

  const start = async () => {
    setError(null);
    stop.current = false;
    const state: Run = { total: 0, done: 0, current: '', entries: 0, problems: [], mismatches: 0, finished: false };
    setRun({ ...state });
    try {
      const own = ownCommunityId(me);
      const list = own ? [{ id: own, name: me.scope.kind === 'community' ? me.scope.name : '' }] : await communitiesUnder(me.scope.orgId, me.scope.kind);
      state.total = list.length;
      setRun({ ...state });
      for (const c of list) {
        if (stop.current) break;
        state.current = c.name;
        setRun({ ...state });
        const r = await points.verifyLedger(c.id);
        state.done++;
        state.entries += r.entries;
        state.problems = [...state.problems, ...r.problems];
        state.mismatches += r.balanceMismatches.length;
        setRun({ ...state });
      }
      state.finished = true;
      state.current = '';
      setRun({ ...state });
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
      setRun({ ...state, finished: true });
    }
  };

  const running = !!run && !run.finished;
  const ok = run?.finished && !error && run.problems.length === 0 && run.mismatches === 0 && run.done === run.total;
  const percent = run && run.total ? Math.round((run.done / run.total) * 100) : 0;

  return (
    <div>
      <PageHeader
        title={t('nav.pointsLedger')}
        description={t('points.ledger.description')}
        extra={
          <Space>
            {running && <Button onClick={() => (stop.current = true)}>{t('points.ledger.stop')}</Button>}
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={running} onClick={() => void start()}>
              {t('points.ledger.run')}
            </Button>
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Card>
        {!run && <Typography.Paragraph type="secondary">{t('points.ledger.idle', { name: me.scope.name })}</Typography.Paragraph>}
        {run && (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Progress percent={percent} status={running ? 'active' : ok ? 'success' : 'exception'} aria-label={t('points.ledger.progress')} />
            <Descriptions size="small" column={3} data-testid="ledger-summary">
              <Descriptions.Item label={t('points.ledger.communities')}>{run.done} / {run.total}</Descriptions.Item>
              <Descriptions.Item label={t('points.ledger.entries')}>{run.entries}</Descriptions.Item>
              <Descriptions.Item label={t('points.ledger.mismatches')}>{run.mismatches}</Descriptions.Item>
            </Descriptions>
            {running && run.current && <Typography.Text type="secondary">{t('points.ledger.checking', { name: run.current })}</Typography.Text>}
            {ok && <Result status="success" title={t('points.ledger.ok')} subTitle={t('points.ledger.okText', { communities: run.done, entries: run.entries })} />}
            {run.problems.length > 0 && (
              <>
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title={t('points.ledger.broken', { count: new Set(run.problems.map((p) => p.communityId)).size })}
                  description={(() => {
                    const first = run.problems.find((p) => p.entryId != null) ?? run.problems[0];
                    return t('points.ledger.firstAltered', { community: first.communityName, entry: first.entryId ?? '-', seq: first.seq ?? '-', message: first.message });
                  })()}
                />
                <Table<LedgerProblem>
                  rowKey={(p) => `${p.communityId}|${p.entryId}|${p.reason}`}
                  size="small"
                  dataSource={run.problems}
                  pagination={false}
                  columns={[
                    { title: t('points.ledger.col.community'), dataIndex: 'communityName' },
                    { title: t('points.ledger.col.entry'), dataIndex: 'entryId', render: (v: number | null) => (v == null ? '-' : `#${v}`) },
                    { title: t('points.ledger.col.seq'), dataIndex: 'seq', render: (v: number | null) => v ?? '-' },
                    { title: t('points.ledger.col.reason'), dataIndex: 'message' },
                  ]}
                />
              </>
            )}
            {run.finished && !ok && run.problems.length === 0 && run.mismatches > 0 && (
              <Alert type="warning" showIcon title={t('points.ledger.mismatchText', { count: run.mismatches })} />
            )}
          </Space>
        )}
      </Card>
    </div>
  );
}
