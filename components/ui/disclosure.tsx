"use client";

import { useState, type ReactNode } from "react";

/** A <details> that remembers whether the user opened it across server re-renders. */
export function Disclosure({ summary, initiallyOpen, children, className, summaryClassName }: { summary: ReactNode; initiallyOpen?: boolean; children: ReactNode; className?: string; summaryClassName?: string }) {
  const [open, setOpen] = useState(Boolean(initiallyOpen));
  return (
    <details className={className} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className={summaryClassName}>{summary}</summary>
      {children}
    </details>
  );
}
