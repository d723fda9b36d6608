export default function Loading() {
  return (
    <main className="page" aria-busy="true">
      <h1>Calibration</h1>
      <p className="muted">Reading every revealed guess and its measurement…</p>
    </main>
  );
}
