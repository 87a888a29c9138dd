import { useMemo } from 'react';
import { Alert, Card, Checkbox, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EChart } from '../../components/echart.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/selfrun-steps-api.js';
import type { BoardRow, Reached } from '../../services/selfrun-steps-api.js';

/** 十步进度: the compounds in scope with their mode and the step reached; a chart of self-run compounds by step. */
export default function SelfrunStepsBoardPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const step = (params.get('step') || undefined) as Reached | undefined;
  const name = params.get('name') || undefined;
  // 待决定: compounds a 重新选聘/清退 left without a company (the notification links here with awaiting=1).
  const awaiting = params.get('awaiting') === '1' ? '1' as const : undefined;
  const board = useLoad(`${page}|${pageSize}|${step}|${name}|${awaiting}`, () => api.getBoard({ page, pageSize, step, name, awaiting }), t('error.unknown'));
  const figures = useLoad('figures', () => api.getFigures(), t('error.unknown'));
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: (figures.data?.byStep ?? []).map((s) => t(`selfrunSteps.step.${s.step}`)), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('selfrunSteps.compounds'), type: 'bar', data: (figures.data?.byStep ?? []).map((s) => s.compounds) }],
  }), [figures.data, t]);

  return (
    <div>
      <PageHeader title={t('nav.selfrunSteps')} description={t('selfrunSteps.boardDescription')} />
      {(board.error || figures.error) && <Alert type="error" showIcon message={board.error ?? figures.error} style={{ marginBottom: 12 }} />}
      <Card size="small" title={t('selfrunSteps.figuresTitle')} style={{ marginBottom: 16 }}>
        <EChart option={option} height={260} ariaLabel={t('selfrunSteps.figuresTitle')} testId="selfrun-steps-chart" />
        {figures.data && figures.data.byStreet.length > 0 && (
          <Table
            size="small" rowKey="streetId" pagination={false} dataSource={figures.data.byStreet} style={{ marginTop: 8 }}
            columns={[
              { title: t('selfrunSteps.street'), dataIndex: 'street' },
              { title: t('selfrunSteps.inProgress'), dataIndex: 'inProgress' },
              { title: t('selfrunSteps.doneCount'), dataIndex: 'done' },
            ]}
          />
        )}
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('selfrunSteps.searchName')} defaultValue={name} onSearch={(v) => update({ name: v || undefined, page: undefined })} style={{ width: 220 }} />
        <Select
          allowClear placeholder={t('selfrunSteps.filterStep')} value={step} style={{ width: 180 }} onChange={(v) => update({ step: v, page: undefined })}
          options={[...api.STEP_KEYS, 'done' as const].map((s) => ({ value: s, label: t(`selfrunSteps.step.${s}`) }))}
        />
        <Checkbox checked={!!awaiting} onChange={(e) => update({ awaiting: e.target.checked ? '1' : undefined, page: undefined })}>{t('selfrunLinks.handover.filter')}</Checkbox>
      </Space>
      <Table<BoardRow>
        rowKey="compoundId" loading={board.loading} dataSource={board.data?.items ?? []}
        pagination={{ current: page, pageSize, total: board.data?.total ?? 0, onChange: (p, s) => update({ page: String(p), pageSize: String(s) }) }}
        columns={[
          { title: t('selfrunSteps.compound'), render: (_, r) => <Link to={`/selfrun/compounds/${r.compoundId}/steps`}>{r.name}</Link> },
          { title: t('selfrunSteps.community'), dataIndex: 'community' },
          { title: t('selfrunSteps.modeTitle'), render: (_, r) => <Tag color={r.mode === 'self_run' ? 'green' : undefined}>{t(`selfrunSteps.mode.${r.mode}`)}</Tag> },
          {
            title: t('selfrunSteps.reached'),
            render: (_, r) => (r.handover ? (
              <Tooltip title={t('selfrunLinks.handover.hint')}>
                <Tag color="orange" data-testid={`handover-${r.compoundId}`}>
                  {t('selfrunLinks.handover.awaiting', { cause: t(`selfrunLinks.handover.cause.${r.handover.cause}`), company: r.handover.companyName })}
                  {r.handover.reselectTo && ` · ${t(`selfrunLinks.handover.to.${r.handover.reselectTo}`)}`}
                </Tag>
              </Tooltip>
            ) : r.step ? <Tag color={r.step === 'done' ? 'green' : 'blue'}>{t(`selfrunSteps.step.${r.step}`)}</Tag> : '-'),
          },
          { title: t('selfrunSteps.updatedAt'), render: (_, r) => formatDateTime(r.updatedAt) },
        ]}
      />
    </div>
  );
}
