import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import * as api from '../../../services/api.js';
import type { Household } from '../../../services/types.js';

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
}

/** Finds a household in the account's scope by room or address, as the user types. */
export function HouseholdSelect({ value, onChange, id, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const [hits, setHits] = useState<Household[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return setHits([]);
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      api
        .listHouseholds({ q: q.trim(), page: 1, pageSize: 20 })
        .then((r) => mine === seq.current && setHits(r.items))
        .catch(() => mine === seq.current && setHits([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 300);
  };

  return (
    <Select<number>
      id={id}
      aria-label={rest['aria-label']}
      value={value}
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      placeholder={placeholder}
      onChange={(v) => onChange?.(v ?? undefined)}
      notFoundContent={loading ? <Spin size="small" /> : t('orgPicker.typeToSearch')}
      options={hits.map((h) => ({ value: h.id, label: h.address }))}
    />
  );
}
