import { useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import {
  BranchesOutlined, EditOutlined, HeatMapOutlined, HomeOutlined, MergeCellsOutlined, PlusOutlined, SwapOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../../components/auth-provider.js';
import { formatDateTime, formatNumber } from '../../../components/format.js';
import { GRID_TYPE_COLORS } from '../../../components/grid-colors.js';
import { orgKindLabel } from '../../../components/labels.js';
import { useLoad } from '../../../components/use-load.js';
import * as api from '../../../services/api.js';
import type { OrgUnit, OrgUnitDetail } from '../../../services/types.js';
import { CreateChildModal } from './create-child-modal.js';
import { GridHouseholdsChart } from './grid-households-chart.js';
import { MergeModal } from './merge-modal.js';
import { MoveModal } from './move-modal.js';
import { childKindOf } from './org-rules.js';
import { RenameModal } from './rename-modal.js';
import { SplitModal } from './split-modal.js';
import { UnitHistory } from './unit-history.js';

export type OrgChange =
  | { kind: 'create'; unit: OrgUnitDetail; result: OrgUnit }
  | { kind: 'rename'; unit: OrgUnitDetail; result: OrgUnit }
  | { kind: 'move'; unit: OrgUnitDetail; result: OrgUnit }
  | { kind: 'merge'; unit: OrgUnitDetail; result: OrgUnit }
  | { kind: 'split'; unit: OrgUnitDetail; result: OrgUnit };

interface Props {
  unitId: number;
  scopeOrgId: number;
  refreshKey: number;
  onSelect: (id: number) => void;
  onChanged: (change: OrgChange) => void;
}

type Action = OrgChange['kind'] | null;

export function UnitDetail({ unitId, scopeOrgId, refreshKey, onSelect, onChanged }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { data: unit, error } = useLoad(`${unitId}|${refreshKey}`, () => api.getOrgUnit(unitId), t('error.unknown'));
  const [action, setAction] = useState<Action>(null);

  if (error) return <Result status="warning" title={error} />;
  if (!unit || unit.id !== unitId) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const childKind = childKindOf(unit.kind);
  const isRoot = unit.id === scopeOrgId;
  const dissolved = !!unit.dissolvedAt;
  const writable = can('org.write') && !dissolved;
  const done = (kind: OrgChange['kind']) => (result: OrgUnit) => onChanged({ kind, unit, result } as OrgChange);
  const scopeIndex = unit.ancestors.findIndex((a) => a.id === scopeOrgId);
  const visibleAncestors = scopeIndex >= 0 ? unit.ancestors.slice(scopeIndex) : [];

  const actions = writable ? (
    <Space wrap>
      {childKind && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAction('create')}>
          {t('org.action.create', { kind: orgKindLabel(t, childKind) })}
        </Button>
      )}
      <Button icon={<EditOutlined />} onClick={() => setAction('rename')}>{t('org.action.rename')}</Button>
      <Tooltip title={isRoot ? t('org.action.rootLocked') : undefined}>
        <Button icon={<SwapOutlined />} disabled={isRoot} onClick={() => setAction('move')}>{t('org.action.move')}</Button>
      </Tooltip>
      <Tooltip title={isRoot ? t('org.action.rootLocked') : undefined}>
        <Button icon={<MergeCellsOutlined />} disabled={isRoot} onClick={() => setAction('merge')}>{t('org.action.merge')}</Button>
      </Tooltip>
      <Tooltip title={isRoot ? t('org.action.rootLocked') : unit.childCount === 0 ? t('org.action.splitNoChildren') : undefined}>
        <Button icon={<BranchesOutlined />} disabled={isRoot || unit.childCount === 0} onClick={() => setAction('split')}>
          {t('org.action.split')}
        </Button>
      </Tooltip>
    </Space>
  ) : null;

  return (
    <Space orientation="vertical" size="middle" className="full-width" aria-label={t('org.detail.region')} role="region">
      <Card>
        {visibleAncestors.length > 0 && (
          <Breadcrumb
            className="detail-breadcrumb"
            items={visibleAncestors.map((a) => ({
              key: a.id,
              title: (
                <Button type="link" size="small" className="link-button" onClick={() => onSelect(a.id)}>
                  {a.name}
                </Button>
              ),
            }))}
          />
        )}
        <div className="detail-head">
          <div>
            <Typography.Title level={4} className="detail-title">
              {unit.name}
            </Typography.Title>
            <Space size={4} wrap>
              <Tag color="geekblue">{orgKindLabel(t, unit.kind)}</Tag>
              {unit.gridType && <Tag color={GRID_TYPE_COLORS[unit.gridType]}>{t(`gridType.${unit.gridType}`)}</Tag>}
              {dissolved && <Tag color="default">{t('org.detail.dissolved')}</Tag>}
            </Space>
          </div>
          <Space wrap>
            {can('people.read') && (
              <Button icon={<HomeOutlined />} onClick={() => navigate(`/households?orgId=${unit.id}`)}>{t('org.detail.viewHouseholds')}</Button>
            )}
            {unit.kind !== 'building' && unit.kind !== 'unit' && (
              <Button icon={<HeatMapOutlined />} onClick={() => navigate(`/map?orgId=${unit.id}`)}>{t('org.detail.viewMap')}</Button>
            )}
          </Space>
        </div>
        {dissolved && (
          <Alert type="warning" showIcon className="detail-alert" title={t('org.detail.dissolvedAt', { at: formatDateTime(unit.dissolvedAt) })} />
        )}
        {unit.warning && <Alert type="warning" showIcon className="detail-alert" title={unit.warning} />}
        <Row gutter={16} className="detail-stats">
          <Col span={8}>
            <Statistic title={t('org.detail.children')} value={unit.childCount} formatter={(v) => formatNumber(Number(v))} />
          </Col>
          <Col span={8}>
            <Statistic title={t('org.detail.households')} value={unit.householdCount} formatter={(v) => formatNumber(Number(v))} />
          </Col>
          <Col span={8}>
            <Statistic title={t('org.detail.residents')} value={unit.residentCount} formatter={(v) => formatNumber(Number(v))} />
          </Col>
        </Row>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          bordered
          items={[
            { key: 'kind', label: t('org.field.kind'), children: orgKindLabel(t, unit.kind) },
            { key: 'code', label: t('org.field.code'), children: <Typography.Text copyable>{unit.code}</Typography.Text> },
            { key: 'name', label: t('org.field.name'), children: unit.name },
            { key: 'gridType', label: t('org.field.gridType'), children: unit.gridType ? t(`gridType.${unit.gridType}`) : t('org.detail.notGrid') },
            { key: 'county', label: t('org.field.countyCode'), children: unit.countyCode },
            { key: 'status', label: t('org.field.status'), children: dissolved ? t('org.detail.dissolved') : t('org.detail.active') },
          ]}
        />
        {actions && <div className="detail-actions">{actions}</div>}
      </Card>
      {unit.kind === 'community' && (
        <Card title={t('org.chart.title')} size="small">
          <GridHouseholdsChart unitId={unit.id} refreshKey={refreshKey} />
        </Card>
      )}
      <Card title={t('history.title')} size="small">
        <UnitHistory unitId={unit.id} refreshKey={refreshKey} />
      </Card>

      {childKind && (
        <CreateChildModal unit={unit} childKind={childKind} open={action === 'create'} onClose={() => setAction(null)} onDone={done('create')} />
      )}
      <RenameModal unit={unit} open={action === 'rename'} onClose={() => setAction(null)} onDone={done('rename')} />
      <MoveModal unit={unit} open={action === 'move'} onClose={() => setAction(null)} onDone={done('move')} />
      <MergeModal unit={unit} open={action === 'merge'} onClose={() => setAction(null)} onDone={done('merge')} />
      <SplitModal unit={unit} open={action === 'split'} onClose={() => setAction(null)} onDone={done('split')} />
    </Space>
  );
}
