"use client";

import { useEffect, useState } from "react";

function format(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(sec).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Time left until `endsAt`; calls onElapsed once when it reaches zero. */
export function Countdown({ endsAt, onElapsed }: { endsAt: string; onElapsed?: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  const end = new Date(endsAt).getTime();
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const left = end - now;
  useEffect(() => {
    if (left <= 0) onElapsed?.();
  }, [left <= 0]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="countdown" role="timer" aria-label="Time left" data-testid="countdown">
      {format(left)}
    </div>
  );
}
