import { Alert, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import { orgKindLabel } from '../../../components/labels.js';
import { OrgSearchSelect } from '../../../components/org-search-select.js';
import * as api from '../../../services/api.js';
import type { OrgUnit, OrgUnitDetail } from '../../../services/types.js';
import { parentKindOf } from './org-rules.js';

interface Values {
  newParentId: number;
}

export function MoveModal({ unit, open, onClose, onDone }: { unit: OrgUnitDetail; open: boolean; onClose: () => void; onDone: (u: OrgUnit) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const parentKind = parentKindOf(unit.kind) ?? undefined;
  const currentParent = unit.ancestors[unit.ancestors.length - 1];
  return (
    <FormModal<Values>
      open={open}
      title={t('org.move.title', { name: unit.name })}
      form={form}
      onClose={onClose}
      okText={t('org.move.ok')}
      onSubmit={async (v) => onDone(await api.moveOrgUnit(unit.id, v.newParentId))}
    >
      <Alert
        type="info"
        showIcon
        className="modal-alert"
        title={t('org.move.explain', { current: currentParent?.name ?? '-', kind: parentKind ? orgKindLabel(t, parentKind) : '-' })}
      />
      <Form.Item name="newParentId" label={t('org.move.newParent')} rules={[{ required: true, message: t('org.move.required') }]}>
        <OrgSearchSelect kind={parentKind} excludeIds={currentParent ? [currentParent.id] : []} />
      </Form.Item>
    </FormModal>
  );
}
