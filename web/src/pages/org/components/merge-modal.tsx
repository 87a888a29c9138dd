import { Alert, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import { orgKindLabel } from '../../../components/labels.js';
import { OrgSearchSelect } from '../../../components/org-search-select.js';
import * as api from '../../../services/api.js';
import type { OrgUnit, OrgUnitDetail } from '../../../services/types.js';

interface Values {
  intoId: number;
}

export function MergeModal({ unit, open, onClose, onDone }: { unit: OrgUnitDetail; open: boolean; onClose: () => void; onDone: (u: OrgUnit) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      open={open}
      title={t('org.merge.title', { name: unit.name })}
      form={form}
      onClose={onClose}
      danger
      okText={t('org.merge.ok')}
      onSubmit={async (v) => onDone(await api.mergeOrgUnit(unit.id, v.intoId))}
    >
      <Alert
        type="warning"
        showIcon
        className="modal-alert"
        title={t('org.merge.explain', {
          name: unit.name,
          households: unit.householdCount,
          residents: unit.residentCount,
          children: unit.childCount,
        })}
      />
      <Form.Item
        name="intoId"
        label={t('org.merge.into', { kind: orgKindLabel(t, unit.kind) })}
        rules={[{ required: true, message: t('org.merge.required') }]}
      >
        <OrgSearchSelect kind={unit.kind} excludeIds={[unit.id]} />
      </Form.Item>
    </FormModal>
  );
}
