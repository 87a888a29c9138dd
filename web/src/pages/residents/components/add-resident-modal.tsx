import { useEffect, useRef, useState } from 'react';
import { App, Form, Input, Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import * as api from '../../../services/api.js';
import { RELATIONS, type Household, type NewResident, type Relation } from '../../../services/types.js';

interface Values {
  householdId: number;
  name: string;
  idNumber: string;
  phone?: string;
  relation: Relation;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  /** The household the list is filtered to, offered first. */
  household?: { id: number; label: string };
}

export function AddResidentModal({ open, onClose, onDone, household }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [options, setOptions] = useState<Household[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const searchHouseholds = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(() => {
      setSearching(true);
      api
        .listHouseholds({ q: q.trim(), page: 1, pageSize: 20 })
        .then((r) => setOptions(r.items))
        .catch(() => setOptions([]))
        .finally(() => setSearching(false));
    }, 300);
  };

  const householdOptions = [
    ...(household && !options.some((h) => h.id === household.id) ? [{ value: household.id, label: household.label }] : []),
    ...options.map((h) => ({ value: h.id, label: h.address })),
  ];

  return (
    <FormModal<Values>
      open={open}
      width={560}
      title={t('residents.add.title')}
      form={form}
      onClose={onClose}
      initialValues={{ householdId: household?.id, relation: 'member' }}
      onSubmit={async (v) => {
        const input: NewResident = {
          householdId: v.householdId,
          name: v.name.trim(),
          idNumber: v.idNumber.trim().toUpperCase(),
          phone: v.phone?.trim() || undefined,
          relation: v.relation,
        };
        const r = await api.createResident(input);
        message.success(t('residents.add.done', { name: r.name }));
        onDone();
      }}
    >
      <Form.Item name="householdId" label={t('residents.add.household')} rules={[{ required: true, message: t('residents.add.householdRequired') }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: searchHouseholds }}
          placeholder={t('residents.add.householdPlaceholder')}
          options={householdOptions}
          notFoundContent={searching ? <Spin size="small" /> : t('residents.add.householdHint')}
        />
      </Form.Item>
      <Form.Item name="name" label={t('residents.add.name')} rules={[{ required: true, whitespace: true, message: t('residents.add.nameRequired') }]}>
        <Input maxLength={30} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('residents.add.idNumber')}
        extra={t('residents.add.idNumberHint')}
        rules={[{ required: true, whitespace: true, message: t('residents.add.idNumberRequired') }]}
      >
        <Input maxLength={18} autoComplete="off" className="mono" />
      </Form.Item>
      <Form.Item name="phone" label={t('residents.add.phone')} extra={t('residents.add.phoneHint')}>
        <Input maxLength={11} inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item name="relation" label={t('residents.add.relation')} rules={[{ required: true }]}>
        <Select options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
