import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import { orgKindLabel } from '../../../components/labels.js';
import * as api from '../../../services/api.js';
import { GRID_TYPES, type GridType, type OrgKind, type OrgUnit, type OrgUnitDetail } from '../../../services/types.js';
import { CODE_PATTERN } from './org-rules.js';

interface Values {
  name: string;
  code: string;
  gridType?: GridType;
}

interface Props {
  unit: OrgUnitDetail;
  childKind: OrgKind;
  open: boolean;
  onClose: () => void;
  onDone: (created: OrgUnit) => void;
}

export function CreateChildModal({ unit, childKind, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kindName = orgKindLabel(t, childKind);
  return (
    <FormModal<Values>
      open={open}
      title={t('org.create.title', { parent: unit.name, kind: kindName })}
      form={form}
      onClose={onClose}
      okText={t('org.create.ok')}
      onSubmit={async (v) => {
        onDone(await api.createOrgUnit({ parentId: unit.id, kind: childKind, code: v.code.trim(), name: v.name.trim(), gridType: v.gridType }));
      }}
    >
      <Form.Item name="name" label={t('org.field.name')} rules={[{ required: true, whitespace: true, message: t('org.rule.nameRequired') }, { max: 60 }]}>
        <Input placeholder={t('org.create.namePlaceholder', { kind: kindName })} maxLength={60} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('org.field.code')}
        extra={t('org.rule.codeHint', { parentCode: unit.code })}
        rules={[
          { required: true, message: t('org.rule.codeRequired') },
          { pattern: CODE_PATTERN, message: t('org.rule.codeFormat') },
        ]}
      >
        <Input inputMode="numeric" maxLength={24} />
      </Form.Item>
      {childKind === 'grid' && (
        <Form.Item name="gridType" label={t('org.field.gridType')} rules={[{ required: true, message: t('org.rule.gridTypeRequired') }]}>
          <Select options={GRID_TYPES.map((g) => ({ value: g, label: t(`gridType.${g}`) }))} placeholder={t('common.pleaseSelect')} />
        </Form.Item>
      )}
    </FormModal>
  );
}
