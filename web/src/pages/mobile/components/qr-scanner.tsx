import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/**
 * The browser's own QR reader where there is one (Chrome on Android): no library, no download.
 * Elsewhere (iOS Safari, desktop, headless test browsers) there is none, and every page that
 * scans keeps a typed code as the way in.
 */
interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (o: { formats: string[] }) => Detector;
const detectorClass = () => (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;

/** Whether this phone can scan at all: a QR reader and a camera API. */
export const qrScannerSupported = () => !!detectorClass() && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

export type ScanProblem = 'noScanner' | 'noCamera' | 'timeout';

/** A page's own wording; what it leaves out reads as the shared texts (qrScanner.*). */
export interface QrScannerTexts {
  start?: string;
  stop?: string;
  noScanner?: string;
  noCamera?: string;
  timeout?: string;
}

const SCAN_EVERY_MS = 200;

/**
 * Scans with the rear camera while `active`: hands the first QR's text to `onResult`, or says why
 * not. The camera is released on a result, on `stop()`, on timeout and when the page goes away —
 * a stream left open keeps the phone's camera light on and its battery draining.
 */
export function useQrScanner(onResult: (text: string) => void, timeoutMs = 30_000) {
  const video = useRef<HTMLVideoElement>(null);
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<ScanProblem | null>(null);
  // The latest callback, so a page re-rendering mid-scan does not restart the camera.
  const handler = useRef(onResult);
  handler.current = onResult;

  useEffect(() => {
    if (!active) return;
    const Det = detectorClass();
    if (!Det || !qrScannerSupported()) {
      setProblem('noScanner');
      setActive(false);
      return;
    }
    let stopped = false;
    let stream: MediaStream | null = null;
    const release = () => {
      stream?.getTracks().forEach((track) => track.stop());
      stream = null;
      if (video.current) video.current.srcObject = null;
    };
    const deadline = Date.now() + timeoutMs;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        // Cancelled while the permission prompt was up: give the camera straight back.
        if (stopped || !video.current) return release();
        video.current.srcObject = stream;
        await video.current.play();
        const detector = new Det({ formats: ['qr_code'] });
        while (!stopped) {
          if (Date.now() > deadline) {
            setProblem('timeout');
            break;
          }
          const found = await detector.detect(video.current).catch(() => []);
          const text = found.find((f) => f.rawValue)?.rawValue;
          if (text && !stopped) {
            stopped = true;
            release();
            setActive(false);
            handler.current(text);
            return;
          }
          await new Promise((r) => setTimeout(r, SCAN_EVERY_MS));
        }
      } catch {
        // Permission refused, no rear camera, or the camera is held by another app.
        if (!stopped) setProblem('noCamera');
      }
      release();
      if (!stopped) setActive(false);
    })();
    return () => {
      stopped = true;
      release();
    };
  }, [active, timeoutMs]);

  return {
    video,
    active,
    problem,
    start: () => {
      setProblem(null);
      setActive(true);
    },
    stop: () => setActive(false),
  };
}

/**
 * One scan button with its viewfinder, stop button and the reason a scan did not work. The page
 * keeps its typed-code field beside it: that is the fallback the "no scanner" text points to.
 */
export function QrScanner({ onResult, texts = {}, timeoutMs, buttonColor = 'primary', buttonClassName, style }: {
  onResult: (text: string) => void;
  texts?: QrScannerTexts;
  timeoutMs?: number;
  buttonColor?: 'primary' | 'default';
  buttonClassName?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const scanner = useQrScanner(onResult, timeoutMs);
  const say: Record<ScanProblem, string> = {
    noScanner: texts.noScanner ?? t('qrScanner.noScanner'),
    noCamera: texts.noCamera ?? t('qrScanner.noCamera'),
    timeout: texts.timeout ?? t('qrScanner.timeout'),
  };
  return (
    <div style={style}>
      <Button block size="large" color={buttonColor} className={buttonClassName} loading={scanner.active} onClick={scanner.start}>
        {texts.start ?? t('qrScanner.start')}
      </Button>
      <video ref={scanner.video} muted playsInline aria-label={texts.start ?? t('qrScanner.start')}
        style={{ width: '100%', borderRadius: 8, marginTop: 8, display: scanner.active ? 'block' : 'none' }} />
      {scanner.active && <Button block size="large" style={{ marginTop: 8 }} onClick={scanner.stop}>{texts.stop ?? t('qrScanner.stop')}</Button>}
      {scanner.problem && <div className="m-error" role="alert" data-testid="qr-scanner-problem" style={{ marginTop: 8 }}>{say[scanner.problem]}</div>}
    </div>
  );
}
