"use client";

import { Disclosure } from "@/components/ui/disclosure";

/** The link and QR code participants use to open this GameDay on their laptops, in follow mode. */
export function JoinPanel({ url, qr }: { url: string; qr: string }) {
  return (
    <Disclosure className="join-panel" summaryClassName="btn btn-small" summary="Join on your laptop">
      <div className="join-panel-body card">
        {/* eslint-disable-next-line @next/next/no-img-element -- a generated data: URL, nothing to optimise */}
        <img src={qr} alt={`QR code for ${url}`} width={180} height={180} />
        <p className="small">
          Scan, or open: <br />
          <a href={url} data-testid="join-link">
            {url}
          </a>
        </p>
      </div>
    </Disclosure>
  );
}
