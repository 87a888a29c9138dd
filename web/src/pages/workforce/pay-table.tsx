import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as wf from '../../services/workforce-api.js';
import type { PostType, StarRule } from '../../services/workforce-api.js';

const THIS_YEAR = new Date().getFullYear();

/** 三岗十八级工资标准: a county's monthly pay per post type and grade for one year, with the star rules. */
export default function WorkforcePayTablePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { params, update } = useUrlState();
  const countyId = readInt(params, 'countyId', 0) || undefined;
  const year = readInt(params, 'year', THIS_YEAR);
  const loaded = useLoad(`${countyId}|${year}`, () => wf.getPayTable({ countyId, year }), t('error.unknown'));
  const table = loaded.data;
  // The edits in progress start from each table the server sends.
  const [rates, setRates] = useState<Record<string, number>>({});
  const [stars, setStars] = useState<StarRule[]>([]);
  useEffect(() => {
    if (!table) return;
    setRates(Object.fromEntries(table.rates.map((r) => [`${r.postType}:${r.grade}`, r.monthlyYuan])));
    setStars(table.stars);
  }, [table]);
  const [saveError, setError] = useState<string | null>(null);
  const error = saveError ?? loaded.error;
  const [saving, setSaving] = useState(false);
  const editable = can('workforce.rate');

  const save = async () => {
    if (!table) return;
    setSaving(true);
    setError(null);
    try {
      await wf.savePayTable({
        countyId: table.countyId, year,
        rates: wf.POST_TYPES.flatMap((postType) => Array.from({ length: wf.GRADES }, (_, i) => ({ postType, grade: i + 1, monthlyYuan: rates[`${postType}:${i + 1}`] ?? 0 }))),
        stars,
      });
      message.success(t('workforce.pay.saved', { year }));
      loaded.reload();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setSaving(false);
    }
  };

  const grades = Array.from({ length: wf.GRADES }, (_, i) => i + 1);
  const years = [...new Set([THIS_YEAR + 1, THIS_YEAR, ...(table?.years ?? [])])].sort((a, b) => b - a);
  const cell = (postType: PostType, grade: number) => {
    const key = `${postType}:${grade}`;
    const label = t('workforce.pay.cellLabel', { postType: t(`workforce.postType.${postType}`), grade });
    return editable
      ? <InputNumber aria-label={label} size="small" min={0} max={1_000_000} precision={0} style={{ width: 96 }} value={rates[key]} onChange={(v) => setRates((r) => ({ ...r, [key]: v ?? 0 }))} />
      : <span aria-label={label}>{(rates[key] ?? 0).toLocaleString()}</span>;
  };

  return (
    <div>
      <PageHeader
        title={t('nav.workforcePay')}
        description={t('workforce.pay.description')}
        extra={
          <Space wrap>
            {can('org.read') && (
              <OrgTreeSelect aria-label={t('workforce.pay.county')} placeholder={t('workforce.pay.county')} style={{ width: 220 }} value={countyId} onChange={(id) => update({ countyId: id })} />
            )}
            <Select aria-label={t('workforce.year')} style={{ width: 120 }} value={year} onChange={(v) => update({ year: v })}
              options={years.map((y) => ({ value: y, label: t('workforce.yearN', { year: y }) }))} />
            {editable && <Button type="primary" loading={saving} disabled={!table} onClick={() => void save()}>{t('workforce.pay.save', { year })}</Button>}
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" role="alert" />}
      {table && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <Typography.Text strong>{table.countyName}</Typography.Text>
            {table.saved
              ? <Tag color="green">{t('workforce.pay.savedTag', { year })}</Tag>
              : <Tag color="orange">{table.copiedFrom ? t('workforce.pay.copied', { from: table.copiedFrom }) : t('workforce.pay.empty')}</Tag>}
            {table.years.length > 0 && <Typography.Text type="secondary">{t('workforce.pay.history', { years: table.years.join('、') })}</Typography.Text>}
          </Space>
          <Card title={t('workforce.pay.rates')} size="small">
            <Table
              rowKey="grade"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={grades.map((grade) => ({ grade }))}
              columns={[
                { title: t('workforce.staff.grade'), dataIndex: 'grade', render: (g: number) => t('workforce.gradeN', { n: g }) },
                ...wf.POST_TYPES.map((p) => ({ title: t(`workforce.postType.${p}`), key: p, render: (_: unknown, r: { grade: number }) => cell(p, r.grade) })),
              ]}
            />
          </Card>
          <Card title={t('workforce.pay.stars')} size="small">
            <Typography.Paragraph type="secondary">{t('workforce.pay.starsHint')}</Typography.Paragraph>
            <Table<StarRule>
              rowKey="stars"
              size="small"
              pagination={false}
              dataSource={stars}
              columns={[
                { title: t('workforce.stars.level'), dataIndex: 'stars', render: (n: number) => '★'.repeat(n) },
                {
                  title: t('workforce.pay.minScore'), dataIndex: 'minScore',
                  render: (v: number, r) => (editable
                    ? <InputNumber aria-label={t('workforce.pay.minScoreOf', { n: r.stars })} size="small" min={0} max={100} step={0.5} value={v}
                      onChange={(x) => setStars((s) => s.map((y) => (y.stars === r.stars ? { ...y, minScore: x ?? 0 } : y)))} />
                    : v),
                },
                {
                  title: t('workforce.pay.subsidy'), dataIndex: 'subsidyYuan',
                  render: (v: number, r) => (editable
                    ? <InputNumber aria-label={t('workforce.pay.subsidyOf', { n: r.stars })} size="small" min={0} max={10_000_000} precision={0} value={v}
                      onChange={(x) => setStars((s) => s.map((y) => (y.stars === r.stars ? { ...y, subsidyYuan: x ?? 0 } : y)))} />
                    : v.toLocaleString()),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
