import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as wf from '../../services/workforce-api.js';
import type { Rating } from '../../services/workforce-api.js';

const THIS_YEAR = new Date().getFullYear();
const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v * 1000) / 10}%`);

/** 书记星级评定: 以绩定星 from counted figures plus the county's assessment, 以星奖补, 动态调整 year by year. */
export default function WorkforceStarsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const { params, update } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const year = readInt(params, 'year', THIS_YEAR);
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const [computing, setComputing] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<number, number | null>>({});
  const [history, setHistory] = useState<{ name: string; items: Rating[] } | null>(null);
  const rate = can('workforce.rate');

  const { data, loading, error, reload } = usePaged(
    `${orgId}|${year}|${page}|${pageSize}`,
    () => wf.listRatings({ orgId, year, page, pageSize }),
    t('error.unknown'),
  );

  const compute = async () => {
    setComputing(true);
    setActionError(null);
    try {
      const r = await wf.computeRatings(orgId ?? me.scope.orgId, year);
      message.success(t('workforce.stars.computed', { rated: r.rated, without: r.withoutSecretary }));
      reload();
    } catch (e) {
      setActionError(errorMessage(e, t('error.unknown')));
    } finally {
      setComputing(false);
    }
  };

  const assess = async (r: Rating) => {
    const score = drafts[r.id];
    if (score === undefined || score === null) return;
    setActionError(null);
    try {
      await wf.setAssessment(r.id, score);
      message.success(t('workforce.stars.assessed', { name: r.name }));
      reload();
    } catch (e) {
      setActionError(errorMessage(e, t('error.unknown')));
    }
  };

  const change = (r: Rating) => {
    if (r.previousStars === null) return <Tag>{t('workforce.stars.firstYear')}</Tag>;
    if (r.stars > r.previousStars) return <Tag color="green" icon={<ArrowUpOutlined />}>{t('workforce.stars.up', { n: r.previousStars })}</Tag>;
    if (r.stars < r.previousStars) return <Tag color="red" icon={<ArrowDownOutlined />}>{t('workforce.stars.down', { n: r.previousStars })}</Tag>;
    return <Tag>{t('workforce.stars.same')}</Tag>;
  };

  return (
    <div>
      <PageHeader
        title={t('nav.workforceStars')}
        description={t('workforce.stars.description')}
        extra={
          <Space wrap>
            <OrgTreeSelect aria-label={t('workforce.org')} placeholder={t('workforce.org')} style={{ width: 240 }} value={orgId} onChange={(id) => update({ orgId: id, page: undefined })} />
            <Select aria-label={t('workforce.year')} style={{ width: 120 }} value={year} onChange={(v) => update({ year: v, page: undefined })}
              options={[THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2].map((y) => ({ value: y, label: t('workforce.yearN', { year: y }) }))} />
            {rate && <Button type="primary" loading={computing} onClick={() => void compute()}>{t('workforce.stars.compute', { year })}</Button>}
          </Space>
        }
      />
      {(error || actionError) && <Alert type="error" showIcon title={error ?? actionError} className="page-alert" role="alert" />}
      <Alert type="info" showIcon className="page-alert" title={t('workforce.stars.formula')} />
      <Card>
        <Table<Rating>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('workforce.stars.empty') }}
          pagination={{
            current: page, pageSize, total: data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }), onChange: (p, s) => update({ page: p, pageSize: s }),
          }}
          expandable={{
            expandedRowRender: (r) => (
              <Descriptions size="small" column={3} bordered>
                <Descriptions.Item label={t('workforce.stars.received')}>{r.figures.received}</Descriptions.Item>
                <Descriptions.Item label={t('workforce.stars.resolution')}>{`${pct(r.figures.resolutionRate)} → ${r.figures.resolutionScore}`}</Descriptions.Item>
                <Descriptions.Item label={t('workforce.stars.satisfaction')}>{`${pct(r.figures.satisfactionRate)} → ${r.figures.satisfactionScore}`}</Descriptions.Item>
                <Descriptions.Item label={t('workforce.stars.households')}>{r.figures.households}</Descriptions.Item>
                <Descriptions.Item label={t('workforce.stars.participation')}>{`${pct(r.figures.participationRate)} → ${r.figures.participationScore}`}</Descriptions.Item>
                <Descriptions.Item label={t('workforce.stars.computedAt')}>{new Date(r.computedAt).toLocaleString()}</Descriptions.Item>
              </Descriptions>
            ),
          }}
          columns={[
            { title: t('workforce.stars.community'), dataIndex: 'communityName' },
            { title: t('workforce.stars.secretary'), dataIndex: 'name' },
            { title: t('workforce.stars.counted'), dataIndex: 'countedScore', align: 'right' },
            {
              title: t('workforce.stars.assessment'), dataIndex: 'assessmentScore',
              render: (v: number | null, r) => (rate ? (
                <Space size={4}>
                  <InputNumber aria-label={t('workforce.stars.assessmentOf', { name: r.name })} size="small" min={0} max={30} step={0.5} style={{ width: 80 }}
                    value={drafts[r.id] !== undefined ? drafts[r.id] : v} onChange={(x) => setDrafts((d) => ({ ...d, [r.id]: x }))} />
                  <Button size="small" aria-label={t('workforce.stars.assessSaveOf', { name: r.name })} onClick={() => void assess(r)}>{t('common.save')}</Button>
                </Space>
              ) : (v ?? '-')),
            },
            { title: t('workforce.stars.total'), dataIndex: 'totalScore', align: 'right' },
            { title: t('workforce.stars.level'), dataIndex: 'stars', render: (n: number) => (n ? <span className="stars" aria-label={t('workforce.stars.nStars', { n })}>{'★'.repeat(n)}</span> : t('workforce.stars.none')) },
            { title: t('workforce.stars.subsidy'), dataIndex: 'subsidyYuan', align: 'right', render: (v: number) => v.toLocaleString() },
            { title: t('workforce.stars.change'), key: 'change', render: (_: unknown, r) => change(r) },
            {
              title: t('common.actions'), key: 'history',
              render: (_: unknown, r) => (
                <Button type="link" size="small" onClick={() => void wf.ratingHistory(r.staffId).then(setHistory, (e) => setActionError(errorMessage(e, t('error.unknown'))))}>
                  {t('workforce.stars.history')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={history !== null} title={t('workforce.stars.historyOf', { name: history?.name ?? '' })} footer={null} onCancel={() => setHistory(null)} width={640}>
        <Table<Rating>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={history?.items ?? []}
          columns={[
            { title: t('workforce.year'), dataIndex: 'year' },
            { title: t('workforce.stars.community'), dataIndex: 'communityName' },
            { title: t('workforce.stars.total'), dataIndex: 'totalScore', align: 'right' },
            { title: t('workforce.stars.level'), dataIndex: 'stars', render: (n: number) => (n ? '★'.repeat(n) : t('workforce.stars.none')) },
            { title: t('workforce.stars.subsidy'), dataIndex: 'subsidyYuan', align: 'right' },
          ]}
        />
      </Modal>
    </div>
  );
}
