import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import { orgKindLabel } from '../../../components/labels.js';
import { useLoad } from '../../../components/use-load.js';
import * as api from '../../../services/api.js';
import type { OrgUnit, OrgUnitDetail } from '../../../services/types.js';
import { CODE_PATTERN } from './org-rules.js';

interface Values {
  name: string;
  code: string;
  childIds: number[];
}

export function SplitModal({ unit, open, onClose, onDone }: { unit: OrgUnitDetail; open: boolean; onClose: () => void; onDone: (u: OrgUnit) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const loaded = useLoad(open ? `${unit.id}` : null, () => api.listOrgChildren(unit.id, 1, 500), t('error.unknown'));
  // null while loading; a list that cannot be read offers nothing.
  const children: OrgUnit[] | null = loaded.loading || (!loaded.data && !loaded.error) ? null : (loaded.data?.items ?? []).filter((c) => !c.dissolvedAt);

  const kindName = orgKindLabel(t, unit.kind);
  return (
    <FormModal<Values>
      open={open}
      width={560}
      title={t('org.split.title', { name: unit.name })}
      form={form}
      onClose={onClose}
      okText={t('org.split.ok')}
      onSubmit={async (v) => onDone(await api.splitOrgUnit(unit.id, { name: v.name.trim(), code: v.code.trim(), childIds: v.childIds }))}
    >
      <Alert type="info" showIcon className="modal-alert" title={t('org.split.explain', { name: unit.name, kind: kindName })} />
      <Form.Item name="name" label={t('org.split.newName', { kind: kindName })} rules={[{ required: true, whitespace: true, message: t('org.rule.nameRequired') }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('org.split.newCode')}
        rules={[
          { required: true, message: t('org.rule.codeRequired') },
          { pattern: CODE_PATTERN, message: t('org.rule.codeFormat') },
        ]}
      >
        <Input inputMode="numeric" maxLength={24} />
      </Form.Item>
      <Form.Item name="childIds" label={t('org.split.children')} rules={[{ required: true, message: t('org.split.childrenRequired') }]}>
        <Select
          mode="multiple"
          loading={children === null}
          placeholder={t('org.split.childrenPlaceholder')}
          showSearch={{ optionFilterProp: 'label' }}
          options={(children ?? []).map((c) => ({ value: c.id, label: c.name }))}
          notFoundContent={t('org.split.noChildren')}
        />
      </Form.Item>
    </FormModal>
  );
}
