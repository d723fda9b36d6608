"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page-narrow">
      <h1>Something went wrong</h1>
      <p className="alert alert-error" role="alert">
        The page could not be shown. {error.digest ? `Reference: ${error.digest}.` : ""} Nothing you entered was lost on the server.
      </p>
      <button className="btn" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
