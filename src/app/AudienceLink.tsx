/**
 * "Follow on your phone" in presentation mode: a QR code and a short link of
 * the experiment on screen. The QR library (uqr) is loaded only here, on
 * demand, and bundled with the page: it works offline, and no server sees
 * the link.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../state/store';
import { audienceUrl, readableUrl } from './audienceLink';
import './lecture.css';

/** The dark modules of the QR code as one SVG path, a unit square per module. */
function modulesPath(data: boolean[][]): string {
  let d = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return d;
}

export function AudienceLink() {
  const { experiment, view } = useStore(useShallow((s) => ({ experiment: s.experiment, view: s.viewParams })));
  const url = useMemo(() => audienceUrl(experiment, view, window.location), [experiment, view]);
  const [qr, setQr] = useState<{ url: string; data: boolean[][] } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('uqr').then(({ encode }) => {
      if (!cancelled) setQr({ url, data: encode(url, { ecc: 'M', border: 2 }).data });
    });
    return () => {
      cancelled = true;
    };
  }, [url]);
  const size = qr?.data.length ?? 0;
  return (
    <aside className="audience-link" aria-label="follow on your phone">
      {qr && qr.url === url && (
        <svg
          className="audience-qr"
          viewBox={`0 0 ${size} ${size}`}
          role="img"
          aria-label={`QR code of ${readableUrl(url)}`}
          data-url={url}
          shapeRendering="crispEdges"
        >
          <rect width={size} height={size} fill="#fff" />
          <path d={modulesPath(qr.data)} fill="#000" />
        </svg>
      )}
      <p>
        Follow on your phone:
        <br />
        <a href={url} className="audience-url">
          {readableUrl(url)}
        </a>
      </p>
    </aside>
  );
}
