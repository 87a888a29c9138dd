import { useState } from 'react';
import { Alert, App, Button, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { applyServerErrors } from '../../../components/form-errors.js';
import { demandStateLabel } from '../../../components/demand-labels.js';
import { formatDateTime } from '../../../components/format.js';
import { OrgTreeSelect } from '../../../components/org-tree-select.js';
import { useLoad } from '../../../components/use-load.js';
import * as api from '../../../services/api.js';
import type { Demand, DemandCategory, DemandChannel, NewDemand } from '../../../services/types.js';
import { stateColor } from '../lifecycle.js';
import { HouseholdSelect } from './household-select.js';

interface Values {
  householdId?: number;
  orgId?: number;
  categoryCode: string;
  description: string;
  reporterName?: string;
  reporterPhone?: string;
  channel: Exclude<DemandChannel, 'rider'>; // riders report through their own page
}

const STAFF_CHANNELS: DemandChannel[] = ['walk_in', 'hotline', 'visit', 'leader_visit'];

/** 来访、热线登记. A likely duplicate is shown with links to the open ones and a "record anyway". */
export function CreateDemandModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const categories: DemandCategory[] = useLoad(open ? 'categories' : null, () => api.listDemandCategories(), t('error.unknown')).data?.items ?? [];
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<Demand[] | null>(null);

  const submit = async (force: boolean) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    const input: NewDemand = {
      householdId: v.householdId, orgId: v.householdId ? undefined : v.orgId, categoryCode: v.categoryCode,
      description: v.description, reporterName: v.reporterName || undefined, reporterPhone: v.reporterPhone || undefined,
      channel: v.channel, force: force || undefined,
    };
    try {
      const { demand } = await api.createDemand(input);
      message.success(t('demands.new.created', { id: demand.id }));
      setDuplicates(null);
      onClose();
      onCreated(demand.id);
    } catch (e) {
      const dups = api.likelyDuplicates(e);
      if (dups) setDuplicates(dups);
      else setError(applyServerErrors(form, e, t('error.unknown')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('demands.new.title')}
      width={640}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => {
        setError(null);
        setDuplicates(null);
      }}
      footer={
        duplicates
          ? [
              <Button key="back" onClick={() => setDuplicates(null)}>{t('common.back')}</Button>,
              <Button key="force" type="primary" danger loading={saving} onClick={() => void submit(true)}>{t('demands.dup.force')}</Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
              <Button key="ok" type="primary" loading={saving} onClick={() => void submit(false)}>{t('demands.new.submit')}</Button>,
            ]
      }
    >
      {error && <Alert type="error" showIcon title={error} className="modal-alert" role="alert" />}
      {duplicates && (
        <div role="region" aria-label={t('demands.dup.title')}>
          <Alert type="warning" showIcon title={t('demands.dup.title')} description={t('demands.dup.hint')} className="modal-alert" />
          <List
            size="small"
            bordered
            dataSource={duplicates}
            renderItem={(d) => (
              <List.Item extra={<Link to={`/demands/${d.id}`} target="_blank">{t('demands.dup.open')} #{d.id}</Link>}>
                <Space direction="vertical" size={0}>
                  <Space size={6}>
                    <Tag color={stateColor(d.state)}>{demandStateLabel(t, d.state, d.stateName)}</Tag>
                    <Typography.Text strong>{d.categoryName}</Typography.Text>
                    <Typography.Text type="secondary">{formatDateTime(d.createdAt)}</Typography.Text>
                  </Space>
                  <Typography.Text>{d.description}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
      <Form<Values> form={form} layout="vertical" preserve initialValues={{ channel: 'walk_in' }} hidden={!!duplicates}>
        <Form.Item name="householdId" label={t('demands.new.household')} extra={t('demands.new.placeHelp')}>
          <HouseholdSelect aria-label={t('demands.new.household')} placeholder={t('demands.new.householdPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('demands.new.org')}
          dependencies={['householdId']}
          rules={[({ getFieldValue }) => ({
            validator: (_, v) => (v || getFieldValue('householdId') ? Promise.resolve() : Promise.reject(new Error(t('demands.new.placeRequired')))),
          })]}
        >
          <OrgTreeSelect aria-label={t('demands.new.org')} />
        </Form.Item>
        <Space size={12} className="full-width" align="start">
          <Form.Item name="categoryCode" label={t('demands.new.category')} rules={[{ required: true, message: t('demands.new.categoryRequired') }]} style={{ width: 200 }}>
            <Select aria-label={t('demands.new.category')} options={categories.map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('demands.new.channel')} style={{ width: 160 }}>
            <Select aria-label={t('demands.new.channel')} options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`demandChannel.${c}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('demands.new.descriptionLabel')} rules={[{ required: true, min: 2, whitespace: true, message: t('demands.new.descriptionRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Space size={12} align="start">
          <Form.Item name="reporterName" label={t('demands.new.reporterName')} style={{ width: 200 }}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="reporterPhone" label={t('demands.new.reporterPhone')} style={{ width: 200 }} rules={[{ pattern: /^1\d{10}$/, message: t('demands.new.phoneInvalid') }]}>
            <Input maxLength={11} inputMode="tel" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
