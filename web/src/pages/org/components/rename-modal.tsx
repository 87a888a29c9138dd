import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import * as api from '../../../services/api.js';
import type { OrgUnit, OrgUnitDetail } from '../../../services/types.js';

interface Values {
  name: string;
}

export function RenameModal({ unit, open, onClose, onDone }: { unit: OrgUnitDetail; open: boolean; onClose: () => void; onDone: (u: OrgUnit) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      open={open}
      title={t('org.rename.title', { name: unit.name })}
      form={form}
      initialValues={{ name: unit.name }}
      onClose={onClose}
      onSubmit={async (v) => onDone(await api.renameOrgUnit(unit.id, v.name.trim()))}
    >
      <Form.Item name="name" label={t('org.rename.newName')} rules={[{ required: true, whitespace: true, message: t('org.rule.nameRequired') }]}>
        <Input maxLength={60} />
      </Form.Item>
    </FormModal>
  );
}
