import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, GiftOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { formatDateTime } from '../../components/format.js';
import { roleLabel } from '../../components/labels.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as points from '../../services/points-api.js';
import type { RuleItem } from '../../services/points-api.js';
import { categoryLabel, CATEGORIES } from './components/category.js';
import { CommunityPicker, useCommunity } from './components/community.js';
import { CommunityOverview } from './components/community-overview.js';

/** 积分规则: base points and the items a community scores, each change a new version. */
export default function PointsRulesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { communityId, fixed, setCommunityId } = useCommunity();
  const editable = can('points.rules');
  const [editing, setEditing] = useState<RuleItem | 'new' | null>(null);
  const [editingBase, setEditingBase] = useState(false);
  const [history, setHistory] = useState<RuleItem | null>(null);

  const { data, loading, error, reload } = useLoad(communityId ? `${communityId}` : null, () => points.getRules(communityId!), t('error.unknown'));
  const rules = data ?? undefined;

  const columns = [
    { title: t('points.rules.col.name'), dataIndex: 'name', render: (v: string, r: RuleItem) => <Space>{v}{!r.active && <Tag>{t('points.rules.inactive')}</Tag>}</Space> },
    { title: t('points.rules.col.category'), dataIndex: 'category', width: 120, render: (c: string) => categoryLabel(t, c) },
    {
      title: t('points.rules.col.points'),
      dataIndex: 'points',
      width: 110,
      align: 'right' as const,
      render: (v: number, r: RuleItem) => (
        <Typography.Text type={r.direction === 'negative' ? 'danger' : 'success'}>
          {r.direction === 'negative' ? '−' : '+'}{v}{r.unit === 'hours' ? t('points.rules.perHour') : ''}
        </Typography.Text>
      ),
    },
    { title: t('points.rules.col.monthlyCap'), dataIndex: 'monthlyCap', width: 110, align: 'right' as const, render: (v: number | null) => v ?? t('points.rules.noCap') },
    { title: t('points.rules.col.evidence'), dataIndex: 'evidenceRequired', width: 100, render: (v: boolean) => (v ? <Tag color="orange">{t('points.rules.evidenceRequired')}</Tag> : '-') },
    { title: t('points.rules.col.recorders'), dataIndex: 'recorderRoles', render: (v: string[]) => v.map((r) => <Tag key={r}>{roleLabel(t, r)}</Tag>) },
    { title: t('points.rules.col.version'), dataIndex: 'version', width: 90, render: (v: number, r: RuleItem) => <span title={formatDateTime(r.validFrom)}>v{v}</span> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, r: RuleItem) => (
        <Space size={0}>
          {editable && <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('points.rules.editItem', { name: r.name })}>{t('points.rules.edit')}</Button>}
          <Button type="link" icon={<HistoryOutlined />} onClick={() => setHistory(r)} aria-label={t('points.rules.historyOf', { name: r.name })}>{t('points.rules.history')}</Button>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.pointsRules')}
        description={t('points.rules.description')}
        extra={
          <Space wrap>
            <CommunityPicker value={communityId} fixed={fixed} onChange={setCommunityId} />
            {editable && communityId && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('points.rules.addItem')}</Button>}
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {!communityId && <CommunityOverview onPick={setCommunityId} />}
      {communityId && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={t('points.rules.base')}
            loading={loading && !rules}
            extra={editable && rules && (
              <Space>
                <GrantBaseButton communityId={communityId} />
                <Button icon={<EditOutlined />} onClick={() => setEditingBase(true)}>{t('points.rules.editBase')}</Button>
              </Space>
            )}
          >
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('points.holderKind.household')}>{rules?.baseHousehold ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('points.holderKind.merchant')}>{rules?.baseMerchant ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('points.rules.objectionDays')}>{rules ? t('points.rules.days', { count: rules.objectionDays }) : '-'}</Descriptions.Item>
              <Descriptions.Item label={t('points.rules.customized')}>{rules ? (rules.customized ? t('points.rules.yes') : t('points.rules.defaults')) : '-'}</Descriptions.Item>
              <Descriptions.Item label={t('baseRedeem.label')}>
                <span data-testid="base-redeemable">{rules ? (rules.baseRedeemable ? t('baseRedeem.on') : t('baseRedeem.off')) : '-'}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {(['positive', 'negative'] as const).map((dir) => (
            <Card key={dir} title={t(`points.direction.${dir}`)}>
              <Table<RuleItem>
                rowKey="code"
                size="small"
                loading={loading}
                dataSource={rules?.items.filter((i) => i.direction === dir) ?? []}
                pagination={false}
                scroll={{ x: 1000 }}
                columns={columns}
                locale={{ emptyText: t('points.rules.empty') }}
              />
            </Card>
          ))}
        </Space>
      )}
      {communityId && editing && (
        <ItemModal communityId={communityId} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={reload} />
      )}
      {communityId && rules && editingBase && (
        <BaseModal communityId={communityId} household={rules.baseHousehold} merchant={rules.baseMerchant} objectionDays={rules.objectionDays} baseRedeemable={rules.baseRedeemable} onClose={() => setEditingBase(false)} onSaved={reload} />
      )}
      {communityId && <HistoryDrawer communityId={communityId} item={history} onClose={() => setHistory(null)} />}
    </div>
  );
}

