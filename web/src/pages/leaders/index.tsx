import { useMemo, useState } from 'react';
import { Alert, Button, Form, Input, Select, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { EChart } from '../../components/echart.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { usePaged } from '../../components/use-paged.js';
import * as api from '../../services/leaders-api.js';
import { LEADER_LEVELS, type Leader, type LeaderLevel, type LevelStats } from '../../services/leaders-api.js';

interface CreateValues {
  name: string;
  level: LeaderLevel;
  title: string;
  workUnit?: string;
  orgId: number;
}

/** The org kind a leader of each level sits on. */
const LEVEL_KIND = { city: 'city', county: 'county', township: 'street', community: 'community' } as const;

/** 领导干部包联: the leaders of the area, and per level what they link to, visit, find and solve. */
export default function LeadersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [level, setLevel] = useState<LeaderLevel | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const pickedLevel = Form.useWatch('level', form);
  const { data, loading, error, reload } = usePaged(`${level}|${page}`, () => api.listLeaders({ level, page, pageSize: 20 }), t('error.unknown'));

  const create = async (v: CreateValues) => {
    const l = await api.createLeader({ ...v, workUnit: v.workUnit?.trim() || undefined });
    reload();
    navigate(`/leaders/${l.id}`);
  };

  const levelOptions = LEADER_LEVELS.map((l) => ({ value: l, label: t(`leaders.level.${l}`) }));

  return (
    <div>
      <PageHeader
        title={t('nav.leaders')}
        description={t('leaders.description')}
        extra={can('leaders.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('leaders.create')}</Button>
        )}
      />
      <Tabs
        items={[
          {
            key: 'list', label: t('leaders.listTab'),
            children: (
              <>
                <Select
                  allowClear
                  placeholder={t('leaders.levelFilter')}
                  aria-label={t('leaders.levelFilter')}
                  options={levelOptions}
                  value={level}
                  onChange={(v) => { setLevel(v); setPage(1); }}
                  style={{ width: 200 }}
                  className="page-alert"
                />
                {error && <Alert type="error" showIcon title={error} className="page-alert" />}
                <Table<Leader>
                  rowKey="id"
                  loading={loading}
                  dataSource={data?.items ?? []}
                  aria-label={t('leaders.listTab')}
                  pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
                  columns={[
                    { title: t('leaders.name'), dataIndex: 'name', render: (v: string, l) => <Link to={`/leaders/${l.id}`}>{v}</Link> },
                    { title: t('leaders.levelLabel'), dataIndex: 'level', render: (v: LeaderLevel) => t(`leaders.level.${v}`) },
                    { title: t('leaders.title'), dataIndex: 'title' },
                    { title: t('leaders.orgName'), dataIndex: 'orgName' },
                    { title: t('leaders.linkCount'), dataIndex: 'linkCount' },
                    { title: t('leaders.visitCount'), dataIndex: 'visitCount' },
                    { title: t('leaders.problemsFound'), dataIndex: 'problemsFound' },
                    { title: t('leaders.problemsSolved'), dataIndex: 'problemsSolved' },
                  ]}
                />
              </>
            ),
          },
          { key: 'stats', label: t('leaders.statsTab'), children: <LeaderStats /> },
        ]}
      />
      <FormModal<CreateValues>
        open={open}
        title={t('leaders.create')}
        form={form}
        onSubmit={create}
        onClose={() => setOpen(false)}
      >
        <Form.Item name="name" label={t('leaders.name')} rules={[{ required: true, message: t('leaders.nameRequired') }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="level" label={t('leaders.levelLabel')} rules={[{ required: true, message: t('leaders.levelRequired') }]}>
          <Select options={levelOptions} aria-label={t('leaders.levelLabel')} />
        </Form.Item>
        <Form.Item name="title" label={t('leaders.title')} rules={[{ required: true, message: t('leaders.titleRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="workUnit" label={t('leaders.workUnit')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="orgId" label={t('leaders.orgName')} extra={t('leaders.orgHint')} rules={[{ required: true, message: t('leaders.orgRequired') }]}>
          <OrgSearchSelect kind={pickedLevel ? LEVEL_KIND[pickedLevel] : undefined} aria-label={t('leaders.orgName')} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/** Per level: leaders, linked communities and compounds, visits, problems found and solved (counted from demands). */
function LeaderStats() {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad('leader-stats', () => api.getLeaderStats(), t('error.unknown'));
  const items = data?.items ?? [];
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: items.map((s) => t(`leaders.level.${s.level}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['visits', 'problemsFound', 'problemsSolved'] as const).map((k) => ({
      type: 'bar', name: t(`leaders.${k === 'visits' ? 'visitCount' : k}`), data: items.map((s) => s[k]),
    })),
  }), [items, t]);
  return (
    <div>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<LevelStats>
        rowKey="level"
        loading={loading}
        dataSource={items}
        pagination={false}
        aria-label={t('leaders.statsTab')}
        columns={[
          { title: t('leaders.levelLabel'), dataIndex: 'level', render: (v: LeaderLevel) => t(`leaders.level.${v}`) },
          { title: t('leaders.leaders'), dataIndex: 'leaders' },
          { title: t('leaders.linkedCommunities'), dataIndex: 'linkedCommunities' },
          { title: t('leaders.linkedCompounds'), dataIndex: 'linkedCompounds' },
          { title: t('leaders.visitCount'), dataIndex: 'visits' },
          { title: t('leaders.problemsFound'), dataIndex: 'problemsFound' },
          { title: t('leaders.problemsSolved'), dataIndex: 'problemsSolved' },
        ]}
      />
      {items.length > 0 && <EChart option={option} height={300} ariaLabel={t('leaders.chart')} testId="leader-stats-chart" />}
    </div>
  );
}
