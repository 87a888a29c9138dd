import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import * as accountsApi from '../../services/accounts-api.js';
import type { LinkCandidate, LinkKind } from '../../services/accounts-api.js';

interface Props {
  kind: LinkKind;
  /** The account's place: candidates on its branch of the tree, in the admin's scope. */
  orgId?: number;
  value?: number;
  onChange?: (id: number | undefined) => void;
  id?: string;
}

const PLACEHOLDER: Partial<Record<LinkKind, 'accounts.linkPicker.placeholderShop' | 'accounts.linkPicker.placeholderOrg'>> = {
  merchant: 'accounts.linkPicker.placeholderShop',
  work_unit: 'accounts.linkPicker.placeholderOrg',
  volunteer_org: 'accounts.linkPicker.placeholderOrg',
  property_company: 'accounts.linkPicker.placeholderOrg',
};

/** Finds the resident, department, staff record, merchant, work unit or volunteer organisation an account stands for, by name. */
export function LinkPicker({ kind, orgId, value, onChange, id }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<LinkCandidate[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    if (!orgId) {
      setItems([]);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      accountsApi.linkCandidates(kind, orgId, q.trim() || undefined).then(
        (r) => mine === seq.current && (setItems(r.items), setLoading(false)),
        () => mine === seq.current && (setItems([]), setLoading(false)),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [kind, orgId, q]);

  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={loading}
      disabled={!orgId}
      placeholder={orgId ? t(PLACEHOLDER[kind] ?? 'accounts.linkPicker.placeholder') : t('accounts.linkPicker.placeFirst')}
      notFoundContent={t('accounts.linkPicker.none')}
      aria-label={t(`accounts.linkTo.${kind}`)}
      options={items.map((c) => ({
        value: c.id,
        disabled: c.linkedAccountId !== null,
        label: `${c.label} · ${c.orgName}${c.linkedAccountId !== null ? ` · ${t('accounts.linkPicker.taken')}` : ''}`,
      }))}
    />
  );
}
