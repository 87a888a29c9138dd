/** Photos leave the phone small: at most 1024 px on the long side, JPEG at 0.7. */
export const MAX_PHOTO_SIDE = 1024;
export const JPEG_QUALITY = 0.7;
/** A data URL over this many characters (≈200 KB) is not sent. */
export const MAX_PHOTO_CHARS = 200_000;

function loadImage(file: File): Promise<HTMLImageElement> {
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

/** The photo as a downscaled JPEG data URL, or 'too_big' when even that is over the limit. */
export async function downscalePhoto(file: File): Promise<string | 'too_big'> {
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
  const url = canvas.toDataURL('image/jpeg', JPEG_QUALITY);
  return url.length > MAX_PHOTO_CHARS ? 'too_big' : url;
}
