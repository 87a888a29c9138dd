import { useTranslation } from 'react-i18next';
import { RevealDialog } from '../../../components/reveal-dialog.js';
import * as api from '../../../services/api.js';
import type { PiiField, Resident } from '../../../services/types.js';

interface Props {
  resident: Resident;
  field: PiiField;
  onClose: () => void;
}

/** One resident's full ID number or phone, for a listed reason (audited by the server). */
export function RevealModal({ resident, field, onClose }: Props) {
  const { t } = useTranslation();
  const fieldName = t(`residents.pii.${field}`);
  return (
    <RevealDialog
      title={t('residents.reveal.title', { field: fieldName, name: resident.name })}
      valueLabel={fieldName}
      masked={field === 'idNumber' ? resident.idNumber : resident.phone}
      facts={[{ key: 'name', label: t('residents.col.name'), children: resident.name }]}
      reveal={(reason) => api.revealResidentField(resident.id, field, reason)}
      onClose={onClose}
    />
  );
}
