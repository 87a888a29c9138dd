import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import { useLoad } from '../../../components/use-load.js';
import * as api from '../../../services/api.js';
import type { AssignableHandler, DemandDetail, Department } from '../../../services/types.js';
import { needsNote, type DemandAction } from '../lifecycle.js';
import { PhotoUpload } from './demand-photos.js';

export type ModalAction = DemandAction | 'rewhistle';

interface Values {
  note?: string;
  handlerAccountId?: number;
  departmentIds?: number[];
  intoId?: number;
  attachments?: number[];
  days?: number;
  releaseDispatchIds?: number[];
}

/** Steps where the handler may add photos: the proof that it is fixed. */
const WITH_PHOTOS: ModalAction[] = ['resolve', 'solve_on_spot'];

/** One lifecycle step that needs more than a click: a note, a handler, departments or a target. */
export function ActionModal({ demand, action, onClose, onDone }: {
  demand: DemandDetail;
  action: ModalAction | null;
  onClose: () => void;
  onDone: (d: DemandDetail, action: ModalAction) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const wantsDepartments = action === 'escalate' || action === 'rewhistle';
  const departments: Department[] = useLoad(wantsDepartments ? 'departments' : null, () => api.listDepartments(), t('error.unknown')).data?.items ?? [];
  // Only those the server accepts for this place: its grid worker, community staff, the compound's property company.
  const handlers: AssignableHandler[] = useLoad(
    action === 'assign' ? `${demand.id}` : null,
    () => api.listAssignableHandlers(demand.id),
    t('error.unknown'),
  ).data?.items ?? [];

  const noteRequired = action === 'rewhistle' || (!!action && needsNote(action));
  const title = action ? (action === 'rewhistle' ? t('demands.detail.rewhistle') : t(`demandAction.${action}`)) : '';

  const submit = async (v: Values) => {
    const note = v.note?.trim() || undefined;
    const d = action === 'rewhistle'
      ? await api.rewhistle(demand.id, v.departmentIds ?? [], note ?? '', v.releaseDispatchIds)
      : await api.demandAction(demand.id, action!, {
        note, handlerAccountId: v.handlerAccountId, departmentIds: v.departmentIds, intoId: v.intoId,
        attachments: v.attachments?.length ? v.attachments : undefined, days: v.days,
      });
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
      {action === 'rewhistle' && demand.dispatches.some((x) => x.state === 'dispatched' || x.state === 'accepted') && (
        <Form.Item name="releaseDispatchIds" label={t('demandAction.dispatch_request_reroute')}>
          <Select
            mode="multiple"
            options={demand.dispatches
              .filter((x) => x.state === 'dispatched' || x.state === 'accepted')
              .map((x) => ({ value: x.id, label: x.departmentName }))}
          />
        </Form.Item>
      )}
      {action === 'request_extension' && (
        <Form.Item name="days" label={t('demands.act.days')} extra={t('demands.act.daysHelp')} rules={[{ required: true, message: t('demands.act.daysRequired') }]}>
          <InputNumber min={1} max={10} precision={0} style={{ width: 120 }} />
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
      {action && WITH_PHOTOS.includes(action) && (
        <Form.Item name="attachments" label={t('demands.photos.proof')}>
          <PhotoUpload />
        </Form.Item>
      )}
    </FormModal>
  );
}
