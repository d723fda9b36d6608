"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { ThemeToggle } from "./theme-toggle";

export function TopBar({ user }: { user: { name: string; role: string; teamName: string } | null }) {
  const path = usePathname();
  const current = (href: string) => (href === "/" ? path === "/" : path.startsWith(href)) ? "page" : undefined;
  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label="Firedrill home">
        <span aria-hidden>▲</span>Firedrill
      </Link>
      <nav aria-label="Main">
        {user && (
          <>
            <Link href="/" aria-current={current("/") }>GameDays</Link>
            <Link href="/team" aria-current={current("/team")}>Team</Link>
            <Link href="/calibration" aria-current={current("/calibration")}>Calibration</Link>
            {(user.role === "admin" || user.role === "facilitator") && <Link href="/clusters" aria-current={current("/clusters")}>Clusters</Link>}
            {(user.role === "admin" || user.role === "facilitator") && <Link href="/settings/metrics" aria-current={current("/settings/metrics")}>Metrics</Link>}
            {user.role === "admin" && <Link href="/audit" aria-current={current("/audit")}>Audit log</Link>}
            {user.role === "admin" && <Link href="/settings/trackers" aria-current={current("/settings/trackers")}>Trackers</Link>}
            <Link href="/settings/tokens" aria-current={current("/settings/tokens")}>API tokens</Link>
          </>
        )}
      </nav>
      <div className="who">
        <ThemeToggle />
        {user ? (
          <>
            <span>
              {user.name} · <span className="badge">{user.role}</span>
            </span>
            <button className="btn btn-small btn-ghost" onClick={() => signOut({ callbackUrl: "/signin" })}>
              Sign out
            </button>
          </>
        ) : (
          <Link href="/signin">Sign in</Link>
        )}
      </div>
    </header>
  );
}
