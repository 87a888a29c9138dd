import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import * as api from '../../../services/api.js';
import type { Account, DemandDetail, Department } from '../../../services/types.js';
import { needsNote, type DemandAction } from '../lifecycle.js';

export type ModalAction = DemandAction | 'rewhistle';

interface Values {
  note?: string;
  handlerAccountId?: number;
  departmentIds?: number[];
  intoId?: number;
}

const HANDLER_ROLES = ['grid_worker', 'community_worker', 'community_secretary', 'property_company'];

/** One lifecycle step that needs more than a click: a note, a handler, departments or a target. */
export function ActionModal({ demand, action, onClose, onDone }: {
  demand: DemandDetail;
  action: ModalAction | null;
  onClose: () => void;
  onDone: (d: DemandDetail, action: ModalAction) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [departments, setDepartments] = useState<Department[]>([]);
  const [handlers, setHandlers] = useState<Account[]>([]);
  const wantsDepartments = action === 'escalate' || action === 'rewhistle';

  useEffect(() => {
    if (wantsDepartments && !departments.length) api.listDepartments().then((r) => setDepartments(r.items), () => undefined);
    if (action === 'assign' && !handlers.length) {
      api.listAccounts().then((r) => setHandlers(r.items.filter((a) => HANDLER_ROLES.includes(a.role) && !a.disabled)), () => undefined);
    }
  }, [action]);

  const noteRequired = action === 'rewhistle' || (!!action && needsNote(action));
  const title = action ? (action === 'rewhistle' ? t('demands.detail.rewhistle') : t(`demandAction.${action}`)) : '';

  const submit = async (v: Values) => {
    const note = v.note?.trim() || undefined;
    const d = action === 'rewhistle'
      ? await api.rewhistle(demand.id, v.departmentIds ?? [], note ?? '')
      : await api.demandAction(demand.id, action!, { note, handlerAccountId: v.handlerAccountId, departmentIds: v.departmentIds, intoId: v.intoId });
    onDone(d, action!);
  };

  return (
    <FormModal<Values> open={!!action} title={`${title} · #${demand.id}`} form={form} okText={title} onClose={onClose} onSubmit={submit} width={520}>
      {action === 'assign' && (
        <Form.Item name="handlerAccountId" label={t('demands.act.handler')} rules={[{ required: true, message: t('demands.act.handlerRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={handlers.map((a) => ({ value: a.id, label: `${a.displayName}（${t(`role.${a.role}`)} · ${a.scopeName}）` }))}
          />
        </Form.Item>
      )}
      {wantsDepartments && (
        <Form.Item name="departmentIds" label={t('demands.act.departments')} rules={[{ required: true, message: t('demands.act.departmentsRequired') }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={departments
              .filter((d) => action !== 'rewhistle' || !demand.dispatches.some((x) => x.departmentId === d.id && x.state !== 'returned'))
              .map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      )}
      {action === 'merge' && (
        <Form.Item name="intoId" label={t('demands.act.intoId')} rules={[{ required: true, message: t('demands.act.intoIdRequired') }]}>
          <InputNumber min={1} precision={0} prefix="#" style={{ width: 200 }} />
        </Form.Item>
      )}
      <Form.Item
        name="note"
        label={noteRequired ? t('demands.act.note') : t('demands.act.noteOptional')}
        rules={noteRequired ? [{ required: true, whitespace: true, min: action === 'rewhistle' ? 2 : 1, message: t('demands.act.noteRequired') }] : []}
      >
        <Input.TextArea rows={3} maxLength={action === 'rewhistle' ? 500 : 1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
