import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Input, Popconfirm, Row, Segmented, Space, Spin, Statistic, Table, Tag } from 'antd';
import { LineChart } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { EChart, echarts } from '../../components/echart.js';
import { errorMessage } from '../../components/form-errors.js';
import { orgKindLabel } from '../../components/labels.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as campaigns from '../../services/campaigns-api.js';
import type { Candidate, CampaignItem, SubjectKind } from '../../services/campaigns-api.js';

echarts.use([LineChart]);

/** One campaign: its progress by day, the targets reached, the tagged demands and activities; staff tag more. */
export default function CampaignDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const { data: c, loading, error, reload, setData } = useLoad(`campaign-${id}`, () => campaigns.getCampaign(id), t('error.unknown'));
  const [actionError, setActionError] = useState<string | null>(null);

  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: (c?.series ?? []).map((s) => s.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['demandsResolved', 'activitiesHeld', 'targetsReached'] as const).map((k) => ({
      type: 'line', name: t(`campaigns.${k}`), data: (c?.series ?? []).map((s) => s[k]),
    })),
  }), [c, t]);

  if (loading && !c) return <Spin />;
  if (error || !c) return <Alert type="error" showIcon title={error ?? t('error.unknown')} />;

  const untag = async (item: CampaignItem) => {
    setActionError(null);
    try {
      setData(await campaigns.untagItem(id, item.id));
    } catch (e) {
      setActionError(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <div>
      <PageHeader title={c.title} description={`${t(`campaigns.kind.${c.kind}`)} · ${c.orgName} · ${c.startsOn} ~ ${c.endsOn}`}
        extra={<Link to="/campaigns">{t('campaigns.back')}</Link>} />
      {c.description && <p>{c.description}</p>}
      {actionError && <Alert type="error" showIcon title={actionError} className="page-alert" />}
      <Row gutter={16} className="page-alert">
        <Col span={8}><Card><Statistic title={t('campaigns.demandsResolved')} value={c.progress.demandsResolved} suffix={`/ ${c.progress.demandsTotal}`} /></Card></Col>
        <Col span={8}><Card><Statistic title={t('campaigns.activitiesHeld')} value={c.progress.activitiesHeld} suffix={`/ ${c.progress.activitiesTotal}`} /></Card></Col>
        <Col span={8}><Card><Statistic title={t('campaigns.targetsReached')} value={c.progress.targetsReached} suffix={`/ ${c.progress.targetsTotal}`} /></Card></Col>
      </Row>
      {c.series.length > 0 && <EChart option={option} height={280} ariaLabel={t('campaigns.chart')} testId="campaign-progress-chart" />}
      <Descriptions title={t('campaigns.targets')} column={1} size="small" className="page-alert">
        <Descriptions.Item label={t('campaigns.targets')}>
          <Space wrap>
            {c.targets.map((x) => (
              <Tag key={x.id} color={x.reached ? 'green' : 'default'}>{t('campaigns.targetLabel', { name: x.name, kind: orgKindLabel(t, x.kind) })}{x.reached ? ` · ${t('campaigns.reached')}` : ''}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {can('campaigns.manage') && <TagPanel id={id} onTagged={(d) => { setData(d); reload(); }} />}
      <Table<CampaignItem>
        rowKey="id"
        dataSource={c.items}
        pagination={false}
        aria-label={t('campaigns.items')}
        title={() => t('campaigns.items')}
        columns={[
          { title: t('campaigns.subjectKindLabel'), dataIndex: 'subjectKind', render: (v: SubjectKind) => t(`campaigns.subjectKind.${v}`) },
          {
            title: t('campaigns.subject'), key: 'subject',
            render: (_: unknown, i) => i.subjectKind === 'demand' ? <Link to={`/demands/${i.subjectId}`}>#{i.subjectId} {i.title}</Link> : `#${i.subjectId} ${i.title}`,
          },
          { title: t('campaigns.place'), dataIndex: 'placeName' },
          { title: t('campaigns.done'), key: 'done', render: (_: unknown, i) => (i.done ? <Tag color="green">{i.doneOn}</Tag> : <Tag>{t('campaigns.notDone')}</Tag>) },
          ...(can('campaigns.manage') ? [{
            title: '', key: 'untag',
            render: (_: unknown, i: CampaignItem) => (
              <Popconfirm title={t('campaigns.untagConfirm')} onConfirm={() => void untag(i)}><Button size="small" danger>{t('campaigns.untag')}</Button></Popconfirm>
            ),
          }] : []),
        ]}
      />
    </div>
  );
}

/** Find a demand (by number or words) or an activity in the campaign's area and tag it. */
function TagPanel({ id, onTagged }: { id: number; onTagged: (d: campaigns.CampaignDetail) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<SubjectKind>('demand');
  const [found, setFound] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (q: string) => {
    setError(null);
    setBusy(true);
    try {
      setFound((await campaigns.candidates(id, kind, q)).items);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  const tag = async (x: Candidate) => {
    setError(null);
    try {
      onTagged(await campaigns.tagItem(id, kind, x.id));
      setFound((f) => f?.map((y) => (y.id === x.id ? { ...y, tagged: true } : y)) ?? null);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <Card size="small" title={t('campaigns.tagTitle')} className="page-alert">
      <Space wrap>
        <Segmented<SubjectKind> value={kind} onChange={(v) => { setKind(v); setFound(null); }}
          options={(['demand', 'activity'] as const).map((k) => ({ value: k, label: t(`campaigns.subjectKind.${k}`) }))} />
        <Input.Search placeholder={t(kind === 'demand' ? 'campaigns.searchDemand' : 'campaigns.searchActivity')} aria-label={t('campaigns.tagSearch')}
          onSearch={(q) => void search(q)} loading={busy} enterButton style={{ width: 320 }} />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {found && (
        <Table<Candidate>
          rowKey="id" size="small" dataSource={found} pagination={false} style={{ marginTop: 8 }} aria-label={t('campaigns.candidates')}
          locale={{ emptyText: t('campaigns.noCandidates') }}
          columns={[
            { title: '#', dataIndex: 'id', width: 80 },
            { title: t('campaigns.subject'), dataIndex: 'title' },
            { title: t('campaigns.place'), dataIndex: 'placeName' },
            {
              title: '', key: 'tag', width: 100,
              render: (_: unknown, x) => x.tagged ? <Tag color="blue">{t('campaigns.tagged')}</Tag> : <Button size="small" type="primary" onClick={() => void tag(x)}>{t('campaigns.tag')}</Button>,
            },
          ]}
        />
      )}
    </Card>
  );
}
