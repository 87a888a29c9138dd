/** Photos leave the phone small: at most 1600 px on the long side, JPEG at 0.8 (a few hundred KB). */
export const MAX_PHOTO_SIDE = 1600;
export const JPEG_QUALITY = 0.8;
/** The server's limit per file. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('unreadable image'));
    };
    img.src = url;
  });
}

/** The photo as a downscaled JPEG Blob, or 'too_big' when even that is over the server's limit. */
export async function downscalePhoto(file: Blob): Promise<Blob | 'too_big'> {
  const img = await loadImage(file);
  const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.fillStyle = '#fff'; // transparent PNGs would turn black in JPEG
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) throw new Error('canvas could not encode');
  return blob.size > MAX_PHOTO_BYTES ? 'too_big' : blob;
}
