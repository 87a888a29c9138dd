import { useState } from 'react';
import { Image, Space, Upload, type UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import * as api from '../../../services/api.js';
import type { UploadedFile } from '../../../services/types.js';
import { downscalePhoto } from '../../mobile/photos.js';

/** Thumbnails of a demand's photos (or a step's attachments); a click opens the preview. */
export function DemandPhotos({ urls, label, size = 96 }: { urls: string[]; label: string; size?: number }) {
  const { t } = useTranslation();
  if (!urls.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap className="demand-photos" role="group" aria-label={label}>
        {urls.map((p, i) => (
          <Image key={p} src={p} width={size} height={size} style={{ objectFit: 'cover' }} alt={t('demands.photos.alt', { n: i + 1 })} loading="lazy" />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

export const MAX_PHOTOS = 9;

/**
 * Photos for a form (a handler's proof of resolution): each is downscaled in the browser,
 * uploaded at once, and the field's value is the list of uploaded ids.
 */
export function PhotoUpload({ onChange }: { value?: number[]; onChange?: (ids: number[]) => void }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<UploadFile<UploadedFile>[]>([]);
  return (
    <Upload<UploadedFile>
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp,image/*"
      multiple
      maxCount={MAX_PHOTOS}
      fileList={files}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const small = await downscalePhoto(file as Blob);
          if (small === 'too_big') throw new Error(t('demands.photos.tooBig'));
          onSuccess?.(await api.uploadFile(small, 'photo.jpg'));
        } catch (e) {
          onError?.(e instanceof Error ? e : new Error(String(e)));
        }
      }}
      onChange={({ fileList }) => {
        setFiles(fileList);
        onChange?.(fileList.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
      }}
    >
      {files.length < MAX_PHOTOS && (
        <button type="button" className="photo-upload-button" aria-label={t('demands.photos.add')}>
          <PlusOutlined />
          <div>{t('demands.photos.add')}</div>
        </button>
      )}
    </Upload>
  );
}
