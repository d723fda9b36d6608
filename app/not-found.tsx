import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page-narrow">
      <h1>Not found</h1>
      <p>There is nothing here — the link may be old, or this belongs to another team.</p>
      <Link className="btn" href="/">
        Back to GameDays
      </Link>
    </main>
  );
}
