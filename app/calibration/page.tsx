import { requireUser } from "@/app/_server/session";
import { orNotFound } from "@/app/_server/load";
import { AppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";
import { getCalibration } from "@/lib/gameday/guesses/load-calibration";
import { CalibrationView } from "@/components/guesses/calibration-view";

export const metadata = { title: "Calibration" };

/** The team's calibration; `?person=` one person's (theirs, or a facilitator's look). */
export default async function CalibrationPage({ searchParams }: { searchParams: Promise<{ person?: string | string[] }> }) {
  const user = await requireUser();
  const raw = (await searchParams).person;
  const person = raw === undefined ? undefined : idSchema.safeParse(raw);
  if (person && !person.success) return <Refused message="That person link is not valid." />;
  const view = await orNotFound(() =>
    getCalibration(user, { personId: person?.data }).catch((error: unknown) => {
      // Someone else's calibration: said on the page, and nothing of it loaded.
      if (error instanceof AppError && error.code === "FORBIDDEN") return { refused: error.message };
      throw error;
    }),
  );
  if ("refused" in view) return <Refused message={view.refused} />;
  return <CalibrationView view={view} meId={user.id} />;
}

function Refused({ message }: { message: string }) {
  return (
    <main className="page-narrow">
      <h1>Calibration</h1>
      <p className="alert alert-error" data-testid="calibration-refused">
        {message}
      </p>
    </main>
  );
}