/** The item's fields as the form holds them (the checkbox group gives plain strings). */
type ItemForm = Pick<RuleItem, 'name' | 'direction' | 'category' | 'points' | 'unit' | 'monthlyCap' | 'evidenceRequired' | 'active'> & { recorderRoles: string[] };

/** New item, or a change that becomes the item's next version (past records keep theirs). */
function ItemModal({ communityId, item, onClose, onSaved }: { communityId: number; item: RuleItem | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemForm>();
  const direction = Form.useWatch('direction', form);

  const submit = async (v: ItemForm) => {
    const recorderRoles = v.recorderRoles as RuleItem['recorderRoles'];
    const monthlyCap = v.monthlyCap ?? null;
    if (item) {
      await points.changeRuleItem(item.code, {
        communityId, name: v.name, points: v.points, monthlyCap, evidenceRequired: v.evidenceRequired, recorderRoles, active: v.active,
      });
    } else {
      await points.createRuleItem({
        communityId, name: v.name, direction: v.direction, category: v.category, points: v.points, unit: v.unit,
        monthlyCap, evidenceRequired: v.evidenceRequired, recorderRoles,
      });
    }
    message.success(item ? t('points.rules.savedVersion') : t('points.rules.created'));
    onSaved();
  };

  return (
    <FormModal<ItemForm>
      open
      title={item ? t('points.rules.editItem', { name: item.name }) : t('points.rules.addItem')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      intro={item && <Alert type="info" showIcon title={t('points.rules.versionHint', { version: item.version + 1 })} className="page-alert" />}
      initialValues={item ?? { direction: 'positive', unit: 'times', points: 1, monthlyCap: null, evidenceRequired: false, recorderRoles: ['community_worker', 'grid_worker'], active: true, category: CATEGORIES.positive[0] }}
    >
      <Form.Item name="name" label={t('points.rules.col.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('points.rules.nameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="direction" label={t('points.rules.col.direction')}>
          <Radio.Group disabled={!!item} onChange={(e) => form.setFieldValue('category', CATEGORIES[e.target.value as 'positive' | 'negative'][0])} options={(['positive', 'negative'] as const).map((d) => ({ value: d, label: t(`points.direction.${d}`) }))} />
        </Form.Item>
        <Form.Item name="unit" label={t('points.rules.col.unit')}>
          <Radio.Group disabled={!!item} options={(['times', 'hours'] as const).map((u) => ({ value: u, label: t(`points.unit.${u}`) }))} />
        </Form.Item>
      </Space>
      <Form.Item name="category" label={t('points.rules.col.category')} rules={[{ required: !item, whitespace: true, message: t('points.rules.categoryRequired') }]}>
        <Select
          disabled={!!item}
          aria-label={t('points.rules.col.category')}
          options={(item ? [item.category] : CATEGORIES[direction ?? 'positive']).map((c) => ({ value: c, label: categoryLabel(t, c) }))}
        />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="points" label={t('points.rules.col.points')} rules={[{ required: true, message: t('points.rules.pointsRequired') }]}>
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
        <Form.Item name="monthlyCap" label={t('points.rules.col.monthlyCap')} extra={t('points.rules.capHint')}>
          <InputNumber min={1} max={10000} precision={0} />
        </Form.Item>
      </Space>
      <Form.Item name="recorderRoles" label={t('points.rules.col.recorders')} rules={[{ required: true, type: 'array', min: 1, message: t('points.rules.recordersRequired') }]}>
        <Checkbox.Group options={points.RECORDER_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="evidenceRequired" label={t('points.rules.col.evidence')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {item && (
          <Form.Item name="active" label={t('points.rules.col.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Space>
    </FormModal>
  );
}

interface BaseForm {
  household: number;
  merchant: number;
  objectionDays: number;
  baseRedeemable: boolean;
}

/** 发放基础分: gives base points to every household and merchant of the community that has none yet; safe to repeat. */
function GrantBaseButton({ communityId }: { communityId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const grant = async () => {
    setBusy(true);
    try {
      const r = await points.grantBase(communityId);
      message.success(t('points.rules.grantBaseDone', { households: r.households, merchants: r.merchants }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t('points.rules.grantBaseConfirm')} onConfirm={() => void grant()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
      <Button icon={<GiftOutlined />} loading={busy}>{t('points.rules.grantBase')}</Button>
    </Popconfirm>
  );
}

function BaseModal({ communityId, household, merchant, objectionDays, baseRedeemable, onClose, onSaved }: {
  communityId: number; household: number; merchant: number; objectionDays: number; baseRedeemable: boolean; onClose: () => void; onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BaseForm>();
  const submit = async (v: BaseForm) => {
    await points.setBasePoints({ communityId, household: v.household, merchant: v.merchant, objectionDays: v.objectionDays, baseRedeemable: v.baseRedeemable });
    onSaved();
  };
  return (
    <FormModal<BaseForm> open title={t('points.rules.editBase')} form={form} onSubmit={submit} onClose={onClose} initialValues={{ household, merchant, objectionDays, baseRedeemable }}>
      <Form.Item name="household" label={t('points.holderKind.household')} rules={[{ required: true, message: t('points.rules.pointsRequired') }]}>
        <InputNumber min={0} max={10000} precision={0} />
      </Form.Item>
      <Form.Item name="merchant" label={t('points.holderKind.merchant')} rules={[{ required: true, message: t('points.rules.pointsRequired') }]}>
        <InputNumber min={0} max={10000} precision={0} />
      </Form.Item>
      <Form.Item name="objectionDays" label={t('points.rules.objectionDays')} extra={t('points.rules.objectionDaysHint')}>
        <InputNumber min={1} max={30} precision={0} />
      </Form.Item>
      <Form.Item name="baseRedeemable" label={t('baseRedeem.label')} valuePropName="checked" extra={t('baseRedeem.hint')}>
        <Switch aria-label={t('baseRedeem.label')} />
      </Form.Item>
    </FormModal>
  );
}

/** Every version of one item, newest first: what a past record was scored against. */
function HistoryDrawer({ communityId, item, onClose }: { communityId: number; item: RuleItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad(item ? `${communityId}|${item.code}` : null, () => points.listRuleVersions(item!.code, communityId), t('error.unknown'));
  return (
    <Drawer open={!!item} onClose={onClose} size={640} title={item ? t('points.rules.historyOf', { name: item.name }) : ''}>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<RuleItem>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={[...(data?.items ?? [])].sort((a, b) => b.version - a.version)}
        pagination={false}
        columns={[
          { title: t('points.rules.col.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: t('points.rules.col.name'), dataIndex: 'name' },
          { title: t('points.rules.col.points'), dataIndex: 'points', align: 'right' },
          { title: t('points.rules.col.monthlyCap'), dataIndex: 'monthlyCap', render: (v: number | null) => v ?? t('points.rules.noCap') },
          { title: t('points.rules.col.active'), dataIndex: 'active', render: (v: boolean) => (v ? t('points.rules.yes') : t('points.rules.no')) },
          { title: t('points.rules.col.validFrom'), dataIndex: 'validFrom', render: formatDateTime },
        ]}
      />
    </Drawer>
  );
}
