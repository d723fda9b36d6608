"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface Step {
  phase: string;
  number: number;
  label: string;
  href: string;
  state: "done" | "current" | "upcoming";
}

/** The GameDay loop as tabs: where the room is (state) and where you are (aria-current). */
export function PhaseStepper({ steps }: { steps: Step[] }) {
  const path = usePathname();
  const active = [...steps].sort((a, b) => b.href.length - a.href.length).find((s) => path === s.href || path.startsWith(s.href + "/"));
  return (
    <nav className="stepper" aria-label="GameDay steps">
      {steps.map((s) => (
        <Link key={s.phase} href={s.href} data-state={s.state} aria-current={active?.phase === s.phase ? "page" : undefined}>
          <span className="num" aria-hidden>
            {s.state === "done" ? "✓" : s.number}
          </span>
          {s.label}
          {s.state === "current" && <span className="sr-only">(current step)</span>}
        </Link>
      ))}
    </nav>
  );
}
