import { useCallback, useEffect, useRef, useState } from 'react';
import { Toast } from 'antd-mobile';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downscalePhoto } from '../photos.js';

/** A photo taken on the phone: a downscaled JPEG and a preview URL. */
export interface PickedPhoto {
  blob: Blob;
  url: string;
}

/** The photos of one form; preview URLs are freed when removed, cleared or on leaving the page. */
export function usePhotoPicks() {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const urls = useRef<string[]>([]);
  urls.current = photos.map((p) => p.url);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);
  const clear = useCallback(() => setPhotos((old) => {
    old.forEach((p) => URL.revokeObjectURL(p.url));
    return [];
  }), []);
  return { photos, setPhotos, clear, blobs: () => photos.map((p) => p.blob) };
}

export type PhotoPicks = ReturnType<typeof usePhotoPicks>;

/**
 * Thumbnails with a remove button and a camera tile while fewer than `max`; each picked file is
 * downscaled on the phone (a photo still too big after that is refused with `tooBigMessage`).
 */
export function PhotoPicker({ picks, max, multiple = true, tooBigMessage, failedMessage }: {
  picks: PhotoPicks;
  max: number;
  multiple?: boolean;
  tooBigMessage: string;
  failedMessage: string;
}) {
  const { t } = useTranslation();
  const { photos, setPhotos } = picks;
  const input = useRef<HTMLInputElement>(null);

  const add = async (files: FileList | null) => {
    for (const f of Array.from(files ?? []).slice(0, max - photos.length)) {
      try {
        const blob = await downscalePhoto(f);
        if (blob === 'too_big') Toast.show({ content: tooBigMessage, duration: 3000 });
        else setPhotos((p) => [...p, { blob, url: URL.createObjectURL(blob) }]);
      } catch {
        Toast.show({ content: failedMessage });
      }
    }
    // The same file picked again must fire onChange again.
    if (input.current) input.current.value = '';
  };

  const remove = (i: number) => {
    URL.revokeObjectURL(photos[i].url);
    setPhotos((xs) => xs.filter((_, j) => j !== i));
  };

  return (
    <div className="m-photos">
      {photos.map((p, i) => (
        <div key={p.url} className="m-photo">
          <img src={p.url} alt={t('mobile.report.photoAlt', { n: i + 1 })} />
          <button type="button" aria-label={t('mobile.report.removePhoto')} onClick={() => remove(i)}>
            <CloseOutlined />
          </button>
        </div>
      ))}
      {photos.length < max && (
        <label className="m-photo-add">
          <CameraOutlined />
          <span>{t('mobile.report.addPhoto')}</span>
          <input ref={input} type="file" accept="image/*" capture="environment" multiple={multiple} hidden onChange={(e) => void add(e.target.files)} />
        </label>
      )}
    </div>
  );
}
