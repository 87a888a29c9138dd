import { useEffect, useState } from 'react';
import { Button, Popup, TextArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/form-errors.js';
import { PhotoPicker, usePhotoPicks } from './photo-picker.js';

const MAX_PHOTOS = 9;

/**
 * A sheet from the bottom asking for a few words (a reason, how it was solved) before a step;
 * with `withPhotos`, also photos (a handler's proof), downscaled on the phone.
 */
export function NotePopup({ visible, title, placeholder, requiredMessage, okText, onClose, onSubmit, withPhotos }: {
  visible: boolean;
  title: string;
  placeholder?: string;
  requiredMessage: string;
  okText: string;
  onClose: () => void;
  onSubmit: (note: string, photos: Blob[]) => Promise<void>;
  withPhotos?: boolean;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const picks = usePhotoPicks();
  const { clear } = picks;
  useEffect(() => {
    if (visible) {
      setNote('');
      setError(null);
      clear();
    }
  }, [visible, clear]);

  const submit = async () => {
    if (!note.trim()) return setError(requiredMessage);
    setBusy(true);
    setError(null);
    try {
      await onSubmit(note.trim(), picks.blobs());
      onClose();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName="m-popup" destroyOnClose>
      <div role="dialog" aria-label={title}>
        <h2 className="m-popup-title"><label htmlFor="m-note">{title}</label></h2>
        <TextArea value={note} onChange={setNote} placeholder={placeholder} rows={4} maxLength={500} showCount id="m-note" className="m-textarea" />
        {withPhotos && (
          <PhotoPicker picks={picks} max={MAX_PHOTOS} tooBigMessage={t('mobile.report.photoTooBig')} failedMessage={t('mobile.report.photoFailed')} />
        )}
        {error && <div className="m-error" role="alert">{error}</div>}
        <div className="m-popup-buttons">
          <Button size="large" onClick={onClose}>{t('common.cancel')}</Button>
          <Button size="large" color="primary" loading={busy} onClick={() => void submit()}>{okText}</Button>
        </div>
      </div>
    </Popup>
  );
}
