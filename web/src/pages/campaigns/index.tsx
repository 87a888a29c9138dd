import { useRef, useState, useEffect } from 'react';
import { Alert, Button, DatePicker, Form, Input, Progress, Select, Spin, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { orgKindLabel } from '../../components/labels.js';
import { PageHeader } from '../../components/page-header.js';
import { usePaged } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import * as campaigns from '../../services/campaigns-api.js';
import { CAMPAIGN_KINDS, type Campaign, type CampaignKind } from '../../services/campaigns-api.js';

interface LaunchValues {
  kind: CampaignKind;
  title: string;
  description?: string;
  period: [Dayjs, Dayjs];
  targetIds: number[];
}

/** 专项行动: the campaigns of the street or county, with their progress; a street or county launches one. */
export default function CampaignsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [kind, setKind] = useState<CampaignKind | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<LaunchValues>();
  const { data, loading, error, reload } = usePaged(`${kind}|${page}`, () => campaigns.listCampaigns({ kind, page, pageSize: 20 }), t('error.unknown'));
  const kindOptions = CAMPAIGN_KINDS.map((k) => ({ value: k, label: t(`campaigns.kind.${k}`) }));

  const launch = async (v: LaunchValues) => {
    const c = await campaigns.launchCampaign({
      kind: v.kind, title: v.title, description: v.description ?? '', startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD'),
      targetIds: v.targetIds,
    });
    form.resetFields();
    reload();
    navigate(`/campaigns/${c.id}`);
  };

  return (
    <div>
      <PageHeader
        title={t('nav.campaigns')}
        description={t('campaigns.description')}
        extra={can('campaigns.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('campaigns.launch')}</Button>}
      />
      <Select allowClear placeholder={t('campaigns.kindLabel')} aria-label={t('campaigns.kindLabel')} options={kindOptions} value={kind}
        onChange={(v) => { setKind(v); setPage(1); }} style={{ width: 200 }} className="page-alert" />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<Campaign>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        aria-label={t('nav.campaigns')}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('campaigns.title'), dataIndex: 'title', render: (v: string, c) => <Link to={`/campaigns/${c.id}`}>{v}</Link> },
          { title: t('campaigns.kindLabel'), dataIndex: 'kind', render: (v: CampaignKind) => t(`campaigns.kind.${v}`) },
          { title: t('campaigns.launcher'), dataIndex: 'orgName' },
          { title: t('campaigns.period'), key: 'period', render: (_: unknown, c) => `${c.startsOn} ~ ${c.endsOn}` },
          {
            title: t('campaigns.demandsResolved'), key: 'demands',
            render: (_: unknown, c) => `${c.progress.demandsResolved} / ${c.progress.demandsTotal}`,
          },
          { title: t('campaigns.activitiesHeld'), key: 'activities', render: (_: unknown, c) => c.progress.activitiesHeld },
          {
            title: t('campaigns.targetsReached'), key: 'targets',
            render: (_: unknown, c) => (
              <Progress size="small" style={{ width: 140 }} percent={c.progress.targetsTotal ? Math.round((100 * c.progress.targetsReached) / c.progress.targetsTotal) : 0}
                format={() => `${c.progress.targetsReached}/${c.progress.targetsTotal}`} />
            ),
          },
        ]}
      />
      <FormModal<LaunchValues> open={open} title={t('campaigns.launch')} form={form} onSubmit={launch} onClose={() => setOpen(false)} width={620}
        initialValues={{ kind: 'parking', period: [dayjs(), dayjs().add(30, 'day')] }}>
        <Form.Item name="kind" label={t('campaigns.kindLabel')} rules={[{ required: true }]}>
          <Select options={kindOptions} aria-label={t('campaigns.kindLabel')} />
        </Form.Item>
        <Form.Item name="title" label={t('campaigns.title')} rules={[{ required: true, min: 2, message: t('campaigns.titleRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="description" label={t('campaigns.descriptionLabel')}>
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
        <Form.Item name="period" label={t('campaigns.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker aria-label={t('campaigns.period')} />
        </Form.Item>
        <Form.Item name="targetIds" label={t('campaigns.targets')} extra={t('campaigns.targetsHint')} rules={[{ required: true, message: t('campaigns.targetsRequired') }]}>
          <TargetSelect />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/** Several communities or compounds (grids) of the scope, found by name. */
function TargetSelect({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const known = useRef(new Map<number, string>());
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(() => {
      setLoading(true);
      Promise.all([api.searchOrgUnits(q.trim(), 'community'), api.searchOrgUnits(q.trim(), 'grid')])
        .then(([a, b]) => {
          const hits = [...a.items, ...b.items].filter((h) => !h.dissolvedAt);
          for (const h of hits) known.current.set(h.id, t('campaigns.targetLabel', { name: h.name, kind: orgKindLabel(t, h.kind) }));
          setOptions(hits.map((h) => ({ value: h.id, label: known.current.get(h.id)! })));
        })
        .catch(() => setOptions([]))
        .finally(() => setLoading(false));
    }, 300);
  };
  const picked = (value ?? []).filter((id) => !options.some((o) => o.value === id)).map((id) => ({ value: id, label: known.current.get(id) ?? String(id) }));
  return (
    <Select<number[]> mode="multiple" value={value} onChange={(v) => onChange?.(v)} aria-label={t('campaigns.targets')}
      showSearch={{ filterOption: false, onSearch: search }} placeholder={t('campaigns.targetsSearch')} options={[...picked, ...options]}
      notFoundContent={loading ? <Spin size="small" /> : null} />
  );
}
