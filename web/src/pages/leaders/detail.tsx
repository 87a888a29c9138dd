import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { demandStateLabel } from '../../components/demand-labels.js';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { orgKindLabel } from '../../components/labels.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as demandsApi from '../../services/api.js';
import * as api from '../../services/leaders-api.js';
import type { LeaderLink, LeaderVisit } from '../../services/leaders-api.js';

interface LinkValues {
  orgId: number;
  since?: Dayjs;
}

interface VisitValues {
  orgId: number;
  visitedOn: Dayjs;
  summary: string;
  problems?: { description: string; categoryCode: string }[];
}

/** One leader: current and past links (包联), visits with the problems raised as demands. */
export default function LeaderDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const [linking, setLinking] = useState(false);
  const [visiting, setVisiting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [linkForm] = Form.useForm<LinkValues>();
  const [visitForm] = Form.useForm<VisitValues>();
  const { data: leader, error, loading, reload } = useLoad(`leader|${id}`, () => api.getLeader(id), t('error.unknown'));
  const writable = can('leaders.write');

  const categories = useLoad('categories', () => demandsApi.listDemandCategories(), t('error.unknown')).data?.items ?? [];

  const link = async (v: LinkValues) => {
    await api.linkLeader(id, { orgId: v.orgId, since: v.since?.format('YYYY-MM-DD') });
    reload();
  };
  const unlink = async (k: LeaderLink) => {
    setActionError(null);
    try {
      await api.endLeaderLink(id, k.id);
      reload();
    } catch (e) {
      setActionError(errorMessage(e, t('error.unknown')));
    }
  };
  const visit = async (v: VisitValues) => {
    await api.recordVisit(id, {
      orgId: v.orgId, visitedOn: v.visitedOn.format('YYYY-MM-DD'), summary: v.summary.trim(),
      problems: (v.problems ?? []).map((p) => ({ description: p.description.trim(), categoryCode: p.categoryCode })),
    });
    reload();
  };

  const linkColumns = (past: boolean) => [
    { title: t('leaders.linkedUnit'), dataIndex: 'orgName' },
    { title: t('leaders.unitKind'), dataIndex: 'orgKind', render: (k: string) => orgKindLabel(t, k) },
    { title: t('leaders.since'), dataIndex: 'since' },
    ...(past
      ? [{ title: t('leaders.until'), dataIndex: 'until' }]
      : writable ? [{
        title: t('leaders.actions'), key: 'actions',
        render: (_: unknown, k: LeaderLink) => (
          <Popconfirm title={t('leaders.unlinkConfirm', { name: k.orgName })} onConfirm={() => unlink(k)}>
            <Button size="small" danger>{t('leaders.unlink')}</Button>
          </Popconfirm>
        ),
      }] : []),
  ];

  return (
    <div>
      <PageHeader
        title={leader ? `${leader.name} · ${leader.title}` : t('nav.leaders')}
        description={t('leaders.detailDescription')}
        extra={
          <Space wrap>
            <Link to="/leaders"><Button icon={<ArrowLeftOutlined />}>{t('leaders.back')}</Button></Link>
            {writable && <Button onClick={() => setLinking(true)}>{t('leaders.link')}</Button>}
            {writable && <Button type="primary" onClick={() => setVisiting(true)}>{t('leaders.recordVisit')}</Button>}
          </Space>
        }
      />
      {(error || actionError) && <Alert type="error" showIcon title={error ?? actionError} className="page-alert" />}
      {leader && (
        <Descriptions size="small" className="page-alert" items={[
          { key: 'level', label: t('leaders.levelLabel'), children: t(`leaders.level.${leader.level}`) },
          { key: 'org', label: t('leaders.orgName'), children: leader.orgName },
          { key: 'unit', label: t('leaders.workUnit'), children: leader.workUnit || '-' },
          { key: 'visits', label: t('leaders.visitCount'), children: leader.visitCount },
          { key: 'found', label: t('leaders.problemsFound'), children: <span data-testid="leader-found">{leader.problemsFound}</span> },
          { key: 'solved', label: t('leaders.problemsSolved'), children: <span data-testid="leader-solved">{leader.problemsSolved}</span> },
        ]} />
      )}
      <Card title={t('leaders.currentLinks')} className="page-alert">
        <Table<LeaderLink> rowKey="id" size="small" loading={loading} dataSource={leader?.links ?? []} pagination={false}
          aria-label={t('leaders.currentLinks')} columns={linkColumns(false)} />
      </Card>
      <Card title={t('leaders.pastLinks')} className="page-alert">
        <Table<LeaderLink> rowKey="id" size="small" loading={loading} dataSource={leader?.pastLinks ?? []} pagination={false}
          aria-label={t('leaders.pastLinks')} columns={linkColumns(true)} />
      </Card>
      <Card title={t('leaders.visits')}>
        <Table<LeaderVisit>
          rowKey="id" size="small" loading={loading} dataSource={leader?.visits ?? []} pagination={false} aria-label={t('leaders.visits')}
          columns={[
            { title: t('leaders.visitedOn'), dataIndex: 'visitedOn' },
            { title: t('leaders.linkedUnit'), dataIndex: 'orgName' },
            { title: t('leaders.summary'), dataIndex: 'summary' },
            {
              title: t('leaders.problems'), key: 'problems',
              render: (_, v) => (
                <Space direction="vertical" size={2}>
                  {v.problems.map((p) => (
                    <span key={p.demandId}>
                      <Link to={`/demands/${p.demandId}`}>{p.description}</Link>{' '}
                      <Tag color={p.solved ? 'green' : 'orange'}>{demandStateLabel(t, p.state)}</Tag>
                    </span>
                  ))}
                </Space>
              ),
            },
            { title: t('leaders.problemsFound'), dataIndex: 'problemsFound' },
            { title: t('leaders.problemsSolved'), dataIndex: 'problemsSolved' },
            { title: t('leaders.recordedBy'), dataIndex: 'recordedBy' },
          ]}
        />
      </Card>
      <FormModal<LinkValues> open={linking} title={t('leaders.link')} form={linkForm} onSubmit={link} onClose={() => setLinking(false)}>
        <Form.Item name="orgId" label={t('leaders.linkedUnit')} extra={t('leaders.linkHint')} rules={[{ required: true, message: t('leaders.orgRequired') }]}>
          <OrgSearchSelect aria-label={t('leaders.linkedUnit')} />
        </Form.Item>
        <Form.Item name="since" label={t('leaders.since')}>
          <DatePicker aria-label={t('leaders.since')} />
        </Form.Item>
      </FormModal>
      <FormModal<VisitValues>
        open={visiting}
        title={t('leaders.recordVisit')}
        form={visitForm}
        onSubmit={visit}
        onClose={() => setVisiting(false)}
        width={640}
        initialValues={{ visitedOn: dayjs(), orgId: leader?.links[0]?.orgId }}
      >
        <Form.Item name="orgId" label={t('leaders.visitedUnit')} rules={[{ required: true, message: t('leaders.orgRequired') }]}>
          <Select aria-label={t('leaders.visitedUnit')} options={(leader?.links ?? []).map((k) => ({ value: k.orgId, label: k.orgName }))} />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('leaders.visitedOn')} rules={[{ required: true, message: t('leaders.visitedOnRequired') }]}>
          <DatePicker aria-label={t('leaders.visitedOn')} />
        </Form.Item>
        <Form.Item name="summary" label={t('leaders.summary')} rules={[{ required: true, message: t('leaders.summaryRequired') }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'description']} rules={[{ required: true, min: 2, message: t('leaders.problemRequired') }]}>
                    <Input placeholder={t('leaders.problemPlaceholder')} aria-label={t('leaders.problem')} style={{ width: 300 }} maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'categoryCode']} initialValue="other">
                    <Select aria-label={t('leaders.category')} style={{ width: 140 }} options={categories.map((c) => ({ value: c.code, label: c.name }))} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('leaders.removeProblem')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{t('leaders.addProblem')}</Button>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('leaders.problemsHint')}</Typography.Paragraph>
            </>
          )}
        </Form.List>
      </FormModal>
    </div>
  );
}
