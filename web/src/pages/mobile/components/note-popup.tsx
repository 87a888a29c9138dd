import { useEffect, useState } from 'react';
import { Button, Popup, TextArea, Toast } from 'antd-mobile';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/form-errors.js';
import { downscalePhoto } from '../photos.js';

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
  const [photos, setPhotos] = useState<{ blob: Blob; url: string }[]>([]);
  useEffect(() => {
    if (visible) {
      setNote('');
      setError(null);
      setPhotos((old) => {
        old.forEach((p) => URL.revokeObjectURL(p.url));
        return [];
      });
    }
  }, [visible]);

  const addPhotos = async (files: FileList | null) => {
    for (const f of Array.from(files ?? []).slice(0, MAX_PHOTOS - photos.length)) {
      try {
        const blob = await downscalePhoto(f);
        if (blob === 'too_big') Toast.show({ content: t('mobile.report.photoTooBig') });
        else setPhotos((p) => [...p, { blob, url: URL.createObjectURL(blob) }]);
      } catch {
        Toast.show({ content: t('mobile.report.photoFailed') });
      }
    }
  };

  const submit = async () => {
    if (!note.trim()) return setError(requiredMessage);
    setBusy(true);
    setError(null);
    try {
      await onSubmit(note.trim(), photos.map((p) => p.blob));
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
          <div className="m-photos">
            {photos.map((p, i) => (
              <div key={p.url} className="m-photo">
                <img src={p.url} alt={t('mobile.report.photoAlt', { n: i + 1 })} />
                <button type="button" aria-label={t('mobile.report.removePhoto')} onClick={() => setPhotos((xs) => xs.filter((_, j) => j !== i))}>
                  <CloseOutlined />
                </button>
              </div>
            ))}
            {photos.length < MAX_PHOTOS && (
              <label className="m-photo-add">
                <CameraOutlined />
                <span>{t('mobile.report.addPhoto')}</span>
                <input type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void addPhotos(e.target.files)} />
              </label>
            )}
          </div>
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
