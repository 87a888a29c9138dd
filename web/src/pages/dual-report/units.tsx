import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/dual-report-api.js';
import type { NewWorkUnit, WorkUnit, WorkUnitKind } from '../../services/dual-report-api.js';
import { registersUnits } from '../../../../server/modules/cobuild/dual-report.policy.js';
import { UnitRecordView } from './unit-record.js';

/**
 * 共建单位: counties and streets register the work units of their area; staff see those of their
 * scope and those paired with or reported to their communities, each with its year. A unit's
 * admin sees its own unit only.
 */
export default function DualReportUnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.role === 'work_unit') {
    return (
      <div>
        <PageHeader title={t('nav.cobuildUnits')} description={t('dualReport.units.unitDescription')} />
        {me.workUnitId === null
          ? <Alert type="warning" showIcon title={t('dualReport.units.notLinked')} />
          : <UnitRecordView unitId={me.workUnitId} mode="unit" />}
      </div>
    );
  }
  return <UnitList />;
}

type UnitValues = Omit<NewWorkUnit, 'creditCode' | 'phone'> & { creditCode?: string; phone?: string };

function UnitList() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const q = params.get('q') ?? '';
  const kind = (params.get('kind') || undefined) as WorkUnitKind | undefined;
  const open = readInt(params, 'unit', 0) || null;
  const [editing, setEditing] = useState<WorkUnit | 'new' | null>(null);
  const [form] = Form.useForm<UnitValues>();
  const registrar = registersUnits(me.role);
  const { data, loading, error, reload } = usePaged(`${page}|${q}|${kind}`, () => api.listUnits({ page, pageSize: 20, q: q || undefined, kind }), t('error.unknown'));

  const save = async (v: UnitValues) => {
    const fields = { ...v, creditCode: v.creditCode?.trim() || null, phone: v.phone?.trim() || null };
    if (editing === 'new') await api.registerUnit(fields);
    else if (editing) await api.updateUnit(editing.id, { name: v.name, kind: v.kind, creditCode: fields.creditCode, partyOrgName: v.partyOrgName, contactName: v.contactName, ...(fields.phone ? { phone: fields.phone } : {}) });
    reload();
  };

  return (
    <div>
      <PageHeader title={t('nav.cobuildUnits')} description={t('dualReport.units.description')}
        extra={registrar && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('dualReport.units.register')}</Button>} />
      <Space wrap className="page-alert">
        <Input.Search aria-label={t('dualReport.units.search')} placeholder={t('dualReport.units.search')} allowClear defaultValue={q} style={{ width: 240 }}
          onSearch={(v) => update({ q: v.trim() || undefined, page: undefined })} />
        <Select aria-label={t('dualReport.unit.kind')} placeholder={t('dualReport.unit.kind')} allowClear style={{ width: 140 }} value={kind}
          options={api.WORK_UNIT_KINDS.map((k) => ({ value: k, label: t(`dualReport.kind.${k}`) }))} onChange={(v) => update({ kind: v, page: undefined })} />
      </Space>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<WorkUnit> rowKey="id" loading={loading} dataSource={data?.items ?? []} aria-label={t('nav.cobuildUnits')}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: (p) => update({ page: p }), showSizeChanger: false }}
        columns={[
          { title: t('dualReport.unit.name'), dataIndex: 'name', render: (v: string, u) => <Button type="link" onClick={() => update({ unit: u.id })}>{v}</Button> },
          { title: t('dualReport.unit.kind'), dataIndex: 'kind', render: (k: WorkUnitKind) => t(`dualReport.kind.${k}`) },
          { title: t('dualReport.unit.partyOrg'), dataIndex: 'partyOrgName' },
          { title: t('dualReport.unit.contact'), key: 'contact', render: (_, u) => `${u.contactName} ${u.phone ?? ''}` },
          { title: t('dualReport.unit.registeredBy'), dataIndex: 'orgName' },
          { title: t('dualReport.units.paired'), dataIndex: 'pairedCount', align: 'right' },
          { title: t('dualReport.units.members'), dataIndex: 'memberCount', align: 'right' },
          ...(registrar ? [{
            title: t('dualReport.field.actions'), key: 'actions',
            render: (_: unknown, u: WorkUnit) => <Button type="link" size="small" onClick={() => setEditing(u)}>{t('dualReport.action.edit')}</Button>,
          }] : []),
        ]} />
      <Drawer open={open !== null} width={1000} title={data?.items.find((u) => u.id === open)?.name ?? t('nav.cobuildUnits')} onClose={() => update({ unit: undefined })} destroyOnHidden>
        {open !== null && <UnitRecordView unitId={open} mode={registrar ? 'registrar' : 'viewer'} />}
      </Drawer>
      <FormModal<UnitValues> open={editing !== null} form={form} title={editing === 'new' ? t('dualReport.units.register') : t('dualReport.units.edit')}
        initialValues={editing && editing !== 'new'
          ? { orgId: editing.orgId, name: editing.name, kind: editing.kind, creditCode: editing.creditCode ?? undefined, partyOrgName: editing.partyOrgName, contactName: editing.contactName }
          : { kind: 'organ' }}
        onClose={() => setEditing(null)} onSubmit={save}>
        {editing === 'new' && (
          <Form.Item name="orgId" label={t('dualReport.unit.registeredBy')} extra={t('dualReport.units.orgHint')} rules={[{ required: true, message: t('dualReport.units.orgRequired') }]}>
            <OrgTreeSelect aria-label={t('dualReport.unit.registeredBy')} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('dualReport.unit.name')} rules={[{ required: true, whitespace: true, message: t('dualReport.units.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('dualReport.unit.kind')} rules={[{ required: true }]}>
          <Select options={api.WORK_UNIT_KINDS.map((k) => ({ value: k, label: t(`dualReport.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('dualReport.unit.creditCode')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="partyOrgName" label={t('dualReport.unit.partyOrg')} rules={[{ required: true, whitespace: true, message: t('dualReport.units.partyOrgRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="contactName" label={t('dualReport.unit.contactName')} rules={[{ required: true, whitespace: true, message: t('dualReport.units.contactRequired') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('dualReport.unit.phone')} extra={editing !== 'new' ? t('dualReport.units.phoneKeep') : undefined}>
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
