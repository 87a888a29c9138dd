import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../../../services/api.js';
import type { DemandCategory } from '../../../services/types.js';

const CACHE_KEY = 'linli.demandCategories';

/** The categories, kept on the phone too: a report written offline still needs them. */
export function useCategories() {
  const [items, setItems] = useState<DemandCategory[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(CACHE_KEY) ?? '[]') as DemandCategory[];
    } catch {
      return [];
    }
  });
  useEffect(() => {
    api.listDemandCategories().then(
      (r) => {
        setItems(r.items);
        try {
          localStorage.setItem(CACHE_KEY, JSON.stringify(r.items));
        } catch {
          // Not cached; the list still shows.
        }
      },
      () => undefined,
    );
  }, []);
  return items;
}

/** Big buttons, two or three a row: one tap picks a category. */
export function CategoryGrid({ value, onChange, label }: { value?: string; onChange: (code: string) => void; label: string }) {
  const { t } = useTranslation();
  const items = useCategories();
  if (!items.length) return <div className="m-muted">{t('common.loading')}</div>;
  return (
    <div className="m-category-grid" role="radiogroup" aria-label={label}>
      {items.map((c) => (
        <button
          key={c.code}
          type="button"
          role="radio"
          aria-checked={value === c.code}
          className={`m-category${value === c.code ? ' selected' : ''}`}
          onClick={() => onChange(c.code)}
        >
          {c.name}
        </button>
      ))}
    </div>
  );
}
