"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { PHASES, PHASE_INFO, type Phase } from "@/lib/gameday/phases";
import { useLive } from "./live-provider";

/** The step a page belongs to: the longest step path that prefixes it ("/runs/x" is Run). */
export function stepOfPath(base: string, pathname: string): Phase | null {
  let best: { phase: Phase; len: number } | null = null;
  for (const p of PHASES) {
    const href = base + PHASE_INFO[p].path;
    const match = PHASE_INFO[p].path === "" ? pathname === href : pathname === href || pathname.startsWith(href + "/");
    if (match && (!best || href.length > best.len)) best = { phase: p, len: href.length };
  }
  return best?.phase ?? null;
}

// The choice is per tab (sessionStorage): a laptop and the presenter screen of
// the same person can differ. Components re-read it when it changes.
const storeListeners = new Set<() => void>();
const subscribeStore = (listener: () => void) => {
  storeListeners.add(listener);
  return () => void storeListeners.delete(listener);
};
function readStored(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStored(key: string, value: string) {
  try {
    sessionStorage.setItem(key, value);
  } catch {}
  for (const l of storeListeners) l();
}

/**
 * Follow mode: this screen goes wherever the facilitator moves the room.
 * On by default for participants and viewers; going to another step by hand
 * leaves it (and says so), one click rejoins. Presenter mode is left alone:
 * it always shows the room's step by itself.
 */
export function FollowMode({ gameDayId, defaultOn }: { gameDayId: string; defaultOn: boolean }) {
  const live = useLive();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const base = `/gamedays/${gameDayId}`;
  const storageKey = `firedrill-follow-${gameDayId}`;
  const stored = useSyncExternalStore(subscribeStore, () => readStored(storageKey), () => null);
  const following = stored === null ? defaultOn : stored === "1";
  const goingTo = useRef<string | null>(null);
  const lastPhase = useRef(live?.phase);
  const lastPath = useRef(pathname);
  const phase = live?.phase;
  const inPresenter = pathname.startsWith(`${base}/present`);

  const setFollowing = (on: boolean) => writeStored(storageKey, on ? "1" : "0");
  const goToRoom = (target: Phase) => {
    const href = base + PHASE_INFO[target].path;
    if (stepOfPath(base, pathname) === target) return;
    goingTo.current = href;
    router.push(href);
  };

  // A join link (?follow=1) turns it on and takes you to the room at once.
  useEffect(() => {
    if (search.get("follow") !== "1") return;
    setFollowing(true);
    if (phase) goToRoom(phase);
    // Only on arrival.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // The room moved: follow it.
  useEffect(() => {
    const moved = phase !== undefined && phase !== lastPhase.current;
    lastPhase.current = phase;
    if (moved && following && !inPresenter && phase) goToRoom(phase);
  }, [phase, following]); // eslint-disable-line react-hooks/exhaustive-deps

  // You went elsewhere by hand: you are no longer following.
  useEffect(() => {
    const changed = pathname !== lastPath.current;
    lastPath.current = pathname;
    if (goingTo.current) {
      if (pathname === goingTo.current) goingTo.current = null;
      return;
    }
    if (changed && following && !inPresenter && phase && stepOfPath(base, pathname) !== phase) setFollowing(false);
  }, [pathname]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!live || inPresenter) return null;
  return (
    <button
      type="button"
      className={`btn btn-small ${following ? "btn-primary" : ""}`}
      aria-pressed={following}
      data-testid="follow-mode"
      title={following ? "Your screen follows the facilitator. Click to browse on your own." : "Go where the room is and follow the facilitator."}
      onClick={() => {
        const on = !following;
        setFollowing(on);
        if (on && phase) goToRoom(phase);
      }}
    >
      {following ? "✓ Following the room" : "Follow the room"}
    </button>
  );
}
